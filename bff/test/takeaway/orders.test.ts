import type { TakeawayItem } from '@contract/takeaway.schema';
import { newId } from '../../src/lib/ids';
import { createTestApp, type TestApp } from '../support/test-app';
import {
  TODAY,
  createItem,
  errorCode,
  expectConsistent,
  itemInput,
  makePeople,
  order,
  placed,
  shanghai,
} from './support';

let t: TestApp;
let canteen1: string;
let canteen2: string;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  [canteen1, canteen2, admin] = (
    await Promise.all(['demo-canteen-01', 'demo-canteen-02', 'demo-admin-02'].map((id) => t.signIn(id)))
  ).map((s) => s.token);
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: t.auth(token) });
const post = (token: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: t.auth(token), payload });
const card = async (token: string) => (await get(token, '/api/meal-card')).json();
const pickup = (token: string, code: string, canteenId = 'canteen-1') =>
  post(token, `/api/canteens/${canteenId}/pickups`, { code });

/** Everything an order could change, to show that a refused one changed nothing. */
async function snapshot() {
  const db = t.db.db;
  const [items, slots, cards, ledger, orders, purchases, outbox, messages] = await Promise.all([
    db.selectFrom('takeaway_items').select(['id', 'remaining', 'stock']).orderBy('id').execute(),
    db.selectFrom('takeaway_pickup_slots').select(['id', 'remaining']).orderBy('id').execute(),
    db.selectFrom('meal_cards').selectAll().orderBy('person_id').execute(),
    db.selectFrom('meal_card_ledger').select('id').orderBy('id').execute(),
    db.selectFrom('takeaway_orders').select(['id', 'status']).orderBy('id').execute(),
    db.selectFrom('takeaway_purchases').selectAll().orderBy('person_id').orderBy('item_id').execute(),
    db.selectFrom('outbox').select('id').orderBy('id').execute(),
    db.selectFrom('messages').select('id').orderBy('id').execute(),
  ]);
  return { items, slots, cards, ledger, orders, purchases, outbox, messages };
}

