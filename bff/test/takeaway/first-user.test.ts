import type { BoardServerMessage, Order, TakeawayItem } from '@contract/takeaway.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import {
  TODAY,
  createItem,
  errorCode,
  expectConsistent,
  itemInput,
  makePeople,
  placed,
  shanghai,
  tokensOf,
} from './support';

// What a first user met in canteen and takeaway (issue 14), each as the rule it broke.

let t: TestApp;
let canteen1: string;
let canteen2: string;
let admin: string;
let staff: string;

beforeAll(async () => {
  t = await createTestApp();
  [canteen1, canteen2, admin, staff] = await tokensOf(t, [
    'demo-canteen-01',
    'demo-canteen-02',
    'demo-admin-02',
    'demo-staff-01',
  ]);
});
afterEach(async () => {
  await expectConsistent(t.db.db);
  t.clock.set(shanghai(TODAY, '10:00'));
});
afterAll(async () => {
  await t.close();
});

const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: t.auth(token) });
const post = (token: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: t.auth(token), payload });
const messagesOf = async (token: string): Promise<{ title: string; body: string }[]> =>
  (await get(token, '/api/messages')).json().items;
const balanceOf = async (token: string): Promise<number> => (await get(token, '/api/meal-card')).json().balanceFen;
const orderOf = async (token: string, id: string): Promise<Order> => (await get(token, `/api/orders/${id}`)).json();

describe('takeaway items are refused with the right words', () => {
  const create = (overrides: object) =>
    post(canteen1, '/api/canteens/canteen-1/takeaway', { ...itemInput({ name: '校验菜品' }), ...overrides });

  it('refuses ¥0 and a price above ¥1000.00, and keeps ¥0.01', async () => {
    for (const priceFen of [0, 100_001, 99_999_999]) {
      const res = await create({ priceFen });
      expect([priceFen, res.statusCode, errorCode(res)]).toEqual([priceFen, 400, 'VALIDATION_FAILED']);
    }
    expect((await create({ priceFen: 1 })).statusCode).toBe(201);
  });

  it('refuses a sale window that is already over, instead of listing it 在售 while diners see 已停售', async () => {
    const res = await create({ saleStartsAt: shanghai(TODAY, '06:00'), saleEndsAt: shanghai(TODAY, '09:00') });
    expect([res.statusCode, errorCode(res)]).toEqual([400, 'SALE_WINDOW_PAST']);
    expect(res.json().error.message).toBe('售卖结束时间已过，请把售卖时间设在现在之后');
    expect((await create({ saleEndsAt: shanghai(TODAY, '10:01') })).statusCode).toBe(201);
  });
});

describe('the per-person limit counts what the person already bought that day', () => {
  it('answers limitLeft for limited items, per person, and gives it back on cancel', async () => {
    const limited = await createItem(t, canteen1, itemInput({ name: '限购菜', perPersonLimit: 3 }));
    const open = await createItem(t, canteen1, itemInput({ name: '不限购菜' }));
    const [buyer, other] = await makePeople(t, 2, { balanceFen: 10_000 });
    const shelf = async (token: string) => {
      const items: TakeawayItem[] = (await get(token, `/api/canteens/canteen-1/takeaway?date=${TODAY}`)).json().items;
      return { limited: items.find((i) => i.id === limited.id)!, open: items.find((i) => i.id === open.id)! };
    };
    expect((await shelf(buyer.token)).limited.limitLeft).toBe(3);
    const first = await placed(t, buyer.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: limited.id, quantity: 2 }],
    });
    const now = await shelf(buyer.token);
    expect(now.limited.limitLeft).toBe(1);
    expect(now.open.limitLeft).toBeUndefined();
    expect((await shelf(other.token)).limited.limitLeft).toBe(3);
    // What the shelf says is what payment holds to.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...t.auth(buyer.token), 'idempotency-key': 'limit-left-2' },
      payload: { canteenId: 'canteen-1', items: [{ itemId: limited.id, quantity: 2 }] },
    });
    expect([refused.statusCode, errorCode(refused)]).toEqual([409, 'LIMIT_EXCEEDED']);
    await post(buyer.token, `/api/orders/${first.id}/cancel`);
    expect((await shelf(buyer.token)).limited.limitLeft).toBe(3);
  });
});

