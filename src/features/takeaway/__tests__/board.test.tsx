import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { BoardOrder, BoardServerMessage, Order } from '@contract/takeaway.schema';
import { http } from 'msw';
import { errorResponse } from '../../../../mock/handlers';
import { server } from '../../../../mock/node';
import { mockItem, takeawayState } from '../../../../mock/takeaway';
import { canteenMock } from '../../../../mock/canteen';
import { mockState, openSession } from '../../../../mock/state';
import { useSession } from '@/features/session/store';
import { taroTest } from '@/test-support/taro';
import { signInAs } from '@/test-support/session';
import BoardPage from '@/packages/takeaway/pages/board/index';
import { connectBoard, type BoardLinkHandlers } from '../board-socket';
import { playNewOrderCue } from '../cue';
import { groupBySlot, pickupCodeFrom, prepListOf } from '../board';
import { placeOrderWith } from './place-order';

jest.mock('../board-socket', () => ({ connectBoard: jest.fn() }));
jest.mock('../cue', () => ({ playNewOrderCue: jest.fn(), unlockCue: jest.fn() }));

const connect = connectBoard as jest.MockedFunction<typeof connectBoard>;
let live: BoardLinkHandlers | null = null;
const closed = jest.fn();

beforeEach(() => {
  live = null;
  closed.mockClear();
  (playNewOrderCue as jest.Mock).mockClear();
  connect.mockReset();
  connect.mockImplementation((_target, handlers) => {
    live = handlers;
    return closed;
  });
});

async function place(personId: string, items: { name: string; quantity: number }[], slot = true): Promise<Order> {
  const token =
    [...mockState.sessions.entries()].find(([, s]) => s.personId === personId)?.[0] ?? openSession(personId).token;
  const first = mockItem(items[0].name);
  return placeOrderWith(token, items, slot ? first.pickupSlots[0]?.id : undefined);
}

let canteenToken = '';

/** An order as the board's socket would push it (read through the board's HTTP route). */
async function boardOrder(order: Order): Promise<BoardOrder> {
  const res = await fetch(`http://localhost/api/canteens/${order.canteenId}/orders`, {
    headers: { authorization: `Bearer ${canteenToken}` },
  });
  const board = (await res.json()) as { orders: BoardOrder[] };
  return board.orders.find((o) => o.id === order.id)!;
}

function push(message: BoardServerMessage) {
  act(() => live?.onMessage(message));
}

async function openBoard() {
  canteenToken = signInAs('demo-canteen').token;
  render(<BoardPage />);
  await waitFor(() => expect(live).not.toBeNull());
  act(() => live?.onState('live'));
}