describe('placing an order', () => {
  let item: TakeawayItem;
  let slotted: TakeawayItem;
  beforeAll(async () => {
    item = await createItem(
      t,
      canteen1,
      itemInput({ name: '红烧牛肉面', priceFen: 1800, stock: 50, perPersonLimit: 3 }),
    );
    slotted = await createItem(t, canteen1, {
      ...itemInput({ name: '分时段套餐', priceFen: 2000, stock: 50 }),
      pickupSlots: [
        { startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '11:30'), capacity: 5 },
        { startsAt: shanghai(TODAY, '11:30'), endsAt: shanghai(TODAY, '12:00'), capacity: 1 },
      ],
    });
  });

  it('pays from the card, answers 201 with a 6-digit pickup code, and tells the person', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 10_000 });
    const res = await order(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 2 }] });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      canteenId: 'canteen-1',
      date: TODAY,
      status: 'placed',
      totalFen: 3600,
      refundedFen: 0,
      pickupSlot: null,
      items: [{ itemId: item.id, name: '红烧牛肉面', quantity: 2, priceFen: 1800, amountFen: 3600 }],
      pickupStartsAt: item.pickupStartsAt,
      cancellableUntil: item.saleEndsAt,
    });
    expect(body.pickupCode).toMatch(/^\d{6}$/);
    expect(body.timeline).toEqual([{ status: 'placed', at: shanghai(TODAY, '10:00') }]);

    const mine = await card(person.token);
    expect(mine.balanceFen).toBe(10_000 - 3600);
    expect(mine.transactions[0]).toMatchObject({
      kind: 'payment',
      amountFen: -3600,
      balanceAfterFen: 6400,
      orderId: body.id,
    });
    expect(mine.transactions[1]).toMatchObject({
      kind: 'topup',
      amountFen: 10_000,
      balanceAfterFen: 10_000,
      note: '测试充值',
      by: { id: 'demo-admin-01', name: '高处长' },
    });

    const items = (await get(person.token, '/api/canteens/canteen-1/takeaway')).json().items;
    expect(items.find((i: TakeawayItem) => i.id === item.id).remaining).toBe(item.remaining - 2);

    await t.app.services.outbox.drain();
    const messages = (await get(person.token, '/api/messages')).json().items;
    expect(messages.map((m: { title: string }) => m.title)).toContain('外卖下单成功');
    expect(messages.find((m: { title: string }) => m.title === '外卖下单成功').body).toContain(body.pickupCode);

    expect((await get(person.token, `/api/orders/${body.id}`)).json()).toEqual(body);
    expect((await get(person.token, '/api/orders')).json().items).toEqual([body]);
  });

  it('takes a place in the chosen pickup slot and requires one when the item has slots', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 10_000 });
    const required = await order(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: slotted.id, quantity: 1 }],
    });
    expect([required.statusCode, errorCode(required)]).toEqual([400, 'PICKUP_SLOT_REQUIRED']);
    const slot = slotted.pickupSlots[0];
    const ok = await placed(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: slotted.id, quantity: 1 }],
      pickupSlotId: slot.id,
    });
    expect(ok.pickupSlot).toEqual({ id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
    expect([ok.pickupStartsAt, ok.pickupEndsAt]).toEqual([slot.startsAt, slot.endsAt]);
    const listed = (await get(person.token, '/api/canteens/canteen-1/takeaway'))
      .json()
      .items.find((i: TakeawayItem) => i.id === slotted.id);
    expect(listed.pickupSlots[0].remaining).toBe(slot.capacity - 1);
  });

  it('refuses every bad order with its own code, and changes nothing', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const [poor] = await makePeople(t, 1, { balanceFen: 1000 });
    const withdrawn = await createItem(t, canteen1, itemInput({ name: '已下架', publish: false }));
    const later = await createItem(
      t,
      canteen1,
      itemInput({ name: '下午开售', saleStartsAt: shanghai(TODAY, '14:00') }),
    );
    // Its sale closed at 09:00 (made earlier: a sale window already over is refused at creation).
    const over = await createItem(
      t,
      canteen1,
      itemInput({ name: '早上截止', saleStartsAt: shanghai(TODAY, '06:00'), saleEndsAt: shanghai(TODAY, '10:30') }),
    );
    await t.db.db
      .updateTable('takeaway_items')
      .set({ sale_ends_at: new Date(shanghai(TODAY, '09:00')).toISOString() })
      .where('id', '=', over.id)
      .execute();
    const soldOut = await createItem(t, canteen1, itemInput({ name: '只剩一份', stock: 1 }));
    const elsewhere = await createItem(t, canteen2, itemInput({ name: '二食堂的' }), 'canteen-2');
    const tomorrow = await createItem(
      t,
      canteen1,
      itemInput({
        name: '明天的',
        date: '2026-11-22',
        pickupStartsAt: shanghai('2026-11-22', '11:00'),
        pickupEndsAt: shanghai('2026-11-22', '13:00'),
      }),
    );
    const c2slotted = await createItem(
      t,
      canteen2,
      {
        ...itemInput({ name: '二食堂分时段' }),
        pickupSlots: [{ startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '12:00'), capacity: 5 }],
      },
      'canteen-2',
    );
    const slotted2 = await createItem(t, canteen1, {
      ...itemInput({ name: '另一分时段' }),
      pickupSlots: [{ startsAt: shanghai(TODAY, '12:00'), endsAt: shanghai(TODAY, '12:30'), capacity: 5 }],
    });
    const fullSlot = slotted.pickupSlots[1];
    const [filler] = await makePeople(t, 1, { balanceFen: 5000 });
    await placed(t, filler.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: slotted.id, quantity: 1 }],
      pickupSlotId: fullSlot.id,
    });

    const line = (itemId: string, quantity: unknown = 1) => ({ canteenId: 'canteen-1', items: [{ itemId, quantity }] });
    const cases: [string, object, number, string, string?][] = [
      ['quantity 0', line(item.id, 0), 400, 'INVALID_QUANTITY'],
      ['negative', line(item.id, -1), 400, 'INVALID_QUANTITY'],
      ['fractional', line(item.id, 1.5), 400, 'INVALID_QUANTITY'],
      ['huge', line(item.id, 1e12), 400, 'INVALID_QUANTITY'],
      ['beyond max', line(item.id, 100), 400, 'INVALID_QUANTITY'],
      [
        'merged lines beyond max',
        {
          canteenId: 'canteen-1',
          items: [
            { itemId: item.id, quantity: 60 },
            { itemId: item.id, quantity: 60 },
          ],
        },
        400,
        'INVALID_QUANTITY',
      ],
      ['per-person limit', line(item.id, 4), 409, 'LIMIT_EXCEEDED'],
      ['unknown item', line('no-such-item'), 404, 'ITEM_NOT_FOUND'],
      ['withdrawn', line(withdrawn.id), 409, 'ITEM_WITHDRAWN'],
      ['before the sale window', line(later.id), 409, 'SALE_NOT_OPEN'],
      ['after the sale window', line(over.id), 409, 'SALE_CLOSED'],
      ['more than remains', line(soldOut.id, 2), 409, 'SOLD_OUT'],
      ['item of another canteen', line(elsewhere.id), 409, 'WRONG_CANTEEN'],
      [
        'items of two days',
        {
          canteenId: 'canteen-1',
          items: [
            { itemId: item.id, quantity: 1 },
            { itemId: tomorrow.id, quantity: 1 },
          ],
        },
        400,
        'ORDER_MIXED_DATES',
      ],
      [
        'another canteen’s slot',
        { ...line(slotted.id), pickupSlotId: c2slotted.pickupSlots[0].id },
        409,
        'WRONG_CANTEEN',
      ],
      ['unknown slot', { ...line(slotted.id), pickupSlotId: 'no-such-slot' }, 404, 'SLOT_NOT_FOUND'],
      ['another item’s slot', { ...line(item.id), pickupSlotId: slotted.pickupSlots[0].id }, 404, 'SLOT_NOT_FOUND'],
      ['full slot', { ...line(slotted.id), pickupSlotId: fullSlot.id }, 409, 'SLOT_FULL'],
      [
        'two items split into slots',
        {
          canteenId: 'canteen-1',
          items: [
            { itemId: slotted.id, quantity: 1 },
            { itemId: slotted2.id, quantity: 1 },
          ],
          pickupSlotId: slotted.pickupSlots[0].id,
        },
        400,
        'ORDER_MIXED_SLOTS',
      ],
      ['insufficient balance', line(item.id, 1), 409, 'INSUFFICIENT_BALANCE', poor.token],
      ['no items', { canteenId: 'canteen-1', items: [] }, 400, 'VALIDATION_FAILED'],
      ['a string quantity', line(item.id, 'two'), 400, 'VALIDATION_FAILED'],
    ];
    const before = await snapshot();
    for (const [what, body, status, code, token] of cases) {
      const res = await order(t, token ?? person.token, body);
      expect({ what, status: res.statusCode, code: errorCode(res) }).toEqual({ what, status, code });
    }
    const missingKey = await order(t, person.token, line(item.id), null);
    expect([missingKey.statusCode, errorCode(missingKey)]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const blankKey = await order(t, person.token, line(item.id), ' ');
    expect(errorCode(blankKey)).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await snapshot()).toEqual(before);
  });

  it('only staff and admins order; visitors and canteen-only accounts cannot', async () => {
    for (const id of ['demo-visitor-01', 'demo-canteen-01']) {
      const { token } = await t.signIn(id);
      expect(
        (await order(t, token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })).statusCode,
      ).toBe(403);
    }
    expect(
      (await order(t, 'nope', { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })).statusCode,
    ).toBe(401);
  });

  it('a retried request answers the same order; the same key with another body is refused', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 10_000 });
    const key = newId();
    const body = { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] };
    const first = await order(t, person.token, body, key);
    const again = await order(t, person.token, body, key);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await order(t, person.token, { ...body, items: [{ itemId: item.id, quantity: 2 }] }, key);
    expect([reused.statusCode, errorCode(reused)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // Keys belong to a person: someone else's identical key is a new order.
    const [other] = await makePeople(t, 1, { balanceFen: 10_000 });
    const theirs = await order(t, other.token, body, key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
    expect((await card(person.token)).balanceFen).toBe(10_000 - 1800);
  });

  it('a retry after the order took the last portion, or after the sale closed, still answers that order', async () => {
    const last = await createItem(
      t,
      canteen1,
      itemInput({ name: '最后一份', stock: 1, saleEndsAt: shanghai(TODAY, '10:30') }),
    );
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const key = newId();
    const body = { canteenId: 'canteen-1', items: [{ itemId: last.id, quantity: 1 }] };
    const first = await order(t, person.token, body, key);
    expect(first.statusCode).toBe(201);
    const soldOut = await order(t, person.token, body, key);
    expect([soldOut.statusCode, soldOut.json().id]).toEqual([201, first.json().id]);
    t.clock.set(shanghai(TODAY, '11:00'));
    const closed = await order(t, person.token, body, key);
    expect([closed.statusCode, closed.json().id]).toEqual([201, first.json().id]);
    const otherBody = await order(t, person.token, { ...body, items: [{ itemId: last.id, quantity: 2 }] }, key);
    expect(errorCode(otherBody)).toBe('IDEMPOTENCY_KEY_REUSED');
    t.clock.set('2026-11-21T02:00:00.000Z');
  });

  it('a free item (priced ¥0 before the rule that refuses it) still makes a ledger row and needs no balance', async () => {
    const free = await createItem(t, canteen1, itemInput({ name: '免费汤', priceFen: 100 }));
    await t.db.db.updateTable('takeaway_items').set({ price_fen: 0 }).where('id', '=', free.id).execute();
    const [person] = await makePeople(t, 1);
    const res = await order(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: free.id, quantity: 1 }] });
    expect(res.statusCode).toBe(201);
    expect((await card(person.token)).transactions).toMatchObject([
      { kind: 'payment', amountFen: 0, balanceAfterFen: 0 },
    ]);
  });
});