describe('the demo and checkout agree on when to collect', () => {
  it('the demo’s slotted items show the pickup window their slots cover, gap-free, the whole day', async () => {
    const items: TakeawayItem[] = (await get(staff, '/api/canteens/canteen-1/takeaway')).json().items;
    const slotted = items.filter((i) => i.id.startsWith('demo-ta-') && i.pickupSlots.length > 0);
    expect(slotted.length).toBeGreaterThan(0);
    for (const item of slotted) {
      const slots = [...item.pickupSlots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
      expect([item.name, Date.parse(slots[0].startsAt), Date.parse(slots[slots.length - 1].endsAt)]).toEqual([
        item.name,
        Date.parse(item.pickupStartsAt),
        Date.parse(item.pickupEndsAt),
      ]);
      for (let i = 1; i < slots.length; i++)
        expect(Date.parse(slots[i].startsAt)).toBe(Date.parse(slots[i - 1].endsAt));
    }
  });

  it('refuses a slot that is already over (SLOT_ENDED), and changes nothing', async () => {
    const slotted = await createItem(t, canteen1, {
      ...itemInput({ name: '早场菜' }),
      pickupSlots: [
        { startsAt: shanghai(TODAY, '08:00'), endsAt: shanghai(TODAY, '09:00'), capacity: 5 },
        { startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '12:00'), capacity: 5 },
      ],
    });
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const body = (slot: number) => ({
      canteenId: 'canteen-1',
      items: [{ itemId: slotted.id, quantity: 1 }],
      pickupSlotId: slotted.pickupSlots[slot].id,
    });
    const over = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { ...t.auth(person.token), 'idempotency-key': 'slot-over' },
      payload: body(0),
    });
    expect([over.statusCode, errorCode(over)]).toEqual([409, 'SLOT_ENDED']);
    expect(await balanceOf(person.token)).toBe(5000);
    expect((await placed(t, person.token, body(1))).pickupSlot?.id).toBe(slotted.pickupSlots[1].id);
  });
});

describe('cancel is not offered once the pickup slot has passed', () => {
  it('cancellableUntil is the end of the slot when that comes before the end of the sale', async () => {
    const slotted = await createItem(t, canteen1, {
      ...itemInput({ name: '时段菜' }),
      pickupSlots: [{ startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '11:30'), capacity: 5 }],
    });
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: slotted.id, quantity: 1 }],
      pickupSlotId: slotted.pickupSlots[0].id,
    });
    expect(Date.parse(mine.cancellableUntil)).toBe(Date.parse(shanghai(TODAY, '11:30')));
    t.clock.set(shanghai(TODAY, '11:31'));
    const late = await post(person.token, `/api/orders/${mine.id}/cancel`);
    expect([late.statusCode, errorCode(late)]).toEqual([409, 'ORDER_NOT_CANCELLABLE']);
    expect(await balanceOf(person.token)).toBe(5000 - 1500);
  });
});

describe('who may read the board: one rule for REST and the live socket', () => {
  /** What the live board service answers this token: 'ready', or the error code it closes with. */
  async function socketAnswer(token: string, canteenId: string): Promise<string> {
    const messages: BoardServerMessage[] = [];
    const stop = await t.app.services.board.open(
      { send: (m) => messages.push(m), close: () => undefined },
      { canteenId, token },
    );
    stop();
    const first = messages[0];
    return first.type === 'error' ? first.error.code : first.type;
  }

  it('this canteen’s staff read it both ways; admins, other canteens’ staff and diners get the same refusal both ways', async () => {
    for (const [who, token, expected] of [
      ['own staff', () => canteen1, 'ready'],
      ['other canteen', () => canteen2, 'NOT_CANTEEN_STAFF'],
      ['admin', () => admin, 'FORBIDDEN'],
      ['diner', () => staff, 'FORBIDDEN'],
    ] as const) {
      const rest = await get(token(), '/api/canteens/canteen-1/orders');
      const restAnswer = rest.statusCode === 200 ? 'ready' : errorCode(rest);
      expect([who, restAnswer, await socketAnswer(token(), 'canteen-1')]).toEqual([who, expected, expected]);
    }
  });

  it('a pickup code of another canteen answers as not found, exactly like a code nobody has', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '取餐码菜' }));
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const elsewhere = await post(canteen2, '/api/canteens/canteen-2/pickups', { code: mine.pickupCode });
    const codes = new Set(
      (await t.db.db.selectFrom('takeaway_orders').select('pickup_code').execute()).map((r) => r.pickup_code),
    );
    const unused = ['000000', '000001', '000002'].find((c) => !codes.has(c))!;
    const nobody = await post(canteen2, '/api/canteens/canteen-2/pickups', { code: unused });
    expect([elsewhere.statusCode, elsewhere.json()]).toEqual([nobody.statusCode, nobody.json()]);
    expect([elsewhere.statusCode, errorCode(elsewhere)]).toEqual([404, 'PICKUP_CODE_INVALID']);
    expect((await orderOf(person.token, mine.id)).status).toBe('placed');
  });
});

