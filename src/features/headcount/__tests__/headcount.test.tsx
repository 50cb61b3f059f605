import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { headcountMock } from '../../../../mock/headcount';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import HeadcountPage from '@/packages/headcount/pages/signup/index';
import { MONDAY_NOON, realNow, setNow } from '@/features/canteen/__tests__/clock';

/** The radio group of one meal on one day, e.g. row('11月24日 周二（明天）', '午餐'). */
function row(day: string, meal: '午餐' | '晚餐') {
  return within(within(screen.getByLabelText(day)).getByRole('radiogroup', { name: meal }));
}
const checked = (el: HTMLElement) => el.getAttribute('aria-checked') === 'true';

describe('报餐', () => {
  beforeEach(() => {
    setNow(MONDAY_NOON);
    taroTest.setRoute('/packages/headcount/pages/signup/index');
  });
  afterEach(realNow);

  it('lists the next workdays whose sign-up is still open, lunch and dinner at each canteen', async () => {
    signInAs('demo-staff');
    render(<HeadcountPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();

    expect(await screen.findByText('11月24日 周二（明天）')).toBeTruthy();
    // Today's sign-ups closed yesterday; the weekend is skipped.
    expect(screen.queryByText(/11月23日/)).toBeNull();
    expect(screen.getByText('11月30日 周一')).toBeTruthy();
    expect(screen.queryByText(/11月28日/)).toBeNull();
    const lunch = row('11月24日 周二（明天）', '午餐');
    expect(checked(lunch.getByRole('radio', { name: '午餐：不就餐' }))).toBe(true);
    expect(checked(lunch.getByRole('radio', { name: '午餐：第一食堂' }))).toBe(false);
    expect(
      within(screen.getByLabelText('11月24日 周二（明天）')).getByText(
        '报餐截止：第一食堂 今天 16:00，第二食堂 今天 15:00',
      ),
    ).toBeTruthy();
    expect(await screen.findByText('报餐截止 · 第一食堂：前一天 16:00；第二食堂：前一天 15:00')).toBeTruthy();
  });

  it('signs up for lunch at a canteen and withdraws again', async () => {
    signInAs('demo-staff');
    render(<HeadcountPage />);
    await screen.findByText('11月24日 周二（明天）');

    fireEvent.click(row('11月24日 周二（明天）', '午餐').getByRole('radio', { name: '午餐：第一食堂' }));
    expect(checked(row('11月24日 周二（明天）', '午餐').getByRole('radio', { name: '午餐：第一食堂' }))).toBe(true);
    await waitFor(() => expect(taroTest.toasts).toEqual(['已报餐']));
    expect(headcountMock().signups.get('demo-staff|2026-11-24|lunch')).toBe('canteen-1');
    expect(screen.getByLabelText('接下来 5 个工作日，已报 1 餐')).toBeTruthy();

    fireEvent.click(row('11月24日 周二（明天）', '午餐').getByRole('radio', { name: '午餐：不就餐' }));
    await waitFor(() => expect(taroTest.toasts).toEqual(['已报餐', '已取消报餐']));
    expect(headcountMock().signups.has('demo-staff|2026-11-24|lunch')).toBe(false);
  });

  it('shows why a sign-up was refused after the cut-off and puts the choice back', async () => {
    server.use(http.put('*/api/headcount/mine', () => errorResponse(409, 'HEADCOUNT_CLOSED'), { once: true }));
    signInAs('demo-staff');
    render(<HeadcountPage />);
    await screen.findByText('11月24日 周二（明天）');

    fireEvent.click(row('11月24日 周二（明天）', '晚餐').getByRole('radio', { name: '晚餐：第二食堂' }));

    expect(await screen.findByText('报餐已截止，如需就餐请直接联系食堂')).toBeTruthy();
    const dinner = row('11月24日 周二（明天）', '晚餐');
    expect(checked(dinner.getByRole('radio', { name: '晚餐：不就餐' }))).toBe(true);
    expect(checked(dinner.getByRole('radio', { name: '晚餐：第二食堂' }))).toBe(false);
    expect(taroTest.toasts).toEqual([]);
  });

  it('greys out a canteen whose cut-off has passed', async () => {
    setNow('2026-11-23T15:30:00+08:00');
    signInAs('demo-staff');
    render(<HeadcountPage />);
    await screen.findByText('11月24日 周二（明天）');

    const lunch = row('11月24日 周二（明天）', '午餐');
    const closed = lunch.getByRole('radio', { name: '午餐：第二食堂' });
    expect(closed.textContent).toBe('第二食堂（已截止）');
    expect(closed.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(closed);
    expect(headcountMock().signups.size).toBe(0);
    expect(
      within(screen.getByLabelText('11月24日 周二（明天）')).getByText(
        '报餐截止：第一食堂 今天 16:00，第二食堂 今天 15:00（已截止）',
      ),
    ).toBeTruthy();
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/headcount/mine', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<HeadcountPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('11月24日 周二（明天）')).toBeTruthy();
  });

  it('tells canteen-only staff they cannot sign up', async () => {
    server.use(http.get('*/api/headcount/mine', () => errorResponse(403, 'FORBIDDEN'), { once: true }));
    signInAs('demo-canteen');
    render(<HeadcountPage />);
    expect(await screen.findByText('您没有权限进行此操作')).toBeTruthy();
  });
});