describe('reading and cancelling orders', () => {
  let item: TakeawayItem;
  beforeAll(async () => {
    item = await createItem(
      t,
      canteen1,
      itemInput({ name: '可取消', priceFen: 1000, stock: 20, perPersonLimit: 2, saleEndsAt: shanghai(TODAY, '11:00') }),
    );
  });

  it('nobody reads or cancels another person’s order: 404 as if it did not exist', async () => {
    const [owner, stranger] = await makePeople(t, 2, { balanceFen: 5000 });
    const mine = await placed(t, owner.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    for (const res of [
      await get(stranger.token, `/api/orders/${mine.id}`),
      await post(stranger.token, `/api/orders/${mine.id}/cancel`),
    ]) {
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'ORDER_NOT_FOUND']);
    }
    expect((await get(stranger.token, '/api/orders')).json().items).toEqual([]);
    expect((await get(owner.token, `/api/orders/${mine.id}`)).json().status).toBe('placed');
    expect(errorCode(await get(owner.token, '/api/orders/no-such-order'))).toBe('ORDER_NOT_FOUND');
  });

  it('cancel returns stock, slot, limit and money, and says so in the timeline', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const first = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 2 }] });
    const limit = await order(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    expect(errorCode(limit)).toBe('LIMIT_EXCEEDED');
    t.clock.advance(60_000);
    const res = await post(person.token, `/api/orders/${first.id}/cancel`);
    expect(res.statusCode).toBe(200);
    const cancelled = res.json();
    expect(cancelled).toMatchObject({ status: 'cancelled', refundedFen: 2000 });
    expect(cancelled.timeline).toEqual([
      { status: 'placed', at: shanghai(TODAY, '10:00') },
      { status: 'cancelled', at: shanghai(TODAY, '10:01') },
    ]);
    const mine = await card(person.token);
    expect(mine.balanceFen).toBe(5000);
    expect(mine.transactions[0]).toMatchObject({
      kind: 'refund',
      amountFen: 2000,
      orderId: first.id,
      balanceAfterFen: 5000,
    });
    // The limit is free again, and cancelling twice changes nothing more.
    expect(
      (await order(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 2 }] })).statusCode,
    ).toBe(201);
    const again = await post(person.token, `/api/orders/${first.id}/cancel`);
    expect(again.statusCode).toBe(200);
    expect((await card(person.token)).balanceFen).toBe(3000);
    t.clock.set('2026-11-21T02:00:00.000Z');
  });

  it('cancel is refused once the sale window has closed, and for collected or expired orders', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const late = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    t.clock.set(shanghai(TODAY, '11:00'));
    const closed = await post(person.token, `/api/orders/${late.id}/cancel`);
    expect([closed.statusCode, errorCode(closed)]).toEqual([409, 'ORDER_NOT_CANCELLABLE']);
    t.clock.set('2026-11-21T02:00:00.000Z');

    const collected = await placed(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: item.id, quantity: 1 }],
    });
    expect((await pickup(canteen1, collected.pickupCode)).statusCode).toBe(200);
    expect(errorCode(await post(person.token, `/api/orders/${collected.id}/cancel`))).toBe('ORDER_ALREADY_COLLECTED');
  });
});

