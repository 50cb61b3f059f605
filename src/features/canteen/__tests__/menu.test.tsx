import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { addMockVotes, canteenMock, setMockMenu } from '../../../../mock/canteen';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import MenuPage from '@/packages/canteen/pages/menu/index';
import { LAST_CANTEEN_KEY } from '../store';
import { MONDAY, MONDAY_NOON, realNow, setNow } from './clock';

const MENU_PAGE = '/packages/canteen/pages/menu/index';

/** The 赞 and 踩 buttons of a dish card, found by the dish's name. */
function votes(dish: string) {
  const card = screen.getByRole('group', { name: dish });
  return {
    up: within(card).getByRole('button', { name: /^赞/ }),
    down: within(card).getByRole('button', { name: /^踩/ }),
  };
}
const label = (el: HTMLElement) => el.getAttribute('aria-label');
const mealOrder = () => screen.getAllByText(/^(早餐|午餐|晚餐)$/).map((el) => el.textContent);

describe('今日菜品', () => {
  beforeEach(() => {
    setNow(MONDAY_NOON);
    taroTest.setRoute(MENU_PAGE);
  });
  afterEach(realNow);

  it('shows today’s meals in the day’s order with the one being served now marked, each dish with its details and counts', async () => {
    signInAs('demo-staff');
    render(<MenuPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();

    expect(await screen.findByRole('group', { name: '红烧肉' })).toBeTruthy();
    expect(mealOrder()).toEqual(['早餐', '午餐', '晚餐']);
    expect(within(screen.getByLabelText('午餐')).getByText('供应中')).toBeTruthy();
    expect(screen.getByText('11:30–13:00')).toBeTruthy();
    expect(screen.getByText('11月23日 周一（今天）')).toBeTruthy();
    expect(screen.getByText('工作日')).toBeTruthy();

    const pork = screen.getByRole('group', { name: '红烧肉' });
    expect(within(pork).getByText('荤菜')).toBeTruthy();
    expect(within(pork).getByText('招牌')).toBeTruthy();
    expect(within(pork).getByText('含过敏原：大豆')).toBeTruthy();
    expect(label(votes('红烧肉').up)).toBe('赞 5');
    expect(label(votes('红烧肉').down)).toBe('踩 1');
    // Staff see 报餐 but not the canteen's management.
    expect(screen.getByText('报餐')).toBeTruthy();
    expect(screen.queryByText('食堂管理')).toBeNull();
  });

  it('keeps 早餐, 午餐, 晚餐 in order after lunch too, marking dinner as 下一餐', async () => {
    setNow('2026-11-23T15:00:00+08:00');
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });
    expect(mealOrder()).toEqual(['早餐', '午餐', '晚餐']);
    expect(within(screen.getByLabelText('晚餐')).getByText('下一餐')).toBeTruthy();
    expect(screen.queryByText('供应中')).toBeNull();
  });

  it('says so when the day has no published menu', async () => {
    for (const meal of ['breakfast', 'lunch', 'dinner'] as const) setMockMenu('canteen-1', MONDAY, meal, [], false);
    signInAs('demo-staff');
    render(<MenuPage />);
    expect(await screen.findByText('今天暂无已发布的菜单')).toBeTruthy();
  });

  it('hides draft meals from staff', async () => {
    setMockMenu('canteen-1', MONDAY, 'lunch', ['红烧肉'], false);
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '宫保鸡丁' });
    expect(screen.queryByRole('group', { name: '红烧肉' })).toBeNull();
    expect(screen.getByText('本餐菜单暂未发布')).toBeTruthy();
  });

  it('remembers the canteen picked on this device', async () => {
    signInAs('demo-staff');
    const { unmount } = render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });

    fireEvent.click(screen.getByRole('tab', { name: '第二食堂' }));
    expect(await screen.findByRole('group', { name: '酸菜鱼' })).toBeTruthy();
    expect(screen.getByText('第二食堂 · C座二楼')).toBeTruthy();
    unmount();

    expect(JSON.parse(String(taroTest.storage.get(LAST_CANTEEN_KEY)))).toBe('canteen-2');
    render(<MenuPage />);
    expect(await screen.findByRole('group', { name: '酸菜鱼' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: '第二食堂' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/canteens/:canteenId/menu', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<MenuPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();

    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByRole('group', { name: '红烧肉' })).toBeTruthy();
  });

  it('counts a vote at once, then shows the server’s counts; tapping again withdraws it', async () => {
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });
    // Meanwhile two colleagues like it too: the server's answer will know, the screen not yet.
    addMockVotes('canteen-1', MONDAY, '红烧肉', 2);
    server.use(
      http.put('*/api/canteens/:canteenId/menu/:date/dishes/:dishId/vote', async () => {
        await delay(30);
        return undefined; // on to the mock's handler
      }),
    );

    fireEvent.click(votes('红烧肉').up);
    expect(label(votes('红烧肉').up)).toBe('赞 6，已赞'); // optimistic
    await waitFor(() => expect(label(votes('红烧肉').up)).toBe('赞 8，已赞')); // corrected

    fireEvent.click(votes('红烧肉').up);
    expect(label(votes('红烧肉').up)).toBe('赞 7');
    await waitFor(() => {
      const world = canteenMock();
      expect([...world.votes.keys()].some((k) => k.endsWith('|demo-staff'))).toBe(false);
    });
    expect(label(votes('红烧肉').up)).toBe('赞 7');
    expect(taroTest.toasts).toEqual([]);
  });

  it('changes 赞 to 踩 and keeps the last tap when tapping fast', async () => {
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '番茄炒蛋' });

    fireEvent.click(votes('番茄炒蛋').up);
    fireEvent.click(votes('番茄炒蛋').down);
    expect(label(votes('番茄炒蛋').up)).toBe('赞 2');
    expect(label(votes('番茄炒蛋').down)).toBe('踩 1，已踩');

    await waitFor(() =>
      expect(canteenMock().votes.get(`canteen-1|${MONDAY}|canteen-1-dish-02|demo-staff`)).toBe('down'),
    );
    await act(() => delay(20));
    expect(label(votes('番茄炒蛋').down)).toBe('踩 1，已踩');
    expect(label(votes('番茄炒蛋').up)).toBe('赞 2');
  });

  it('puts the counts back and says why when a vote fails', async () => {
    server.use(
      http.put('*/api/canteens/:canteenId/menu/:date/dishes/:dishId/vote', () => errorResponse(503, 'INTERNAL'), {
        once: true,
      }),
    );
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });

    fireEvent.click(votes('红烧肉').down);
    expect(label(votes('红烧肉').down)).toBe('踩 2，已踩');

    await waitFor(() => expect(taroTest.toasts).toEqual(['服务暂时不可用，请稍后再试']));
    expect(label(votes('红烧肉').down)).toBe('踩 1');
    expect(label(votes('红烧肉').up)).toBe('赞 5');
  });

  it('shows the server’s reason when the menu was withdrawn meanwhile', async () => {
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });
    setMockMenu('canteen-1', MONDAY, 'lunch', ['红烧肉', '番茄炒蛋'], false);
    server.use(
      http.put(
        '*/api/canteens/:canteenId/menu/:date/dishes/:dishId/vote',
        () => errorResponse(409, 'MENU_NOT_PUBLISHED'),
        {
          once: true,
        },
      ),
    );

    fireEvent.click(votes('红烧肉').up);
    await waitFor(() => expect(taroTest.toasts).toEqual(['这一餐的菜单还未发布，发布后才能评价']));
    expect(label(votes('红烧肉').up)).toBe('赞 5');
  });

  it('shows future menus without voting', async () => {
    taroTest.setRoute(`${MENU_PAGE}?date=2026-11-24&canteenId=canteen-1`);
    let requests = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PUT') requests += 1;
    });
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });

    expect(screen.getByText('还没到这一天，开餐当天起才能评价')).toBeTruthy();
    expect(screen.getByText('11月24日 周二（明天）')).toBeTruthy();
    expect(votes('红烧肉').up.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(votes('红烧肉').up);
    expect(label(votes('红烧肉').up)).toBe('赞 0');
    expect(mealOrder()).toEqual(['早餐', '午餐', '晚餐']);
    server.events.removeAllListeners();
    expect(requests).toBe(0);
  });

  it('lets canteen staff see drafts, marked, and reach 食堂管理', async () => {
    setMockMenu('canteen-1', MONDAY, 'dinner', ['清蒸鲈鱼'], false);
    signInAs('demo-canteen');
    render(<MenuPage />);
    const fish = await screen.findByRole('group', { name: '清蒸鲈鱼' });
    expect(screen.getByText('草稿·职工不可见')).toBeTruthy();
    expect(within(fish).getByRole('button', { name: /^赞/ }).getAttribute('aria-disabled')).toBe('true');
    expect(screen.queryByText('报餐')).toBeNull();

    fireEvent.click(screen.getByText('食堂管理'));
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/canteen/pages/manage/index?canteenId=canteen-1' },
    ]);
  });

  it('refreshes on pull-down', async () => {
    signInAs('demo-staff');
    render(<MenuPage />);
    await screen.findByRole('group', { name: '红烧肉' });
    addMockVotes('canteen-1', MONDAY, '红烧肉', 3);

    taroTest.pullDown();
    await waitFor(() => expect(label(votes('红烧肉').up)).toBe('赞 8'));
    await waitFor(() => expect(taroTest.stoppedPullDown).toBe(1));
  });
});
