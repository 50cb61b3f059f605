import type { ReactNode } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { errorResponse } from '../../../../mock/handlers';
import { server } from '../../../../mock/node';
import { mockItem, takeawayState } from '../../../../mock/takeaway';
import { openSession } from '../../../../mock/state';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import ItemsPage from '@/packages/takeaway/pages/items/index';
import NewItemPage from '@/packages/takeaway/pages/item-new/index';
import { initialDraft, nextSlot, toNewItem } from '../item-draft';
import { slotChoices } from '../format';
import { placeOrderWith } from './place-order';
import { realNow, setNow } from '../../canteen/__tests__/clock';

// The platform time picker: in jest its child is the field, and a change is fired by hand.
jest.mock('@tarojs/components', () => ({
  ...jest.requireActual('@tarojs/components'),
  Picker: ({ children }: { children: ReactNode }) => children,
}));

const card = (name: string) => screen.getByLabelText(new RegExp(`^${name}，`));

async function buy(name: string, quantity: number, personId = 'demo-staff') {
  await placeOrderWith(openSession(personId).token, [{ name, quantity }]);
}

afterEach(realNow);

describe('外卖菜品 (canteen staff)', () => {
  it('lists the day’s items with stock, sold and left, and withdraws one after asking', async () => {
    await buy('杂粮馒头（4个）', 3);
    signInAs('demo-canteen');
    render(<ItemsPage />);
    const buns = await screen.findByLabelText('杂粮馒头（4个），在售');
    expect(within(buns).getByText('¥4.00 · 库存 200 · 已售 3 · 剩余 197')).toBeTruthy();
    expect(within(card('红烧肉套餐')).getByText('11:00–11:30 余 60/60')).toBeTruthy();

    fireEvent.click(within(buns).getByRole('button', { name: '下架' }));
    const dialog = screen.getByRole('dialog', { name: '下架这个菜品？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '下架' }));
    expect(await screen.findByLabelText('杂粮馒头（4个），已下架')).toBeTruthy();
    expect(mockItem('杂粮馒头（4个）').status).toBe('withdrawn');

    fireEvent.click(within(card('杂粮馒头（4个）')).getByRole('button', { name: '上架' }));
    expect(await screen.findByLabelText('杂粮馒头（4个），在售')).toBeTruthy();
  });

  it('raises and lowers stock, never below what is sold', async () => {
    await buy('手工荠菜水饺（生，20只）', 3);
    signInAs('demo-canteen');
    render(<ItemsPage />);
    const dumplings = await screen.findByLabelText('手工荠菜水饺（生，20只），在售');
    fireEvent.click(within(dumplings).getByRole('button', { name: '调整库存' }));
    const input = screen.getByLabelText('手工荠菜水饺（生，20只） 新库存');

    fireEvent.input(input, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: '保存库存' }));
    expect(screen.getByRole('alert').textContent).toBe('库存不能少于已售出的 3 份');

    // What the screen knew was stale: more were sold meanwhile, and the server says so.
    await buy('手工荠菜水饺（生，20只）', 2, 'demo-staff-2');
    server.use(
      http.put('*/api/canteens/:canteenId/takeaway/:itemId/stock', () => errorResponse(409, 'STOCK_BELOW_SOLD'), {
        once: true,
      }),
    );
    fireEvent.input(input, { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: '保存库存' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('库存不能少于已售出的份数'));

    fireEvent.input(input, { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: '库存加 10' }));
    fireEvent.click(screen.getByRole('button', { name: '保存库存' }));
    expect(await screen.findByText('¥15.00 · 库存 70 · 已售 5 · 剩余 65')).toBeTruthy();
    expect(taroTest.toasts).toContain('库存已改为 70 份');
  });

  it('switches the refund setting for expired orders', async () => {
    signInAs('demo-canteen');
    render(<ItemsPage />);
    const toggle = await screen.findByRole('switch', { name: '过期订单退款，已关闭' });
    fireEvent.click(toggle);
    expect(await screen.findByRole('switch', { name: '过期订单退款，已开启' })).toBeTruthy();
    expect(takeawayState.refundExpired.get('canteen-1')).toBe(true);
  });

  it('says when a day has no items', async () => {
    signInAs('demo-canteen');
    render(<ItemsPage />);
    await screen.findByText('红烧肉套餐');
    fireEvent.click(screen.getByRole('button', { name: '后一天' }));
    expect(await screen.findByText('明天还没有外卖菜品')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '新增明天的外卖菜品' }));
    expect(taroTest.navigations[0].url).toMatch(
      /^\/packages\/takeaway\/pages\/item-new\/index\?canteenId=canteen-1&date=\d{4}-\d{2}-\d{2}$/,
    );
  });

  it('creates an item with price in yuan, stock, a limit and pickup slots', async () => {
    const date = takeawayState.items[0].date;
    // Before the form's default sale window (08:00–11:00) is over.
    setNow(`${date}T07:00:00+08:00`);
    taroTest.setRoute(`/packages/takeaway/pages/item-new/index?canteenId=canteen-1&date=${date}`);
    signInAs('demo-canteen');
    render(<NewItemPage />);
    const type = (placeholder: string, value: string) =>
      fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } });

    fireEvent.click(screen.getByRole('button', { name: '保存并上架' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写菜品名称');
    type('例如 红烧肉套餐、净菜礼包', '净菜礼包');
    type('18', '25.5');
    type('100', '30');
    type('不限', '1');
    fireEvent.click(screen.getByRole('button', { name: '+ 添加取餐时段' }));
    fireEvent.click(screen.getByRole('button', { name: '+ 添加取餐时段' }));
    fireEvent.input(screen.getAllByPlaceholderText('单数')[0], { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: '保存并上架' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写每个取餐时段可接单数');
    fireEvent.input(screen.getAllByPlaceholderText('单数')[1], { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: '保存并上架' }));

    await waitFor(() => expect(taroTest.toasts).toEqual(['净菜礼包已上架']));
    const created = mockItem('净菜礼包');
    expect(created).toMatchObject({ priceFen: 2550, stock: 30, perPersonLimit: 1, status: 'published', date });
    expect(created.pickupSlots.map((s) => [s.startsAt.slice(11, 16), s.endsAt.slice(11, 16), s.capacity])).toEqual([
      ['11:00', '11:30', 10],
      ['11:30', '12:00', 10],
    ]);
  });
});