describe('pickup', () => {
  let item: TakeawayItem;
  beforeAll(async () => {
    item = await createItem(t, canteen1, itemInput({ name: '取餐测试', priceFen: 500, stock: 100 }));
  });

  it('canteen staff mark an order collected by its code; the person sees 已取餐 and a message', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    t.clock.advance(5 * 60_000);
    const res = await pickup(canteen1, ` ${mine.pickupCode} `);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: mine.id, status: 'collected', person: { id: person.id, name: '测试员0' } });
    const after = (await get(person.token, `/api/orders/${mine.id}`)).json();
    expect(after.status).toBe('collected');
    expect(after.timeline.map((e: { status: string }) => e.status)).toEqual(['placed', 'collected']);
    await t.app.services.outbox.drain();
    expect((await get(person.token, '/api/messages')).json().items.map((m: { title: string }) => m.title)).toContain(
      '外卖已取餐',
    );
    const twice = await pickup(canteen1, mine.pickupCode);
    expect([twice.statusCode, errorCode(twice)]).toEqual([409, 'ORDER_ALREADY_COLLECTED']);
    t.clock.set('2026-11-21T02:00:00.000Z');
  });

  it('refuses a code from another canteen, unknown or malformed codes, cancelled and expired orders', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const wrong = await pickup(canteen2, mine.pickupCode, 'canteen-2');
    // Another canteen's code answers like an unknown one: it does not tell that the order exists.
    expect([wrong.statusCode, errorCode(wrong)]).toEqual([404, 'PICKUP_CODE_INVALID']);
    const codes = new Set(
      (await t.db.db.selectFrom('takeaway_orders').select('pickup_code').execute()).map((r) => r.pickup_code),
    );
    const free = ['000000', '000001', '000002', '000003'].find((c) => !codes.has(c))!;
    const unknown = await pickup(canteen1, free);
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'PICKUP_CODE_INVALID']);
    for (const bad of ['12345', '1234567', 'abcdef', '']) {
      const res = await pickup(canteen1, bad);
      expect(res.statusCode).toBe(400);
    }
    await post(person.token, `/api/orders/${mine.id}/cancel`);
    expect(errorCode(await pickup(canteen1, mine.pickupCode))).toBe('ORDER_CANCELLED');
  });

  it('only that canteen’s staff mark pickups (not admins, not staff of another canteen)', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    expect((await pickup(admin, mine.pickupCode)).statusCode).toBe(403);
    expect((await pickup(person.token, mine.pickupCode)).statusCode).toBe(403);
    const other = await pickup(canteen2, mine.pickupCode);
    expect([other.statusCode, errorCode(other)]).toEqual([403, 'NOT_CANTEEN_STAFF']);
    expect((await get(person.token, `/api/orders/${mine.id}`)).json().status).toBe('placed');
  });

  it('an order for a later day cannot be collected today', async () => {
    const tomorrow = await createItem(
      t,
      canteen1,
      itemInput({
        name: '明日取',
        date: '2026-11-22',
        pickupStartsAt: shanghai('2026-11-22', '11:00'),
        pickupEndsAt: shanghai('2026-11-22', '13:00'),
      }),
    );
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: tomorrow.id, quantity: 1 }],
    });
    expect(mine.date).toBe('2026-11-22');
    expect(errorCode(await pickup(canteen1, mine.pickupCode))).toBe('PICKUP_NOT_OPEN');
  });
});