describe('订单看板 (canteen staff)', () => {
  it('connects to its canteen’s day, shows new orders as they arrive by pickup slot, with a sound cue', async () => {
    const early = await place('demo-staff', [{ name: '红烧肉套餐', quantity: 1 }]);
    await openBoard();
    expect(connect.mock.calls[0][0]).toMatchObject({ canteenId: 'canteen-1' });
    expect(connect.mock.calls[0][0].token()).toBe(canteenToken);
    push({
      type: 'ready',
      board: { canteenId: 'canteen-1', date: early.date, orders: [await boardOrder(early)], prepList: [] },
    });

    expect(await screen.findByText('实时更新中')).toBeTruthy();
    expect(screen.getByText('共 1 单')).toBeTruthy();
    expect(playNewOrderCue).not.toHaveBeenCalled();

    const next = await place('demo-staff-2', [
      { name: '番茄炒蛋盖浇饭', quantity: 2 },
      { name: '杂粮馒头（4个）', quantity: 1 },
    ]);
    push({ type: 'orders', orders: [await boardOrder(next)] });

    const row = screen.getByLabelText(`取餐码 ${next.pickupCode}，李娜，待取餐`);
    expect(within(row).getByText('新')).toBeTruthy();
    expect(within(row).getByText('杂粮馒头（4个）×1、番茄炒蛋盖浇饭×2')).toBeTruthy();
    expect(screen.getByText('共 2 单')).toBeTruthy();
    expect(screen.getByText('11:00–11:30')).toBeTruthy();
    expect(playNewOrderCue).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('tab', { name: '备餐汇总' }));
    expect(screen.getByLabelText('番茄炒蛋盖浇饭 共 2 份')).toBeTruthy();
    expect(screen.getByLabelText('红烧肉套餐 共 1 份')).toBeTruthy();
  });

  it('marks an order collected by its typed code, and refuses a second time with the reason', async () => {
    const order = await place('demo-staff', [{ name: '杂粮馒头（4个）', quantity: 2 }]);
    await openBoard();
    push({
      type: 'ready',
      board: { canteenId: 'canteen-1', date: order.date, orders: [await boardOrder(order)], prepList: [] },
    });
    const input = screen.getByLabelText('取餐码');

    fireEvent.input(input, { target: { value: order.pickupCode } });
    fireEvent.click(screen.getByRole('button', { name: '核销' }));
    const ok = await screen.findByRole('status');
    expect(ok.textContent).toContain(`✓ 已取餐 · ${order.pickupCode}`);
    expect(ok.textContent).toContain('张伟（杭州市机关事务管理局·综合处）');
    expect(screen.getByLabelText(`取餐码 ${order.pickupCode}，张伟，已取餐`)).toBeTruthy();
    expect(takeawayState.orders[0].status).toBe('collected');

    server.use(
      http.post('*/api/canteens/:canteenId/pickups', () => errorResponse(409, 'ORDER_ALREADY_COLLECTED'), {
        once: true,
      }),
    );
    fireEvent.input(input, { target: { value: order.pickupCode } });
    fireEvent.click(screen.getByRole('button', { name: '核销' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      `✗ 不能核销 · ${order.pickupCode}该订单已取餐，不能重复取餐或取消`,
    );
  });

  it('refuses unknown codes, codes of another canteen and anything but 6 digits, each with its reason', async () => {
    const elsewhere = await place('demo-staff', [{ name: '清蒸鲈鱼套餐', quantity: 1 }]);
    await openBoard();
    push({ type: 'ready', board: { canteenId: 'canteen-1', date: elsewhere.date, orders: [], prepList: [] } });
    expect(screen.getByText('今天还没有外卖订单')).toBeTruthy();
    const input = screen.getByLabelText('取餐码');
    const tryCode = async (code: string) => {
      fireEvent.input(input, { target: { value: code } });
      fireEvent.click(screen.getByRole('button', { name: '核销' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(code));
      return screen.getByRole('alert').textContent;
    };

    const unknown = elsewhere.pickupCode === '000000' ? '000001' : '000000';
    expect(await tryCode(unknown)).toContain('取餐码无效，请核对 6 位数字后重试');
    server.use(
      http.post('*/api/canteens/:canteenId/pickups', () => errorResponse(409, 'WRONG_CANTEEN'), { once: true }),
    );
    expect(await tryCode(elsewhere.pickupCode)).toContain('这不是本食堂的订单或取餐时段，请到下单的食堂办理');
    fireEvent.input(input, { target: { value: '12a' } });
    fireEvent.click(screen.getByRole('button', { name: '核销' }));
    expect(screen.getByRole('alert').textContent).toContain('请输入 6 位数字取餐码');
  });

  it('says why the board refused this person', async () => {
    await openBoard();
    act(() => live?.onState('refused', 'NOT_CANTEEN_STAFF'));
    expect(screen.getByText('您不是该食堂的工作人员，不能进行此操作')).toBeTruthy();
    expect(screen.getByText('无法连接')).toBeTruthy();
  });

  it('when the session ends while the board is open (logout elsewhere, expiry), goes to sign-in and back here', async () => {
    taroTest.setRoute('/packages/takeaway/pages/board/index');
    await openBoard();
    push({ type: 'ready', board: { canteenId: 'canteen-1', date: '2026-11-21', orders: [], prepList: [] } });
    act(() => live?.onState('refused', 'TOKEN_EXPIRED'));

    await waitFor(() =>
      expect(taroTest.navigations).toEqual([
        { kind: 'reLaunch', url: '/pages/sign-in/index?redirect=%2Fpackages%2Ftakeaway%2Fpages%2Fboard%2Findex' },
      ]),
    );
    expect(taroTest.toasts).toContain('登录已过期，请重新登录');
    expect(useSession.getState().token).toBeNull();
    expect(closed).toHaveBeenCalled();
  });

  it('when the person loses the 食堂 role mid-shift, says the board stopped and why, and offers no stale board', async () => {
    await openBoard();
    const order = await place('demo-staff', [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    push({
      type: 'ready',
      board: { canteenId: 'canteen-1', date: order.date, orders: [await boardOrder(order)], prepList: [] },
    });
    expect(screen.getByText('共 1 单')).toBeTruthy();

    mockState.people.get('demo-canteen')!.roles = ['staff'];
    act(() => live?.onState('refused', 'FORBIDDEN'));

    expect(await screen.findByText('订单看板仅限食堂工作人员使用')).toBeTruthy();
    expect(screen.getByText('看板已停止更新：您没有权限进行此操作')).toBeTruthy();
    expect(screen.queryByText('共 1 单')).toBeNull();
    expect(taroTest.navigations).toEqual([]);
  });

  it('when the person is taken off the canteen’s staff, says so instead of the board', async () => {
    await openBoard();
    push({ type: 'ready', board: { canteenId: 'canteen-1', date: '2026-11-21', orders: [], prepList: [] } });
    canteenMock().canteens[0].staff = [];
    act(() => live?.onState('refused', 'NOT_CANTEEN_STAFF'));

    expect(await screen.findByText('看板已停止更新：您不是该食堂的工作人员，不能进行此操作')).toBeTruthy();
    expect(screen.getByText('请联系管理员在食堂设置中添加您')).toBeTruthy();
    expect(screen.queryByText('实时更新中')).toBeNull();
  });

  it('asks before closing the day, then reports what expired and what is still handed out', async () => {
    await place('demo-staff', [{ name: '杂粮馒头（4个）', quantity: 1 }]);
    await place('demo-staff-2', [{ name: '杂粮馒头（4个）', quantity: 2 }]);
    // The first one's pickup window ended a minute ago; the second's (all day) has not.
    const [missed, waiting] = takeawayState.orders;
    missed.pickupEndsAt = new Date(Date.now() - 60_000).toISOString();
    await openBoard();
    push({
      type: 'ready',
      board: {
        canteenId: 'canteen-1',
        date: missed.date,
        orders: [await boardOrder(missed), await boardOrder(waiting)],
        prepList: [],
      },
    });
    fireEvent.click(screen.getByRole('button', { name: '结束今天' }));
    const dialog = screen.getByRole('dialog', { name: '结束今天的外卖？' });
    expect(
      within(dialog).getByText(
        '结束后不再接单。取餐时间已过的 1 单将变为已过期（是否退款按本食堂的设置）。取餐时间未到的 1 单不受影响，仍按时取餐。此操作不能撤回。',
      ),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '结束今天' }));
    await waitFor(() =>
      expect(taroTest.toasts).toEqual(['已结束今天外卖：1 单未取餐已过期；1 单未到取餐结束时间，仍可按时取餐']),
    );
    expect([missed.status, waiting.status]).toEqual(['expired', 'placed']);
    // The board, read again, says the day is over and offers no second close.
    expect(await screen.findByText(/^今天的外卖已于 \d{2}:\d{2} 结束，不再接单$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '结束今天' })).toBeNull();
  });

  it('when the day is closed on another device, says so and stops offering 结束今天', async () => {
    await openBoard();
    push({ type: 'ready', board: { canteenId: 'canteen-1', date: '2026-11-21', orders: [], prepList: [] } });
    expect(screen.getByRole('button', { name: '结束今天' })).toBeTruthy();
    push({ type: 'closed', closedAt: '2026-11-21T20:30:00.000+08:00' });
    expect(await screen.findByText('今天的外卖已于 20:30 结束，不再接单')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '结束今天' })).toBeNull();
  });

  it('is for canteen staff only', () => {
    signInAs('demo-staff');
    render(<BoardPage />);
    expect(screen.getByText('订单看板仅限食堂工作人员使用')).toBeTruthy();
    expect(connect).not.toHaveBeenCalled();
  });
});

