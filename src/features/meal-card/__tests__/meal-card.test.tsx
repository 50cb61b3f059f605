import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { mealCardMock } from '../../../../mock/meal-card';
import { mockItem } from '../../../../mock/takeaway';
import { mockState } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import MealCardPage from '@/packages/takeaway/pages/meal-card/index';
import TopupPage from '@/packages/takeaway/pages/topup/index';
import { formatFen, formatSignedFen, parseYuan } from '@/shared/money';

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

/** Ledger rows as `kind amount` (e.g. `退款 +¥12.00`); a row is named by what it shows. */
const ledger = () =>
  screen.getAllByText(/^(充值|支付|退款)$/).map((kind) => {
    const row = kind.closest('.mc-tx') as HTMLElement;
    return { name: `${kind.textContent} ${row.querySelector('.mc-tx__amount')?.textContent}`, row };
  });
const rows = () => ledger().map((entry) => entry.name);
const rowOf = (name: string) => ledger().find((entry) => entry.name === name)?.row as HTMLElement;

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
    const topup = rowOf('充值 +¥300.00');
    expect(within(topup).getByText('演示初始餐补 · 操作人 孙丽')).toBeTruthy();
    expect(within(topup).getByText('余额 ¥300.00')).toBeTruthy();
    expect(within(rowOf('退款 +¥12.00')).getByText('取消订单退款')).toBeTruthy();

    const refund = screen.getByRole('button', { name: /^退款.*\+¥12\.00/ });
    expect(refund).toBe(rowOf('退款 +¥12.00'));
    fireEvent.click(refund);
    expect(taroTest.navigations).toEqual([
      { kind: 'navigateTo', url: `/packages/takeaway/pages/order-detail/index?id=${order.id}` },
    ]);
    // A top-up has no order to open.
    expect(rowOf('充值 +¥300.00').getAttribute('role')).toBeNull();
    expect(screen.queryByRole('button', { name: /^充值/ })).toBeNull();
  });

  it('shows the latest transactions and the older ones when scrolled to the end', async () => {
    const { token } = signInAs('demo-staff');
    for (let i = 0; i < 24; i++)
      await call(token, 'POST', '/orders', {
        canteenId: 'canteen-1',
        items: [{ itemId: mockItem('杂粮馒头（4个）').id, quantity: 1 }],
      });
    render(<MealCardPage />);
    await screen.findByLabelText(/^餐卡余额/);
    expect(rows()).toHaveLength(20);
    expect(rows()[0]).toBe('支付 -¥4.00');

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('没有更多了')).toBeTruthy();
    expect(rows()).toHaveLength(25);
    expect(rows().at(-1)).toBe('充值 +¥300.00');
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

    mealCardMock.cards.get('demo-staff')!.balanceFen = 12_345;
    taroTest.pullDown();
    expect(await screen.findByLabelText('餐卡余额 ¥123.45')).toBeTruthy();
  });
});