// Last: these close canteen-1's and canteen-2's day, after which nothing of it can be added.
describe('结束今天 never takes away an order whose pickup window has not ended', () => {
  it('at 11:24 it expires only the order whose window is over; the one paid seconds earlier for 11:30 stays 待取餐', async () => {
    const lunch = await createItem(
      t,
      canteen2,
      {
        ...itemInput({ name: '午餐套餐', priceFen: 1800, stock: 50 }),
        pickupStartsAt: shanghai(TODAY, '11:30'),
        pickupEndsAt: shanghai(TODAY, '12:30'),
        pickupSlots: [{ startsAt: shanghai(TODAY, '11:30'), endsAt: shanghai(TODAY, '12:00'), capacity: 10 }],
      },
      'canteen-2',
    );
    const breakfast = await createItem(
      t,
      canteen2,
      itemInput({
        name: '早点',
        priceFen: 600,
        pickupStartsAt: shanghai(TODAY, '07:00'),
        pickupEndsAt: shanghai(TODAY, '09:00'),
      }),
      'canteen-2',
    );
    const [late, early] = await makePeople(t, 2, { balanceFen: 5000 });
    const missed = await placed(t, early.token, {
      canteenId: 'canteen-2',
      items: [{ itemId: breakfast.id, quantity: 1 }],
    });
    t.clock.set(shanghai(TODAY, '11:24'));
    const paid = await placed(t, late.token, {
      canteenId: 'canteen-2',
      items: [{ itemId: lunch.id, quantity: 1 }],
      pickupSlotId: lunch.pickupSlots[0].id,
    });

    const closed = await post(canteen2, '/api/canteens/canteen-2/takeaway/close-day', { date: TODAY });
    expect(closed.json()).toEqual({ date: TODAY, expired: 1, waiting: 1, refunded: 0, refundedFen: 0 });
    expect((await orderOf(late.token, paid.id)).status).toBe('placed');
    expect(await balanceOf(late.token)).toBe(5000 - 1800);
    // The missed one expired without refund (the default), and its message says so, dated as the app writes.
    expect(await orderOf(early.token, missed.id)).toMatchObject({ status: 'expired', refundedFen: 0 });
    const expiredNote = (await messagesOf(early.token)).find((m) => m.title === '外卖订单已过期');
    expect(expiredNote?.body).toBe(
      `11月21日取餐码 ${missed.pickupCode} 的外卖订单在取餐时间内未取餐，已过期。本食堂过期订单不退款，已付的 ¥6.00 不退回餐卡。`,
    );

    // Sales have stopped, but the paid order is handed out in its slot.
    t.clock.set(shanghai(TODAY, '11:40'));
    const handed = await post(canteen2, '/api/canteens/canteen-2/pickups', { code: paid.pickupCode });
    expect([handed.statusCode, handed.json().status]).toEqual([200, 'collected']);
  });

  it('a waiting order left by an early close expires once its window is over (housekeeping), refunded where the canteen refunds', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-1/takeaway/settings',
      headers: t.auth(canteen1),
      payload: { refundExpired: true },
    });
    const dinner = await createItem(
      t,
      canteen1,
      itemInput({
        name: '晚餐盒饭',
        priceFen: 1500,
        pickupStartsAt: shanghai(TODAY, '17:00'),
        pickupEndsAt: shanghai(TODAY, '18:00'),
      }),
    );
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: dinner.id, quantity: 1 }] });
    const closed = await post(canteen1, '/api/canteens/canteen-1/takeaway/close-day', { date: TODAY });
    // Earlier tests left orders of canteen-1 waiting too (all-day windows): none has ended at 10:00.
    expect(closed.json()).toMatchObject({ expired: 0 });
    expect(closed.json().waiting).toBeGreaterThanOrEqual(1);
    expect((await orderOf(person.token, mine.id)).status).toBe('placed');
    expect(await t.app.services.orders.closeOverdueDays()).toEqual([]);

    t.clock.set(shanghai(TODAY, '18:05'));
    const [done] = await t.app.services.orders.closeOverdueDays();
    expect(done).toMatchObject({ canteenId: 'canteen-1', date: TODAY });
    expect(done.expired).toBeGreaterThanOrEqual(1);
    expect(done.refunded).toBe(done.expired);
    expect(await orderOf(person.token, mine.id)).toMatchObject({ status: 'expired', refundedFen: 1500 });
    expect(await balanceOf(person.token)).toBe(5000);
    const note = (await messagesOf(person.token)).find((m) => m.title === '外卖订单已过期');
    expect(note?.body).toBe(
      `11月21日取餐码 ${mine.pickupCode} 的外卖订单在取餐时间内未取餐，已过期，¥15.00 已退回餐卡。`,
    );
  });
});