describe('item form and slot choices', () => {
  /** The day before the drafts' date: their sale windows are still to come. */
  const NOV_22 = Date.parse('2026-11-22T12:00:00+08:00');

  it('turns the draft into the request, in fen and Shanghai instants', () => {
    const body = toNewItem(
      { ...initialDraft, name: ' 葱油拌面 ', price: '9', stock: '100', saleFromDayBefore: true },
      '2026-11-23',
      NOV_22,
    );
    expect(body).toEqual({
      date: '2026-11-23',
      name: '葱油拌面',
      priceFen: 900,
      stock: 100,
      saleStartsAt: '2026-11-22T08:00:00+08:00',
      saleEndsAt: '2026-11-23T11:00:00+08:00',
      pickupStartsAt: '2026-11-23T11:00:00+08:00',
      pickupEndsAt: '2026-11-23T13:00:00+08:00',
      publish: true,
    });
    expect(toNewItem({ ...initialDraft, name: 'x', price: '1', stock: '1', limit: '0' }, '2026-11-23', NOV_22)).toBe(
      '每人限购须为 1 到 999 的整数，不限购请留空',
    );
    expect(
      toNewItem({ ...initialDraft, name: 'x', price: '1', stock: '1', pickupStart: '13:00' }, '2026-11-23', NOV_22),
    ).toBe('取餐开始时间须早于结束时间');
    expect(nextSlot({ ...initialDraft, slots: [{ start: '11:00', end: '12:45', capacity: '5' }] })).toEqual({
      start: '12:45',
      end: '13:00',
      capacity: '5',
    });
    expect(nextSlot({ ...initialDraft, slots: [{ start: '11:00', end: '13:00', capacity: '5' }] })).toBeNull();
  });

  it('offers one slot per time window across the cart’s items, the one with most places left', () => {
    const pork = mockItem('红烧肉套餐');
    const egg = mockItem('番茄炒蛋盖浇饭');
    pork.pickupSlots[0].remaining = 0;
    const choices = slotChoices([pork, egg]);
    expect(choices).toHaveLength(3);
    expect(choices[0].id).toBe(egg.pickupSlots[0].id);
    expect(choices[1].id).toBe(pork.pickupSlots[1].id);
  });
});
