import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { server } from '../../../../mock/node';
import { errorResponse } from '../../../../mock/handlers';
import { mealCardMock, setCardBalance } from '../../../../mock/meal-card';
import { mockItem, mockToday, takeawayState } from '../../../../mock/takeaway';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import ShopPage from '@/packages/takeaway/pages/order/index';
import { useCart } from '../cart-store';
import { realNow, setNow } from '../../canteen/__tests__/clock';

const SHOP = '/packages/takeaway/pages/order/index';
const CART_KEY = 'sz.takeaway.cart';

const item = (name: string) => screen.getByLabelText(new RegExp(`^${name}`));
const tap = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const staffOrders = () => takeawayState.orders.filter((o) => o.personId === 'demo-staff');
const payments = () => mealCardMock.cards.get('demo-staff')!.ledger.filter((tx) => tx.kind === 'payment');

async function openShop() {
  signInAs('demo-staff');
  render(<ShopPage />);
  await screen.findByText('红烧肉套餐');
}

async function addAndOpenCheckout() {
  await openShop();
  tap('加入 杂粮馒头（4个）');
  tap('增加 杂粮馒头（4个）');
  expect(screen.getByText('已选 2 份')).toBeTruthy();
  tap('去结算');
  return screen.getByRole('dialog', { name: '确认订单' });
}

