import type { ReactNode } from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { BoardServerMessage } from '@contract/takeaway.schema';
import { mockItem, mockToday, takeawayState } from '../../../../mock/takeaway';
import { openSession } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import ShopPage from '@/packages/takeaway/pages/order/index';
import OrderPage from '@/packages/takeaway/pages/order-detail/index';
import OrdersPage from '@/packages/takeaway/pages/orders/index';
import ItemsPage from '@/packages/takeaway/pages/items/index';
import NewItemPage from '@/packages/takeaway/pages/item-new/index';
import BoardPage from '@/packages/takeaway/pages/board/index';
import { connectBoard, type BoardLinkHandlers } from '../board-socket';
import { realNow, setNow } from '../../canteen/__tests__/clock';
import { placeOrderWith } from './place-order';

// What a first user met in takeaway (issue 14), each as what the screen now shows.

jest.mock('../board-socket', () => ({ connectBoard: jest.fn() }));
jest.mock('../cue', () => ({ playNewOrderCue: jest.fn(), unlockCue: jest.fn() }));
jest.mock('@tarojs/components', () => ({
  ...jest.requireActual('@tarojs/components'),
  Picker: ({ children }: { children: ReactNode }) => children,
}));

afterEach(realNow);

/** Today (the mock's day) at `hhmm` in Shanghai. */
const at = (hhmm: string) => `${mockToday()}T${hhmm}:00+08:00`;

const buy = (personId: string, items: { name: string; quantity: number }[], slotId?: string) =>
  placeOrderWith(openSession(personId).token, items, slotId);

const card = (name: string) => screen.getByLabelText(new RegExp(`^${name}`));
const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));

async function openShop() {
  taroTest.setRoute('/packages/takeaway/pages/order/index');
  signInAs('demo-staff');
  render(<ShopPage />);
  await screen.findByText('红烧肉套餐');
}

describe('the cart knows the rules before payment', () => {
  it('counts what the person already bought today against the per-person limit, and shows what is left', async () => {
    const pork = mockItem('红烧肉套餐');
    await buy('demo-staff', [{ name: '红烧肉套餐', quantity: 1 }], pork.pickupSlots[0].id);
    await openShop();
    expect(within(card('红烧肉套餐')).getByText(/每人限购 2 份，您已买 1 份，还可买 1 份/)).toBeTruthy();
    tap('加入 红烧肉套餐');
    expect(screen.getByRole('button', { name: '红烧肉套餐已达上限' })).toBeTruthy();
    expect(screen.getByText('已选 1 份')).toBeTruthy();
  });

  it('takes the cart down when the person buys elsewhere (another device) what the limit leaves', async () => {
    await openShop();
    tap('加入 红烧肉套餐');
    tap('增加 红烧肉套餐');
    expect(screen.getByText('已选 2 份')).toBeTruthy();
    await buy('demo-staff', [{ name: '红烧肉套餐', quantity: 1 }], mockItem('红烧肉套餐').pickupSlots[0].id);
    taroTest.pullDown();
    expect(await screen.findByText('已选 1 份')).toBeTruthy();
    expect(taroTest.toasts).toEqual(['红烧肉套餐可买份数不足（余量或限购），已调整购物车']);
  });

  it('shows 已达限购 with nothing to add once the person has bought the limit', async () => {
    await buy('demo-staff', [{ name: '手工荠菜水饺（生，20只）', quantity: 3 }]);
    await openShop();
    const dumplings = card('手工荠菜水饺（生，20只）');
    expect(dumplings.getAttribute('aria-label')).toBe('手工荠菜水饺（生，20只），已达限购');
    expect(within(dumplings).queryByRole('button')).toBeNull();
  });

  it('stops a second item with its own pickup slots when it is added, not at payment', async () => {
    await openShop();
    tap('加入 红烧肉套餐');
    tap('加入 番茄炒蛋盖浇饭');
    expect(taroTest.toasts).toEqual(['分时段取餐的菜品须分开下单，请先结算红烧肉套餐']);
    expect(screen.getByText('已选 1 份')).toBeTruthy();
    expect(screen.getByRole('button', { name: '加入 番茄炒蛋盖浇饭' })).toBeTruthy();
    // An item without slots still joins.
    tap('加入 杂粮馒头（4个）');
    expect(screen.getByText('已选 2 份')).toBeTruthy();
  });
});

describe('checkout offers only slots still to come', () => {
  it('shows a slot that is over as 已过, not to be chosen', async () => {
    setNow(at('11:40'));
    await openShop();
    tap('加入 红烧肉套餐');
    tap('去结算');
    const sheet = screen.getByRole('dialog', { name: '确认订单' });
    const over = within(sheet).getByRole('radio', { name: '11:00–11:30，已过' });
    expect(over.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(over);
    expect(within(sheet).getByText('请先选择取餐时段')).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('radio', { name: '12:00–12:30，余 60' }));
    expect(within(sheet).getByRole('button', { name: '餐卡支付 ¥18.00' })).toBeTruthy();
  });
});