describe('the canteen board and close of day', () => {
  it('lists the day’s orders with who placed them and a prep list summed by item', async () => {
    const a = await createItem(t, canteen2, itemInput({ name: '甲', priceFen: 100 }), 'canteen-2');
    const b = await createItem(t, canteen2, itemInput({ name: '乙', priceFen: 100 }), 'canteen-2');
    const people = await makePeople(t, 3, { balanceFen: 5000 });
    // A second apart: the board lists oldest first.
    const o1 = await placed(t, people[0].token, {
      canteenId: 'canteen-2',
      items: [
        { itemId: a.id, quantity: 2 },
        { itemId: b.id, quantity: 1 },
      ],
    });
    t.clock.advance(1000);
    await placed(t, people[1].token, { canteenId: 'canteen-2', items: [{ itemId: a.id, quantity: 1 }] });
    t.clock.advance(1000);
    const o3 = await placed(t, people[2].token, { canteenId: 'canteen-2', items: [{ itemId: b.id, quantity: 5 }] });
    t.clock.set('2026-11-21T02:00:00.000Z');
    await pickup(canteen2, o1.pickupCode, 'canteen-2');
    await post(people[2].token, `/api/orders/${o3.id}/cancel`);

    const res = await get(canteen2, `/api/canteens/canteen-2/orders?date=${TODAY}`);
    expect(res.statusCode).toBe(200);
    const board = res.json();
    const ours = board.orders.filter((o: { items: { itemId: string }[] }) =>
      o.items.some((i) => [a.id, b.id].includes(i.itemId)),
    );
    expect(ours.map((o: { status: string }) => o.status)).toEqual(['collected', 'placed', 'cancelled']);
    expect(ours[0].person).toEqual({ id: people[0].id, name: '测试员0', unit: '测试单位' });
    const prep = board.prepList.filter((p: { itemId: string }) => [a.id, b.id].includes(p.itemId));
    expect(prep).toEqual([
      { itemId: a.id, name: '甲', quantity: 3, collected: 2 },
      { itemId: b.id, name: '乙', quantity: 1, collected: 1 },
    ]);
    expect(errorCode(await get(canteen1, '/api/canteens/canteen-2/orders'))).toBe('NOT_CANTEEN_STAFF');
    // The board names every diner: only the canteen's staff read it, as on the live socket.
    const byAdmin = await get(admin, '/api/canteens/canteen-2/orders');
    expect([byAdmin.statusCode, errorCode(byAdmin)]).toEqual([403, 'FORBIDDEN']);
    expect((await get(people[0].token, '/api/canteens/canteen-2/orders')).statusCode).toBe(403);
  });

  it('closing the day expires uncollected orders without refund by default, with refund when the canteen says so', async () => {
    const day = '2026-11-20';
    const make = (canteenId: string, token: string) =>
      createItem(
        t,
        token,
        itemInput({
          date: day,
          name: '昨日餐',
          priceFen: 700,
          saleStartsAt: shanghai(day, '00:00'),
          saleEndsAt: shanghai('2026-11-22', '00:00'),
          pickupStartsAt: shanghai(day, '11:00'),
          pickupEndsAt: shanghai(day, '13:00'),
        }),
        canteenId,
      );
    const [i1, i2] = [await make('canteen-1', canteen1), await make('canteen-2', canteen2)];
    const [p1, p2] = await makePeople(t, 2, { balanceFen: 5000 });
    const o1 = await placed(t, p1.token, { canteenId: 'canteen-1', items: [{ itemId: i1.id, quantity: 1 }] });
    const o2 = await placed(t, p2.token, { canteenId: 'canteen-2', items: [{ itemId: i2.id, quantity: 2 }] });
    await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-2/takeaway/settings',
      headers: t.auth(canteen2),
      payload: { refundExpired: true },
    });

    const future = await post(canteen1, '/api/canteens/canteen-1/takeaway/close-day', { date: '2026-11-22' });
    expect([future.statusCode, errorCode(future)]).toEqual([400, 'CLOSE_DAY_IN_FUTURE']);
    expect((await post(canteen2, '/api/canteens/canteen-1/takeaway/close-day', { date: day })).statusCode).toBe(403);

    const r1 = await post(canteen1, '/api/canteens/canteen-1/takeaway/close-day', { date: day });
    expect(r1.json()).toEqual({ date: day, expired: 1, waiting: 0, refunded: 0, refundedFen: 0 });
    const r2 = await post(admin, '/api/canteens/canteen-2/takeaway/close-day', { date: day });
    expect(r2.json()).toEqual({ date: day, expired: 1, waiting: 0, refunded: 1, refundedFen: 1400 });
    // Closing again finds nothing more to do.
    expect((await post(canteen1, '/api/canteens/canteen-1/takeaway/close-day', { date: day })).json().expired).toBe(0);

    const e1 = (await get(p1.token, `/api/orders/${o1.id}`)).json();
    expect(e1).toMatchObject({ status: 'expired', refundedFen: 0 });
    expect(e1.timeline.map((e: { status: string }) => e.status)).toEqual(['placed', 'expired']);
    expect((await card(p1.token)).balanceFen).toBe(5000 - 700);
    expect((await get(p2.token, `/api/orders/${o2.id}`)).json()).toMatchObject({
      status: 'expired',
      refundedFen: 1400,
    });
    expect((await card(p2.token)).balanceFen).toBe(5000);
    expect(errorCode(await pickup(canteen1, o1.pickupCode))).toBe('ORDER_EXPIRED');
    expect(errorCode(await post(p1.token, `/api/orders/${o1.id}/cancel`))).toBe('ORDER_EXPIRED');
    await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-2/takeaway/settings',
      headers: t.auth(canteen2),
      payload: { refundExpired: false },
    });
  });

  it('closeOverdueDays closes every earlier day left open', async () => {
    const day = '2026-11-19';
    const old = await createItem(
      t,
      canteen1,
      itemInput({
        date: day,
        name: '前天的',
        saleStartsAt: shanghai(day, '00:00'),
        pickupStartsAt: shanghai(day, '11:00'),
        pickupEndsAt: shanghai(day, '13:00'),
      }),
    );
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: old.id, quantity: 1 }] });
    const results = await t.app.services.orders.closeOverdueDays();
    expect(results).toContainEqual({
      canteenId: 'canteen-1',
      date: day,
      expired: 1,
      waiting: 0,
      refunded: 0,
      refundedFen: 0,
    });
    expect((await get(person.token, `/api/orders/${mine.id}`)).json().status).toBe('expired');
  });
});