describe('board helpers', () => {
  const order = (id: string, status: BoardOrder['status'], starts: string, items: [string, number][]): BoardOrder => ({
    id,
    canteenId: 'c',
    date: '2026-11-23',
    status,
    items: items.map(([name, quantity]) => ({
      itemId: name,
      name,
      quantity,
      priceFen: 100,
      amountFen: 100 * quantity,
    })),
    totalFen: 0,
    pickupSlot: {
      id: `s-${starts}`,
      startsAt: `2026-11-23T${starts}:00+08:00`,
      endsAt: `2026-11-23T${starts.slice(0, 2)}:59:00+08:00`,
    },
    pickupStartsAt: `2026-11-23T${starts}:00+08:00`,
    pickupEndsAt: `2026-11-23T${starts.slice(0, 2)}:59:00+08:00`,
    pickupCode: '123456',
    cancellableUntil: '2026-11-23T11:00:00+08:00',
    refundedFen: 0,
    timeline: [],
    createdAt: '2026-11-23T09:00:00+08:00',
    person: { id: 'p', name: 'P', unit: 'U' },
  });

  it('groups by slot, earliest first, and sums the prep list without cancelled or expired orders', () => {
    const orders = [
      order('a', 'placed', '12:00', [['饭', 2]]),
      order('b', 'collected', '11:00', [
        ['饭', 1],
        ['汤', 1],
      ]),
      order('c', 'cancelled', '11:00', [['饭', 5]]),
      order('d', 'expired', '12:00', [['汤', 3]]),
    ];
    expect(groupBySlot(orders).map((g) => [g.label, g.orders.length, g.waiting, g.collected])).toEqual([
      ['11:00–11:59', 2, 0, 1],
      ['12:00–12:59', 2, 1, 0],
    ]);
    expect(prepListOf(orders)).toEqual([
      { itemId: '饭', name: '饭', quantity: 3, collected: 1 },
      { itemId: '汤', name: '汤', quantity: 1, collected: 1 },
    ]);
  });

  it('reads a pickup code typed with spaces or from the QR', () => {
    expect(pickupCodeFrom('482915')).toBe('482915');
    expect(pickupCodeFrom(' 482 915 ')).toBe('482915');
    expect(pickupCodeFrom('48291')).toBeNull();
    expect(pickupCodeFrom('https://x/482915')).toBeNull();
  });
});