describe('餐卡充值 (admin)', () => {
  const type = (placeholder: string, value: string) =>
    fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } });
  /** A directory row as what it shows, `名字，单位，余额 ¥x` or `单位，n 人` (its name is its text). */
  const shown = (row: HTMLElement) =>
    [...row.querySelectorAll('.ui-cell__title, .text-muted, .ui-cell__side')].map((t) => t.textContent).join('，');
  const rowsIn = (list: string) =>
    within(screen.getByRole('group', { name: list }))
      .getAllByRole('button')
      .filter((row) => row.classList.contains('ui-cell'))
      .map(shown);
  const row = (text: string) => {
    const found = screen.queryAllByRole('button').find((b) => b.classList.contains('ui-cell') && shown(b) === text);
    if (!found) throw new Error(`no directory row ${text}`);
    return found;
  };

  it('tops up a whole unit picked from the unit list, showing count and total before confirming', async () => {
    signInAs('demo-admin');
    render(<TopupPage />);
    fireEvent.click(screen.getByRole('radio', { name: '按单位充值' }));
    expect(screen.getByText('正在读取单位…')).toBeTruthy();
    expect(await screen.findByText('共 8 个单位')).toBeTruthy();
    type('输入单位名称筛选', '综合处');
    expect(rowsIn('单位')).toEqual(['杭州市机关事务管理局·综合处，1 人']);
    fireEvent.click(row('杭州市机关事务管理局·综合处，1 人'));

    expect(screen.getByLabelText('已选择 “杭州市机关事务管理局·综合处”的 1 人')).toBeTruthy();
    type('例如 200', '200.5');
    type('例如 11月餐补', '11月餐补');
    expect(screen.getByText('共 1 人 × ¥200.50')).toBeTruthy();
    expect(screen.getByText('合计 ¥200.50')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '充值' }));

    const dialog = screen.getByRole('dialog', { name: '确认充值？' });
    expect(
      within(dialog).getByText(
        '为“杭州市机关事务管理局·综合处”的 1 人每人充值 ¥200.50，合计 ¥200.50（11月餐补）。充值后不能撤回。',
      ),
    ).toBeTruthy();
    // Nothing moved before the confirmation.
    expect(mealCardMock.cards.get('demo-staff')!.balanceFen).toBe(30_000);
    fireEvent.click(within(dialog).getByRole('button', { name: '确认充值 ¥200.50' }));

    expect(await screen.findByText('充值成功：1 人，合计 ¥200.50')).toBeTruthy();
    expect(screen.getByText('张伟')).toBeTruthy();
    expect(screen.getByText('余额 ¥500.50')).toBeTruthy();
    const ledger = mealCardMock.cards.get('demo-staff')!.ledger;
    expect(ledger[ledger.length - 1]).toMatchObject({
      kind: 'topup',
      amountFen: 20_050,
      note: '11月餐补',
      by: { name: '孙丽' },
    });
  });

  it('finds a person by name, shows their balance, tops up their card only, and the list shows the new balance', async () => {
    signInAs('demo-admin');
    render(<TopupPage />);
    expect(await screen.findByText('共 8 人')).toBeTruthy();
    type('输入姓名或单位搜索', '李');
    await waitFor(() => expect(rowsIn('人员')).toEqual(['李娜，杭州市发展和改革委员会，余额 ¥300.00']));
    fireEvent.click(row('李娜，杭州市发展和改革委员会，余额 ¥300.00'));
    expect(screen.getByText('杭州市发展和改革委员会 · 当前余额 ¥300.00')).toBeTruthy();

    type('例如 200', '100');
    type('例如 11月餐补', '补贴');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    const dialog = screen.getByRole('dialog', { name: '确认充值？' });
    expect(
      within(dialog).getByText('为 李娜（杭州市发展和改革委员会） 充值 ¥100.00（补贴）。充值后不能撤回。'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认充值 ¥100.00' }));

    expect(await screen.findByText('充值成功：1 人，合计 ¥100.00')).toBeTruthy();
    expect(mealCardMock.cards.get('demo-staff-2')!.balanceFen).toBe(40_000);
    expect(mealCardMock.cards.get('demo-staff')!.balanceFen).toBe(30_000);
    await waitFor(() => expect(row('李娜，杭州市发展和改革委员会，余额 ¥400.00')).toBeTruthy());
  });

  it('pages through many people with 加载更多, each person once, and marks visitors', async () => {
    for (let i = 0; i < 30; i++) {
      const id = `p-${String(i).padStart(2, '0')}`;
      mockState.people.set(id, {
        id,
        name: `职工${i}`,
        unit: '市统计局',
        roles: ['staff'],
        demo: false,
        disabled: false,
      });
    }
    signInAs('demo-admin');
    render(<TopupPage />);
    expect(await screen.findByText('共 38 人，已显示 10 人')).toBeTruthy();
    expect(rowsIn('人员')).toHaveLength(10);
    for (const shown of [20, 30]) {
      fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
      expect(await screen.findByText(`共 38 人，已显示 ${shown} 人`)).toBeTruthy();
    }
    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    expect(await screen.findByText('共 38 人')).toBeTruthy();
    expect(rowsIn('人员')).toHaveLength(38);
    expect(new Set(rowsIn('人员')).size).toBe(38);
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(within(screen.getByRole('button', { name: /^周敏/ })).getByText('访客')).toBeTruthy();
    expect(within(screen.getByRole('button', { name: /^张伟/ })).queryByText('访客')).toBeNull();
  });

  it('says when the directory cannot be read (with 重试) and when nothing matches', async () => {
    server.use(http.get('*/api/people', () => errorResponse(500, 'INTERNAL'), { once: true }));
    server.use(http.get('*/api/people/units', () => errorResponse(503, 'INTERNAL'), { once: true }));
    signInAs('demo-admin');
    render(<TopupPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('共 8 人')).toBeTruthy();
    type('输入姓名或单位搜索', '不存在的人');
    expect(await screen.findByText('没有找到与“不存在的人”匹配的人员')).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: '按单位充值' }));
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('共 8 个单位')).toBeTruthy();
    type('输入单位名称筛选', '没有这个单位');
    expect(screen.getByText('没有名称包含“没有这个单位”的单位')).toBeTruthy();
  });

  it('checks the form first and says what the server refused', async () => {
    signInAs('demo-admin');
    render(<TopupPage />);
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    expect(screen.getByRole('alert').textContent).toBe('请先从列表中选择充值人员');
    await waitFor(() => expect(row('李娜，杭州市发展和改革委员会，余额 ¥300.00')).toBeTruthy());
    fireEvent.click(row('李娜，杭州市发展和改革委员会，余额 ¥300.00'));
    type('例如 200', '12.345');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写充值金额（元，最多两位小数）');
    expect(screen.queryByText(/^合计/)).toBeNull();
    type('例如 200', '100');
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写备注，例如“11月餐补”');

    // The account is disabled after it was picked: the server refuses, nothing is paid.
    type('例如 11月餐补', '补贴');
    server.use(http.post('*/api/meal-cards/topups', () => errorResponse(404, 'USER_NOT_FOUND'), { once: true }));
    fireEvent.click(screen.getByRole('button', { name: '充值' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '确认充值 ¥100.00' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('用户不存在'));
    expect(mealCardMock.cards.get('demo-staff-2')!.balanceFen).toBe(30_000);
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