describe('食堂外卖: items, cart and order', () => {
  beforeEach(() => taroTest.setRoute(SHOP));
  afterEach(realNow);

  it('lists the day’s items with what is left, and shows a sold-out item as 已售罄 without a way to order it', async () => {
    mockItem('手工荠菜水饺（生，20只）').remaining = 0;
    signInAs('demo-staff');
    render(<ShopPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();

    await screen.findByText('红烧肉套餐');
    expect(within(item('红烧肉套餐')).getByText('¥18.00')).toBeTruthy();
    expect(within(item('红烧肉套餐')).getByText(/剩余 80 份 · 每人限购 2 份/)).toBeTruthy();
    const dumplings = item('手工荠菜水饺（生，20只）');
    expect(dumplings.getAttribute('aria-label')).toBe('手工荠菜水饺（生，20只），已售罄');
    expect(within(dumplings).getByText('已售罄')).toBeTruthy();
    expect(within(dumplings).queryByRole('button')).toBeNull();
  });

  it('stops the stepper at the per-person limit', async () => {
    await openShop();
    tap('加入 红烧肉套餐');
    tap('增加 红烧肉套餐');
    expect(screen.getByRole('button', { name: '红烧肉套餐已达上限' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '红烧肉套餐已达上限' }));
    expect(screen.getByText('已选 2 份')).toBeTruthy();
  });

  it('asks for a pickup slot when the items have slots, pays from the card and opens the order', async () => {
    // Before lunch, so every slot is still open.
    setNow(`${mockToday()}T10:00:00+08:00`);
    await openShop();
    tap('加入 红烧肉套餐');
    tap('去结算');
    const sheet = screen.getByRole('dialog', { name: '确认订单' });
    expect(within(sheet).getByText('请先选择取餐时段')).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('radio', { name: /^11:30–12:00，余 60/ }));
    await within(sheet).findByText('¥300.00');
    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥18.00' }));

    await waitFor(() => expect(taroTest.navigations).toHaveLength(1));
    const [order] = staffOrders();
    expect(taroTest.navigations[0]).toEqual({
      kind: 'navigateTo',
      url: `/packages/takeaway/pages/order-detail/index?id=${order.id}&placed=1`,
    });
    expect(order.pickupSlot?.startsAt).toMatch(/T11:30:00/);
    expect(mealCardMock.cards.get('demo-staff')!.balanceFen).toBe(30_000 - 1800);
    // The cart is empty again and the stock on screen moved.
    await waitFor(() => expect(screen.queryByText('去结算')).toBeNull());
    expect(await within(item('红烧肉套餐')).findByText(/剩余 79 份/)).toBeTruthy();
  });

  it('keeps the cart on the device, for the same person only', async () => {
    await openShop();
    tap('加入 杂粮馒头（4个）');
    cleanup();
    // The app starts again: nothing in memory, the cart comes back from device storage.
    const saved = taroTest.storage.get(CART_KEY);
    expect(String(saved)).toContain('ta-canteen-1-buns');
    useCart.setState({ ownerId: null, carts: {} });
    taroTest.storage.set(CART_KEY, saved);
    await useCart.persist.rehydrate();
    render(<ShopPage />);
    expect(await screen.findByText('已选 1 份')).toBeTruthy();
    cleanup();

    signInAs('demo-staff-2');
    render(<ShopPage />);
    await screen.findByText('红烧肉套餐');
    expect(screen.queryByText(/^已选/)).toBeNull();
  });

  it('shows 已售罄 when the item sold out while it sat in the cart, and takes it out', async () => {
    const sheet = await addAndOpenCheckout();
    mockItem('杂粮馒头（4个）').remaining = 0;
    server.use(http.post('*/api/orders', () => errorResponse(409, 'SOLD_OUT'), { once: true }));
    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥8.00' }));

    // The shelf is reloaded: the item shows 已售罄 and leaves the cart; the reason stays on screen.
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      expect.stringContaining('该菜品已售罄，请选择其他菜品'),
    );
    await waitFor(() => expect(within(item('杂粮馒头（4个）')).getByText('已售罄')).toBeTruthy());
    expect(screen.queryByText(/^已选/)).toBeNull();
    expect(staffOrders()).toHaveLength(0);
    expect(payments()).toHaveLength(0);
  });

  it('takes the cart down to what is left when fewer remain than it holds', async () => {
    const sheet = await addAndOpenCheckout();
    mockItem('杂粮馒头（4个）').remaining = 1;
    server.use(http.post('*/api/orders', () => errorResponse(409, 'SOLD_OUT'), { once: true }));
    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥8.00' }));

    expect(await within(sheet).findByRole('alert')).toHaveProperty('textContent', '该菜品已售罄，请选择其他菜品');
    await waitFor(() => expect(screen.getByText('已选 1 份')).toBeTruthy());
    expect(staffOrders()).toHaveLength(0);
  });

  it('says so when the card holds too little, and charges nothing', async () => {
    const sheet = await addAndOpenCheckout();
    await within(sheet).findByText('¥300.00');
    setCardBalance('demo-staff', 500);
    server.use(http.post('*/api/orders', () => errorResponse(409, 'INSUFFICIENT_BALANCE'), { once: true }));
    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥8.00' }));

    expect(await within(sheet).findByRole('alert')).toHaveProperty('textContent', '餐卡余额不足，请联系管理员充值');
    expect(staffOrders()).toHaveLength(0);
    expect(mealCardMock.cards.get('demo-staff')!.balanceFen).toBe(500);
  });

  it('warns before paying when the balance already looks too small', async () => {
    setCardBalance('demo-staff', 300);
    const sheet = await addAndOpenCheckout();
    expect(await within(sheet).findByText('餐卡余额不足，请联系管理员充值')).toBeTruthy();
  });

  it('retries a checkout whose answer was lost with the same key: one order, one payment', async () => {
    // The order is made, but the answer never arrives (a timeout at the gateway).
    server.use(
      http.post(
        '*/api/orders',
        async ({ request }) => {
          await fetch(request.clone());
          return errorResponse(504, 'TIMEOUT');
        },
        { once: true },
      ),
    );
    const sheet = await addAndOpenCheckout();
    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥8.00' }));
    expect(await within(sheet).findByRole('alert')).toHaveProperty('textContent', '请求超时，请稍后重试');
    expect(staffOrders()).toHaveLength(1);

    fireEvent.click(within(sheet).getByRole('button', { name: '餐卡支付 ¥8.00' }));
    await waitFor(() => expect(taroTest.navigations).toHaveLength(1));
    expect(staffOrders()).toHaveLength(1);
    expect(payments()).toHaveLength(1);
    expect(taroTest.navigations[0].url).toContain(`id=${staffOrders()[0].id}`);
  });

  it('shows the error with 重试 when the items cannot be loaded', async () => {
    server.use(http.get('*/api/canteens/:canteenId/takeaway', () => errorResponse(500, 'INTERNAL'), { once: true }));
    signInAs('demo-staff');
    render(<ShopPage />);
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy();
    tap('重试');
    expect(await screen.findByText('红烧肉套餐')).toBeTruthy();
  });

  it('says when a canteen has nothing that day, and refreshes on pull-down', async () => {
    takeawayState.items = takeawayState.items.filter((i) => i.canteenId !== 'canteen-1');
    signInAs('demo-staff');
    render(<ShopPage />);
    expect(await screen.findByText('第一食堂今天没有外卖菜品')).toBeTruthy();
    takeawayState.items.push({ ...mockItem('清蒸鲈鱼套餐'), id: 'ta-new', canteenId: 'canteen-1', name: '今日新品' });
    taroTest.pullDown();
    expect(await screen.findByText('今日新品')).toBeTruthy();
    await waitFor(() => expect(taroTest.stoppedPullDown).toBe(1));
  });

  it('shows a day the canteen has closed (结束今天) as ended, with nothing to add or pay', async () => {
    server.use(
      http.get('*/api/canteens/:canteenId/takeaway', ({ params }) =>
        HttpResponse.json({
          items: takeawayState.items.filter(
            (i) => i.canteenId === params.canteenId && i.date === mockToday() && i.status === 'published',
          ),
          closedAt: `${mockToday()}T13:30:00.000+08:00`,
        }),
      ),
    );
    signInAs('demo-staff');
    render(<ShopPage />);
    expect(await screen.findByText('第一食堂今天的外卖已结束，不能再下单')).toBeTruthy();
    const pork = item('红烧肉套餐');
    expect(pork.getAttribute('aria-label')).toBe('红烧肉套餐，已结束');
    expect(within(pork).getByText('已结束')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^加入/ })).toBeNull();
    expect(screen.queryByText('去结算')).toBeNull();
  });

  it('is only for people who eat: canteen staff see why not', async () => {
    signInAs('demo-canteen');
    render(<ShopPage />);
    expect(screen.getByText('食堂外卖仅向干部职工开放')).toBeTruthy();
  });
});
