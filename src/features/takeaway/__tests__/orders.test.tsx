import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import type { Order } from '@contract/takeaway.schema';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { mealCardMock } from '../../../../mock/meal-card';
import { mockItem, takeawayState } from '../../../../mock/takeaway';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import OrderPage from '@/packages/takeaway/pages/order-detail/index';
import OrdersPage from '@/packages/takeaway/pages/orders/index';
import { placeOrderWith } from './place-order';

const placeOrder = placeOrderWith;

const openOrder = (order: Order, placed = false) => {
  taroTest.setRoute(`/packages/takeaway/pages/order-detail/index?id=${order.id}${placed ? '&placed=1' : ''}`);
  render(<OrderPage />);
};

describe('my orders and the pickup code', () => {
  it('shows a new order’s pickup code as a QR and 6 digits, with where and when to collect it', async () => {
    const { token } = signInAs('demo-staff');
    const order = await placeOrder(
      token,
      [{ name: '红烧肉套餐', quantity: 1 }],
      mockItem('红烧肉套餐').pickupSlots[0].id,
    );
    openOrder(order, true);

    expect(await screen.findByText('下单成功，已从餐卡支付 ¥18.00')).toBeTruthy();
    const qr = screen.getByRole('img', { name: `取餐二维码 ${order.pickupCode}` });
    expect(qr.getAttribute('data-version')).toBe('1');
    expect(screen.getByLabelText(`取餐码 ${order.pickupCode}`).textContent).toBe(
      `${order.pickupCode.slice(0, 3)} ${order.pickupCode.slice(3)}`,
    );
    expect(screen.getByText(/请在 今天 11:00–11:30 到第一食堂（A座负一楼）出示取餐码/)).toBeTruthy();
    // Timeline: placed, and the step still to come.
    const timeline = screen.getByLabelText('订单进度');
    expect(within(timeline).getByText('已下单')).toBeTruthy();
    expect(within(timeline).getByText('待取餐')).toBeTruthy();
  });

  it('cancels after asking, returns the money and shows 已取消 in the timeline', async () => {
    const { token } = signInAs('demo-staff');
    const order = await placeOrder(token, [{ name: '杂粮馒头（4个）', quantity: 2 }]);
    openOrder(order);
    fireEvent.click(await screen.findByRole('button', { name: '取消订单' }));

    const dialog = screen.getByRole('dialog', { name: '取消订单？' });
    expect(within(dialog).getByText('取消后 ¥8.00 将退回餐卡，菜品留给其他同事。')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '再想想' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(takeawayState.orders[0].status).toBe('placed');

    fireEvent.click(screen.getByRole('button', { name: '取消订单' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消订单' }));

    expect(await within(screen.getByLabelText('订单进度')).findByText('已取消')).toBeTruthy();
    expect(screen.getByText('订单已取消，¥8.00 已退回餐卡')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '取消订单' })).toBeNull();
    expect(mealCardMock.cards.get('demo-staff')!.balanceFen).toBe(30_000);
    expect(mockItem('杂粮馒头（4个）').remaining).toBe(200);
    expect(taroTest.toasts).toEqual(['订单已取消，¥8.00 已退回餐卡']);
  });

  it('says why a cancel is refused and shows the order as it is now', async () => {
    const { token } = signInAs('demo-staff');
    const order = await placeOrder(token, [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    openOrder(order);
    await screen.findByRole('button', { name: '取消订单' });
    // Collected at the counter a moment ago.
    const held = takeawayState.orders[0];
    held.status = 'collected';
    held.timeline.push({ status: 'collected', at: held.createdAt });
    server.use(
      http.post('*/api/orders/:id/cancel', () => errorResponse(409, 'ORDER_ALREADY_COLLECTED'), { once: true }),
    );
    fireEvent.click(screen.getByRole('button', { name: '取消订单' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消订单' }));

    await waitFor(() => expect(taroTest.toasts).toEqual(['该订单已取餐，不能重复取餐或取消']));
    expect(await screen.findByText('已取餐，祝您用餐愉快')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('lists my orders newest first with their status, and opens one', async () => {
    const { token } = signInAs('demo-staff');
    const first = await placeOrder(token, [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    const second = await placeOrder(token, [{ name: '手工荠菜水饺（生，20只）', quantity: 2 }]);
    render(<OrdersPage />);

    const rows = await screen.findAllByRole('button', { name: /^第一食堂 · / });
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('手工荠菜水饺（生，20只）×2'),
      expect.stringContaining('杂粮馒头（4个）×1'),
    ]);
    expect(within(rows[0]).getByText('待取餐')).toBeTruthy();
    expect(within(rows[0]).getByText(new RegExp(`取餐码 ${second.pickupCode}`))).toBeTruthy();
    fireEvent.click(rows[1]);
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/takeaway/pages/order-detail/index?id=${first.id}` },
    ]);
  });

  it('says there are none yet, with a way to order', async () => {
    signInAs('demo-staff');
    render(<OrdersPage />);
    expect(await screen.findByText('还没有外卖订单')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去点外卖' }));
    expect(taroTest.navigations).toEqual([{ kind: 'redirectTo', url: '/packages/takeaway/pages/order/index' }]);
  });

  it('shows a load failure with 重试', async () => {
    server.use(http.get('*/api/orders', () => errorResponse(503, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<OrdersPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('还没有外卖订单')).toBeTruthy();
  });

  it('never opens someone else’s order', async () => {
    const { token } = signInAs('demo-staff-2');
    const theirs = await placeOrder(token, [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    signInAs('demo-staff');
    openOrder(theirs);
    expect(await screen.findByText('订单不存在')).toBeTruthy();
    expect(screen.queryByText(theirs.pickupCode)).toBeNull();
  });
});