describe('pickup slots belong to one item', () => {
  it('an order holds at most one item split into slots, so no item’s slot places can be bypassed', async () => {
    const slotsOf = (name: string, hhmm: string, end: string) => ({
      ...itemInput({ name, priceFen: 500, stock: 20 }),
      pickupSlots: [{ startsAt: shanghai(TODAY, hhmm), endsAt: shanghai(TODAY, end), capacity: 1 }],
    });
    const a = await createItem(t, canteen1, slotsOf('甲时段', '11:00', '11:30'));
    const b = await createItem(t, canteen1, slotsOf('乙时段', '11:30', '12:00'));
    const plain = await createItem(t, canteen1, itemInput({ name: '不分时段', priceFen: 300, stock: 20 }));
    const [first, second, third] = await makePeople(t, 3, { balanceFen: 5000 });
    // b's only place goes to the first person.
    await placed(t, first.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: b.id, quantity: 1 }],
      pickupSlotId: b.pickupSlots[0].id,
    });

    // b again, riding on a's free slot: refused, and nothing moves.
    const before = await snapshot();
    const mixed = await order(t, second.token, {
      canteenId: 'canteen-1',
      items: [
        { itemId: a.id, quantity: 1 },
        { itemId: b.id, quantity: 1 },
      ],
      pickupSlotId: a.pickupSlots[0].id,
    });
    expect([mixed.statusCode, errorCode(mixed)]).toEqual([400, 'ORDER_MIXED_SLOTS']);
    expect(await snapshot()).toEqual(before);

    // One slotted item with items that have no slots is fine, and takes that item's place.
    const ok = await placed(t, third.token, {
      canteenId: 'canteen-1',
      items: [
        { itemId: a.id, quantity: 1 },
        { itemId: plain.id, quantity: 2 },
      ],
      pickupSlotId: a.pickupSlots[0].id,
    });
    expect(ok.pickupSlot?.id).toBe(a.pickupSlots[0].id);
    const remaining = await t.db.db
      .selectFrom('takeaway_pickup_slots')
      .select(['item_id', 'remaining'])
      .where('item_id', 'in', [a.id, b.id])
      .execute();
    expect(remaining.map((r) => r.remaining)).toEqual([0, 0]);
  });
});

