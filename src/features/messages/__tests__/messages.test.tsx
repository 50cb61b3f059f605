import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { addMessage, expireSession, mockState } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import MessagesPage from '@/pages/messages/index';

/** A message row is a button named by what it shows: 未读 (when unread), title, time, text. */
const item = (title: string) => screen.getByRole('button', { name: new RegExp(`^(未读)?\\s*${title}`) });
const titles = () =>
  screen
    .getAllByRole('button')
    .filter((row) => row.classList.contains('msg'))
    .map((row) => {
      const title = row.querySelector('.msg__title')?.textContent ?? '';
      return within(row).queryByText('未读') ? `未读消息：${title}` : `消息：${title}`;
    });

describe('messages page', () => {
  beforeEach(() => taroTest.setRoute('/pages/messages/index'));

  it('shows loading, then the messages newest first with the unread ones marked', async () => {
    signInAs('demo-staff');
    render(<MessagesPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();

    expect(await screen.findByText('报修已受理')).toBeTruthy();
    expect(titles()).toEqual(['未读消息：报修已受理', '未读消息：本周菜单已发布', '消息：欢迎使用数智后勤']);
    expect(screen.getAllByText('未读')).toHaveLength(2);
    expect(screen.getByText('2 条未读')).toBeTruthy();
  });

  it('says 暂无消息 when there are none', async () => {
    signInAs('demo-guard');
    render(<MessagesPage />);
    expect(await screen.findByText('暂无消息')).toBeTruthy();
  });

  it('shows the error and recovers with 重试', async () => {
    server.use(http.get('*/api/messages', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<MessagesPage />);

    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByText('报修已受理')).toBeTruthy();
    expect(screen.queryByText('服务暂时不可用，请稍后再试')).toBeNull();
  });

  it('marks a message read at once when tapped, and keeps what the server recorded', async () => {
    signInAs('demo-staff');
    render(<MessagesPage />);
    await screen.findByText('报修已受理');
    const row = item('报修已受理');
    expect(within(row).getByText('未读')).toBeTruthy();

    fireEvent.click(row);

    // Optimistic: read before the server has answered.
    expect(within(row).queryByText('未读')).toBeNull();
    expect(screen.getByText('1 条未读')).toBeTruthy();
    await waitFor(() => expect(mockState.messages.find((m) => m.title === '报修已受理')?.readAt).not.toBeNull());
    expect(titles()).toContain('消息：报修已受理');
    expect(taroTest.toasts).toEqual([]);
  });

  it('puts the unread mark back and says why when marking read fails', async () => {
    server.use(http.post('*/api/messages/:id/read', () => errorResponse(503, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<MessagesPage />);
    await screen.findByText('本周菜单已发布');
    fireEvent.click(item('本周菜单已发布'));

    await waitFor(() => expect(taroTest.toasts).toEqual(['服务暂时不可用，请稍后再试']));
    expect(titles()).toContain('未读消息：本周菜单已发布');
    expect(screen.getByText('2 条未读')).toBeTruthy();
  });

  it('drops a message the server does not know for this person', async () => {
    server.use(http.post('*/api/messages/:id/read', () => errorResponse(404, 'MESSAGE_NOT_FOUND'), { once: true }));
    signInAs('demo-staff');
    render(<MessagesPage />);
    await screen.findByText('本周菜单已发布');
    fireEvent.click(item('本周菜单已发布'));

    await waitFor(() => expect(screen.queryByText('本周菜单已发布')).toBeNull());
    expect(taroTest.toasts).toEqual(['消息不存在']);
  });

  it('refreshes on pull-down', async () => {
    signInAs('demo-guard');
    render(<MessagesPage />);
    expect(await screen.findByText('暂无消息')).toBeTruthy();

    addMessage('demo-guard', '明日访客名单', '明天共有 12 位访客预约，请提前查看。');
    taroTest.pullDown();

    expect(await screen.findByText('明日访客名单')).toBeTruthy();
    await waitFor(() => expect(taroTest.stoppedPullDown).toBe(1));
  });

  it('sends an expired session to sign-in (once) and back to 消息', async () => {
    taroTest.navigationLatencyMs = 30;
    const { token } = signInAs('demo-staff');
    expireSession(token);
    render(<MessagesPage />);

    await waitFor(() => expect(taroTest.route.path).toBe('/pages/sign-in/index'));
    expect(taroTest.navigations).toEqual([
      { kind: 'reLaunch', url: '/pages/sign-in/index?redirect=%2Fpages%2Fmessages%2Findex' },
    ]);
  });

  it('never shows one person’s messages to the next', async () => {
    signInAs('demo-staff');
    const { unmount } = render(<MessagesPage />);
    expect(await screen.findByText('报修已受理')).toBeTruthy();
    unmount();

    signInAs('demo-guard');
    render(<MessagesPage />);
    expect(screen.queryByText('报修已受理')).toBeNull();
    expect(await screen.findByText('暂无消息')).toBeTruthy();
  });

  it('opens what a message is about when tapped, and only marks read one about nothing it can open', async () => {
    signInAs('demo-staff');
    addMessage('demo-staff', '外卖下单成功', '取餐码 123456。', { kind: 'takeaway-order', id: 'order-9' });
    addMessage('demo-staff', '新功能上线', '以后再说。', { kind: 'meeting-room', id: 'm-1' });
    render(<MessagesPage />);
    await screen.findByText('外卖下单成功');

    fireEvent.click(item('外卖下单成功'));
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/takeaway/pages/order-detail/index?id=order-9' },
    ]);
    expect(within(item('外卖下单成功')).getByText('查看详情 ›')).toBeTruthy();

    // A kind this app has no page for (or does not know) still shows, and a tap only marks it read.
    expect(within(item('新功能上线')).queryByText('查看详情 ›')).toBeNull();
    fireEvent.click(item('新功能上线'));
    await waitFor(() => expect(mockState.messages.find((m) => m.title === '新功能上线')?.readAt).not.toBeNull());
    expect(taroTest.navigations).toHaveLength(1);

    // A repair ticket opens its page in the repairs subpackage.
    fireEvent.click(item('报修已受理'));
    expect(taroTest.navigations.at(-1)).toEqual({
      kind: 'navigateTo',
      url: '/packages/repairs/pages/ticket/index?id=ticket-demo-1',
    });
  });

  it('opened from a push, marks its message read and opens the ticket it is about, once', async () => {
    signInAs('demo-staff');
    const pushed = mockState.messages.find((m) => m.title === '报修已受理')!;
    expect(pushed.readAt).toBeNull();
    taroTest.setRoute(`/pages/messages/index?message=${pushed.id}&kind=repair-ticket&subject=ticket-demo-1`);
    const { rerender } = render(<MessagesPage />);
    await waitFor(() => expect(mockState.messages.find((m) => m.id === pushed.id)?.readAt).not.toBeNull());
    rerender(<MessagesPage />);
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: '/packages/repairs/pages/ticket/index?id=ticket-demo-1' },
    ]);
  });

  it('shows the unread count on the 消息 tab and clears it with 全部已读', async () => {
    signInAs('demo-staff');
    render(<MessagesPage />);
    await screen.findByText('报修已受理');
    await waitFor(() => expect(taroTest.tabBadges[1]).toBe('2'));

    fireEvent.click(screen.getByRole('button', { name: '全部已读' }));

    expect(titles()).toEqual(['消息：报修已受理', '消息：本周菜单已发布', '消息：欢迎使用数智后勤']);
    await waitFor(() => expect(taroTest.tabBadges[1]).toBeNull());
    expect(screen.getByText('暂无未读')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '全部已读' })).toBeNull();
    await waitFor(() => expect(mockState.messages.filter((m) => m.personId === 'demo-staff' && !m.readAt)).toEqual([]));
  });

  it('loads the next page when scrolled to the bottom', async () => {
    for (let i = 1; i <= 25; i++) {
      mockState.now = () => Date.parse('2026-12-07T01:00:00Z') + i * 60_000;
      addMessage('demo-guard', `第 ${i} 条`, '内容');
    }
    signInAs('demo-guard');
    render(<MessagesPage />);
    await screen.findByText('第 25 条');
    expect(titles()).toHaveLength(20);
    expect(screen.queryByText('第 5 条')).toBeNull();

    act(() => taroTest.reachBottom());

    expect(await screen.findByText('第 1 条')).toBeTruthy();
    expect(titles()).toHaveLength(25);
    expect(screen.getByText('没有更多了')).toBeTruthy();
  });
});
