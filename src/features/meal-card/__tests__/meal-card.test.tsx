import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { mockItem, takeawayState } from '../../../../mock/takeaway';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import MealCardPage from '@/packages/takeaway/pages/meal-card/index';
import TopupPage from '@/packages/takeaway/pages/topup/index';
import { formatFen, formatSignedFen, parseYuan } from '../money';

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://localhost/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `k-${Math.random()}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as { id: string };
}

const rows = () => screen.getAllByLabelText(/^(充值|支付|退款) /).map((row) => row.getAttribute('aria-label'));

describe('数字餐卡', () => {
  it('shows the balance and every transaction, newest first, each payment and refund with its order', async () => {
    const { token } = signInAs('demo-staff');
    const order = await call(token, 'POST', '/orders', {
      canteenId: 'canteen-1',
      items: [{ itemId: mockItem('杂粮馒头（4个）').id, quantity: 3 }],
    });
    await call(token, 'POST', `/orders/${order.id}/cancel`);
    await call(token, 'POST', '/orders', {
      canteenId: 'canteen-1',
      items: [{ itemId: mockItem('手工荠菜水饺（生，20只）').id, quantity: 1 }],
    });
    render(<MealCardPage />);

    expect(await screen.findByLabelText('餐卡余额 ¥285.00')).toBeTruthy();
    expect(rows()).toEqual(['支付 -¥15.00', '退款 +¥12.00', '支付 -¥12.00', '充值 +¥300.00']);
    const topup = screen.getByLabelText('充值 +¥300.00');
    expect(within(topup).getByText('演示初始餐补 · 操作人 孙丽')).toBeTruthy();
    expect(within(topup).getByText('余额 ¥300.00')).toBeTruthy();
    expect(within(screen.getByLabelText('退款 +¥12.00')).getByText('取消订单退款')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '退款 +¥12.00' }));
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/takeaway/pages/order-detail/index?id=${order.id}` },
    ]);
    // A top-up has no order to open.
    expect(screen.queryByRole('button', { name: '充值 +¥300.00' })).toBeNull();
  });

  it('says when there is nothing yet', async () => {
    signInAs('demo-visitor');
    render(<MealCardPage />);
    expect(await screen.findByText('暂无交易记录')).toBeTruthy();
    expect(screen.getByLabelText('餐卡余额 ¥0.00')).toBeTruthy();
  });

  it('shows a load failure with 重试, and refreshes on pull-down', async () => {
    server.use(http.get('*/api/meal-card', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<MealCardPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByLabelText('餐卡余额 ¥300.00')).toBeTruthy();

    takeawayState.cards.get('demo-staff')!.balanceFen = 12_345;
    taroTest.pullDown();
    expect(await screen.findByLabelText('餐卡余额 ¥123.45')).toBeTruthy();
  });
});

describe('餐卡充值 (admin)', () => {
  const type = (placeholder: string, value: string) =>
    fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } });

  it('tops up a whole unit after confirming, each card by the same amount, with the note', async () => {
    signInAs('demo-admin');
    render(<TopupPage />);
    fireEvent.click(screen.getByRole('radio', { name: '按单位充值' }));
    type('例如 市财政局', '杭州市机关事务管理局·综合处');
    type('例如 200', '200.5');
    type('例如 11月餐补', '11月餐补');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));

    const dialog = screen.getByRole('dialog', { name: '确认充值？' });
    expect(
      within(dialog).getByText(
        '为单位“杭州市机关事务管理局·综合处”的每位人员充值 ¥200.50（11月餐补）。充值后不能撤回。',
      ),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认充值' }));

    expect(await screen.findByText('充值成功：1 人，合计 ¥200.50')).toBeTruthy();
    expect(screen.getByText('张伟')).toBeTruthy();
    expect(screen.getByText('余额 ¥500.50')).toBeTruthy();
    const ledger = takeawayState.cards.get('demo-staff')!.ledger;
    expect(ledger[ledger.length - 1]).toMatchObject({
      kind: 'topup',
      amountFen: 20_050,
      note: '11月餐补',
      by: { name: '孙丽' },
    });
  });

  it('checks the form first and says what the server refused', async () => {
    signInAs('demo-admin');
    render(<TopupPage />);
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写人员编号');
    type('请输入人员编号', 'nobody');
    type('例如 200', '12.345');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写充值金额（元，最多两位小数）');
    type('例如 200', '100');
    type('例如 11月餐补', '补贴');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认充值' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('用户不存在'));

    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('用户不存在', { selector: 'span' })).toBeTruthy();
  });

  it('is for admins only', () => {
    signInAs('demo-staff');
    render(<TopupPage />);
    expect(screen.getByText('餐卡充值仅限管理员使用')).toBeTruthy();
  });
});

describe('money', () => {
  it('formats fen once, the same way everywhere', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(1800)).toBe('¥18.00');
    expect(formatFen(123456789)).toBe('¥1234567.89');
    expect(formatFen(-1850)).toBe('-¥18.50');
    expect(formatSignedFen(30000)).toBe('+¥300.00');
    expect(formatSignedFen(-1200)).toBe('-¥12.00');
  });

  it('reads typed yuan into fen without floating-point surprises', () => {
    expect(parseYuan('18')).toBe(1800);
    expect(parseYuan('18.5')).toBe(1850);
    expect(parseYuan(' ¥0.29 ')).toBe(29);
    expect(parseYuan('0.1')).toBe(10);
    expect(parseYuan('12.345')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
  });
});