// Last in this file: it closes canteen-2's day for good.
describe('closing the day stops its sales', () => {
  it('after 结束今天 nothing of that day can be ordered or added, the shop shows it closed; other days still sell', async () => {
    const today = await createItem(t, canteen2, itemInput({ name: '今日收摊', priceFen: 500 }), 'canteen-2');
    const tomorrow = await createItem(
      t,
      canteen2,
      itemInput({
        name: '明日预订',
        date: '2026-11-22',
        pickupStartsAt: shanghai('2026-11-22', '11:00'),
        pickupEndsAt: shanghai('2026-11-22', '13:00'),
      }),
      'canteen-2',
    );
    const elsewhere = await createItem(t, canteen1, itemInput({ name: '一食堂照常' }));
    const [early, late] = await makePeople(t, 2, { balanceFen: 10_000 });
    const line = (itemId: string, canteenId = 'canteen-2') => ({ canteenId, items: [{ itemId, quantity: 1 }] });
    const before = await placed(t, early.token, line(today.id));
    const shop = (date: string) => get(late.token, `/api/canteens/canteen-2/takeaway?date=${date}`);
    const board = (date: string) => get(canteen2, `/api/canteens/canteen-2/orders?date=${date}`);
    expect((await shop(TODAY)).json().closedAt).toBeUndefined();
    expect((await board(TODAY)).json().closedAt).toBeUndefined();

    t.clock.advance(30 * 60_000);
    const closed = await post(canteen2, '/api/canteens/canteen-2/takeaway/close-day', { date: TODAY });
    expect(closed.statusCode).toBe(200);
    // Its pickup window (all day) has not ended: the paid order still waits to be collected.
    expect(closed.json().waiting).toBeGreaterThanOrEqual(1);
    expect((await get(early.token, `/api/orders/${before.id}`)).json().status).toBe('placed');

    const snap = await snapshot();
    const refused = await order(t, late.token, line(today.id));
    expect([refused.statusCode, errorCode(refused)]).toEqual([409, 'TAKEAWAY_DAY_CLOSED']);
    // Withdrawing and publishing the item again does not reopen it.
    for (const action of ['withdraw', 'publish'])
      expect((await post(canteen2, `/api/canteens/canteen-2/takeaway/${today.id}/${action}`)).statusCode).toBe(200);
    expect(errorCode(await order(t, late.token, line(today.id)))).toBe('TAKEAWAY_DAY_CLOSED');
    const added = await post(canteen2, '/api/canteens/canteen-2/takeaway', itemInput({ name: '收摊后上架' }));
    expect([added.statusCode, errorCode(added)]).toEqual([409, 'TAKEAWAY_DAY_CLOSED']);
    expect(await snapshot()).toEqual(snap);

    const list = (await shop(TODAY)).json();
    expect(list.closedAt).toBe(shanghai(TODAY, '10:30'));
    // The canteen's board says so too (it then offers no 结束今天).
    expect((await board(TODAY)).json().closedAt).toBe(shanghai(TODAY, '10:30'));
    expect((await board('2026-11-22')).json().closedAt).toBeUndefined();
    expect(list.items.map((i: TakeawayItem) => i.id)).toContain(today.id);
    expect((await shop('2026-11-22')).json().closedAt).toBeUndefined();
    // Closing again changes nothing and keeps the first close.
    t.clock.advance(60_000);
    expect((await post(canteen2, '/api/canteens/canteen-2/takeaway/close-day', { date: TODAY })).json().expired).toBe(
      0,
    );
    expect((await shop(TODAY)).json().closedAt).toBe(shanghai(TODAY, '10:30'));

    // Another day of the canteen, and the same day of another canteen, still sell.
    expect((await order(t, late.token, line(tomorrow.id))).statusCode).toBe(201);
    expect((await order(t, late.token, line(elsewhere.id, 'canteen-1'))).statusCode).toBe(201);
  });
});