describe('orders say the same words everywhere', () => {
  it('the list says 待取餐 like the detail; the timeline reads 已下单 → 待取餐', async () => {
    const order = await buy('demo-staff', [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    signInAs('demo-staff');
    render(<OrdersPage />);
    const [row] = await screen.findAllByRole('button', { name: /^第一食堂 · / });
    expect(within(row).getByText('待取餐')).toBeTruthy();
    expect(within(row).queryByText('已下单')).toBeNull();

    taroTest.setRoute(`/packages/takeaway/pages/order-detail/index?id=${order.id}`);
    render(<OrderPage />);
    const timeline = await screen.findByLabelText('订单进度');
    expect([...timeline.querySelectorAll('.ta-step__label')].map((el) => el.textContent)).toEqual(['已下单', '待取餐']);
  });

  it('offers no cancel once the order’s pickup slot has passed', async () => {
    setNow(at('10:00'));
    const pork = mockItem('红烧肉套餐');
    const order = await buy('demo-staff', [{ name: '红烧肉套餐', quantity: 1 }], pork.pickupSlots[0].id);
    expect(Date.parse(order.cancellableUntil)).toBe(Date.parse(at('11:30')));
    signInAs('demo-staff');
    taroTest.setRoute(`/packages/takeaway/pages/order-detail/index?id=${order.id}`);
    const before = render(<OrderPage />);
    expect(await screen.findByRole('button', { name: '取消订单' })).toBeTruthy();
    before.unmount();

    setNow(at('11:40'));
    render(<OrderPage />);
    await screen.findByLabelText('订单进度');
    expect(screen.queryByRole('button', { name: '取消订单' })).toBeNull();
    expect(screen.queryByText(/前可取消/)).toBeNull();
  });
});

describe('the board counts orders that stand', () => {
  it('共 N 单 leaves cancelled orders out', async () => {
    let live: BoardLinkHandlers | null = null;
    (connectBoard as jest.MockedFunction<typeof connectBoard>).mockImplementation((_target, handlers) => {
      live = handlers;
      return () => undefined;
    });
    const kept = await buy('demo-staff', [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    const dropped = await buy('demo-staff-2', [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    const { token } = openSession('demo-staff-2');
    await fetch(`http://localhost/api/orders/${dropped.id}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const canteen = signInAs('demo-canteen').token;
    render(<BoardPage />);
    await waitFor(() => expect(live).not.toBeNull());
    const board = await (
      await fetch('http://localhost/api/canteens/canteen-1/orders', { headers: { authorization: `Bearer ${canteen}` } })
    ).json();
    const ready: BoardServerMessage = { type: 'ready', board };
    act(() => {
      live?.onState('live');
      live?.onMessage(ready);
    });
    expect(await screen.findByText('共 1 单')).toBeTruthy();
    expect(screen.getByText('待取 1')).toBeTruthy();
    expect(takeawayState.orders.map((o) => [o.id, o.status])).toEqual([
      [kept.id, 'placed'],
      [dropped.id, 'cancelled'],
    ]);
  });
});

describe('canteen staff: items are refused or shown truthfully', () => {
  const openForm = () => {
    const date = mockToday();
    taroTest.setRoute(`/packages/takeaway/pages/item-new/index?canteenId=canteen-1&date=${date}`);
    signInAs('demo-canteen');
    render(<NewItemPage />);
  };
  const type = (placeholder: string, value: string) =>
    fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } });
  const save = () => {
    fireEvent.click(screen.getByRole('button', { name: '保存并上架' }));
    return screen.getByRole('alert').textContent;
  };

  it('refuses ¥0 and a price above the highest, each with its own words', () => {
    setNow(at('07:00'));
    openForm();
    type('例如 红烧肉套餐、净菜礼包', '免费汤');
    type('100', '30');
    type('18', '0');
    expect(save()).toBe('价格须大于 ¥0.00：外卖从餐卡付款，不能免费上架');
    type('18', '99999999');
    expect(save()).toBe('价格不能超过 ¥1000.00，请核对');
    type('18', '12.345');
    expect(save()).toBe('价格最多两位小数（精确到分）');
    type('18', '十二');
    expect(save()).toBe('请填写价格（元，最多两位小数）');
  });

  it('refuses a sale window that is already over', () => {
    setNow(at('12:00'));
    openForm();
    type('例如 红烧肉套餐、净菜礼包', '午后点心');
    type('100', '30');
    type('18', '6');
    // The form starts with 售卖 08:00–11:00, over by noon.
    expect(save()).toBe('售卖结束时间已过，请把售卖时间设在现在之后');
    expect(takeawayState.items.some((i) => i.name === '午后点心')).toBe(false);
  });

  it('shows staff what diners see: 已停售 once the sale window is over, 未开售 before it opens', async () => {
    setNow(at('12:00'));
    mockItem('杂粮馒头（4个）').saleEndsAt = at('11:00');
    mockItem('手工荠菜水饺（生，20只）').saleStartsAt = at('14:00');
    signInAs('demo-canteen');
    render(<ItemsPage />);
    expect(await screen.findByLabelText('杂粮馒头（4个），已停售')).toBeTruthy();
    expect(screen.getByLabelText('手工荠菜水饺（生，20只），未开售')).toBeTruthy();
    expect(screen.getByLabelText('红烧肉套餐，在售')).toBeTruthy();
  });
});
