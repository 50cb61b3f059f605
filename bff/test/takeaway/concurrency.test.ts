import type { TakeawayItem } from '@contract/takeaway.schema';
import { newId } from '../../src/lib/ids';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
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

// Every storm fires all its requests at once (Promise.all through inject) and then counts.
jest.setTimeout(120_000);

let t: TestApp;
let canteen1: string;

beforeAll(async () => {
  t = await createTestApp();
  canteen1 = (await t.signIn('demo-canteen-01')).token;
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

function tally(responses: { statusCode: number; json(): unknown }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const res of responses) {
    const key = res.statusCode < 300 ? String(res.statusCode) : errorCode(res);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  // A 500 says nothing of its cause: show what the server logged, so a rare failure in CI can be read.
  if (counts.INTERNAL) {
    const logged = t
      .logs()
      .split('\n')
      .filter((line) => line.includes('unhandled error'));
    console.error(`${counts.INTERNAL} INTERNAL answers; the server logged:\n${logged.slice(-3).join('\n')}`);
  }
  return counts;
}

/** Lets the event loop turn until `done()` (no clock involved). */
async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

const remainingOf = async (id: string) =>
  (await t.db.db.selectFrom('takeaway_items').select('remaining').where('id', '=', id).executeTakeFirstOrThrow())
    .remaining;

describe(`order storms (${dialectUnderTest()})`, () => {
  it('500 people at once for 100 portions: exactly 100 orders, the rest SOLD_OUT, stock ends at 0', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '限量100份', priceFen: 1500, stock: 100 }));
    const people = await makePeople(t, 500, { balanceFen: 3000 });
    const responses = await Promise.all(
      people.map((p) => order(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })),
    );
    const counts = tally(responses);
    console.log(`[${dialectUnderTest()}] 500 orders for stock 100:`, counts);
    expect(counts).toEqual({ 201: 100, SOLD_OUT: 400 });
    expect(await remainingOf(item.id)).toBe(0);
    const winners = new Set(responses.filter((r) => r.statusCode === 201).map((r) => (r.json() as { id: string }).id));
    expect(winners.size).toBe(100);
    const codes = new Set(
      responses.filter((r) => r.statusCode === 201).map((r) => (r.json() as { pickupCode: string }).pickupCode),
    );
    expect(codes.size).toBe(100);
    const paid = await t.db.db
      .selectFrom('meal_cards')
      .select('person_id')
      .where(
        'person_id',
        'in',
        people.map((p) => p.id),
      )
      .where('balance_fen', '=', 1500)
      .execute();
    expect(paid).toHaveLength(100);
  });

  it('per-person limits hold when everyone fires several orders at once', async () => {
    const item = await createItem(
      t,
      canteen1,
      itemInput({ name: '每人限2份', priceFen: 100, stock: 10_000, perPersonLimit: 2 }),
    );
    const people = await makePeople(t, 60, { balanceFen: 10_000 });
    // Each person: five single orders and one for two, all at once.
    const requests = people.flatMap((p) => [
      ...Array.from({ length: 5 }, () =>
        order(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] }),
      ),
      order(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 2 }] }),
    ]);
    const counts = tally(await Promise.all(requests));
    console.log(`[${dialectUnderTest()}] per-person limit storm:`, counts);
    expect(Object.keys(counts).sort()).toEqual(['201', 'LIMIT_EXCEEDED']);
    const held = await t.db.db
      .selectFrom('takeaway_order_lines as l')
      .innerJoin('takeaway_orders as o', 'o.id', 'l.order_id')
      .select(['o.person_id', (eb) => eb.fn.sum<number>('l.quantity').as('q')])
      .where('l.item_id', '=', item.id)
      .groupBy('o.person_id')
      .execute();
    expect(held).toHaveLength(60);
    for (const row of held) expect(Number(row.q)).toBe(2);
    expect(await remainingOf(item.id)).toBe(10_000 - 120);
  });

  it('pickup-slot capacities hold under a storm, and the slot of the losers stays free', async () => {
    const item = await createItem(t, canteen1, {
      ...itemInput({ name: '分时段', priceFen: 100, stock: 1000 }),
      pickupSlots: [
        { startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '11:30'), capacity: 40 },
        { startsAt: shanghai(TODAY, '11:30'), endsAt: shanghai(TODAY, '12:00'), capacity: 25 },
      ],
    });
    const [first, second] = item.pickupSlots;
    const people = await makePeople(t, 200, { balanceFen: 1000 });
    const responses = await Promise.all(
      people.map((p, i) =>
        order(t, p.token, {
          canteenId: 'canteen-1',
          items: [{ itemId: item.id, quantity: 1 }],
          pickupSlotId: i % 2 ? first.id : second.id,
        }),
      ),
    );
    const counts = tally(responses);
    console.log(`[${dialectUnderTest()}] slot storm (40 + 25 places, 200 people):`, counts);
    expect(counts).toEqual({ 201: 65, SLOT_FULL: 135 });
    const slots = await t.db.db
      .selectFrom('takeaway_pickup_slots')
      .select(['id', 'remaining'])
      .where('item_id', '=', item.id)
      .orderBy('capacity', 'desc')
      .execute();
    expect(slots.map((s) => s.remaining)).toEqual([0, 0]);
    expect(await remainingOf(item.id)).toBe(1000 - 65);
  });

  it('the same Idempotency-Key sent 20 times at once makes one order and one payment', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '幂等', priceFen: 1200, stock: 50 }));
    const [person] = await makePeople(t, 1, { balanceFen: 10_000 });
    const key = newId();
    const body = { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] };
    const responses = await Promise.all(Array.from({ length: 20 }, () => order(t, person.token, body, key)));
    expect(tally(responses)).toEqual({ 201: 20 });
    const ids = new Set(responses.map((r) => (r.json() as { id: string }).id));
    expect(ids.size).toBe(1);
    const orders = await t.db.db
      .selectFrom('takeaway_orders')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(orders).toHaveLength(1);
    const payments = await t.db.db
      .selectFrom('meal_card_ledger')
      .select('id')
      .where('person_id', '=', person.id)
      .where('kind', '=', 'payment')
      .execute();
    expect(payments).toHaveLength(1);
    expect(await remainingOf(item.id)).toBe(49);
  });

  it('a card never goes below zero: 20 orders at once against money for 5', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '余额', priceFen: 1000, stock: 1000 }));
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        order(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] }),
      ),
    );
    expect(tally(responses)).toEqual({ 201: 5, INSUFFICIENT_BALANCE: 15 });
    const cardRow = await t.db.db
      .selectFrom('meal_cards')
      .select('balance_fen')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(cardRow.balance_fen).toBe(0);
    expect(await remainingOf(item.id)).toBe(995);
  });

  it('cancel and pickup racing on one order: exactly one wins, every time', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '竞速', priceFen: 800, stock: 500 }));
    const people = await makePeople(t, 60, { balanceFen: 1000 });
    const orders = await Promise.all(
      people.map((p) => placed(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })),
    );
    // Each race starts its two requests a few event-loop turns apart, either one first, so both
    // sides get to win some races; whatever the timing, exactly one of the two may succeed.
    const turns = (n: number) =>
      Array.from({ length: n }).reduce<Promise<void>>(
        (p) => p.then(() => new Promise((r) => setImmediate(r))),
        Promise.resolve(),
      );
    const races = await Promise.all(
      orders.map(async (o, i) => {
        const cancel = async (delay: number) => {
          await turns(delay);
          return t.app.inject({ method: 'POST', url: `/api/orders/${o.id}/cancel`, headers: t.auth(people[i].token) });
        };
        const pickup = async (delay: number) => {
          await turns(delay);
          return t.app.inject({
            method: 'POST',
            url: '/api/canteens/canteen-1/pickups',
            headers: t.auth(canteen1),
            payload: { code: o.pickupCode },
          });
        };
        const gap = i % 4;
        return Promise.all(i % 2 === 0 ? [cancel(gap), pickup(0)] : [cancel(0), pickup(gap)]);
      }),
    );
    let cancelled = 0;
    let collected = 0;
    for (const [i, [cancel, pickup]] of races.entries()) {
      const wins = [cancel.statusCode === 200, pickup.statusCode === 200];
      expect(wins.filter(Boolean)).toHaveLength(1);
      const status = (
        await t.db.db
          .selectFrom('takeaway_orders')
          .select('status')
          .where('id', '=', orders[i].id)
          .executeTakeFirstOrThrow()
      ).status;
      if (wins[0]) {
        cancelled++;
        expect([status, errorCode(pickup)]).toEqual(['cancelled', 'ORDER_CANCELLED']);
      } else {
        collected++;
        expect([status, errorCode(cancel)]).toEqual(['collected', 'ORDER_ALREADY_COLLECTED']);
      }
    }
    console.log(
      `[${dialectUnderTest()}] cancel vs pickup on 60 orders: ${cancelled} cancelled, ${collected} collected`,
    );
    expect(cancelled + collected).toBe(60);
  });

  it('closing the day in the middle of an order storm: nothing placed survives the close, later orders are refused', async () => {
    const canteen2 = (await t.signIn('demo-canteen-02')).token;
    const item = await createItem(
      t,
      canteen2,
      // Its pickup window has ended by the close (10:00), so the close expires every order of it.
      itemInput({ name: '收摊风暴', priceFen: 100, stock: 1000, pickupEndsAt: shanghai(TODAY, '09:30') }),
      'canteen-2',
    );
    const people = await makePeople(t, 401, { balanceFen: 1000 });
    const line = { canteenId: 'canteen-2', items: [{ itemId: item.id, quantity: 1 }] };
    // Twenty clients ordering one after another, so orders are in flight whenever the close runs.
    const responses: Awaited<ReturnType<typeof order>>[] = [];
    let next = 0;
    const client = async () => {
      while (next < 400) responses.push(await order(t, people[next++].token, line));
    };
    const clients = Array.from({ length: 20 }, client);
    await waitUntil(() => responses.length >= 40);
    const closed = await t.app.inject({
      method: 'POST',
      url: '/api/canteens/canteen-2/takeaway/close-day',
      headers: t.auth(canteen2),
      payload: { date: TODAY },
    });
    await Promise.all(clients);
    const counts = tally(responses);
    console.log(`[${dialectUnderTest()}] close of day amid 400 orders:`, counts, closed.json());
    expect(Object.keys(counts).filter((k) => k !== '201' && k !== 'TAKEAWAY_DAY_CLOSED')).toEqual([]);
    // Every order answered 201 committed before the close and was expired by it: none is left placed.
    const rows = await t.db.db
      .selectFrom('takeaway_orders as o')
      .innerJoin('takeaway_order_lines as l', 'l.order_id', 'o.id')
      .select('o.status')
      .where('l.item_id', '=', item.id)
      .execute();
    expect(rows).toHaveLength(counts['201']);
    expect(rows.filter((r) => r.status !== 'expired')).toEqual([]);
    expect(closed.json().expired).toBe(rows.length);
    const after = await order(t, people[400].token, line);
    expect(errorCode(after)).toBe('TAKEAWAY_DAY_CLOSED');
  });

  it('a mixed storm of orders, cancels, stock changes and a close of day keeps every count right', async () => {
    const a = await createItem(t, canteen1, itemInput({ name: '混合A', priceFen: 300, stock: 80, perPersonLimit: 3 }));
    const b = await createItem(t, canteen1, {
      ...itemInput({ name: '混合B', priceFen: 500, stock: 60 }),
      pickupSlots: [{ startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '12:00'), capacity: 30 }],
    });
    const people = await makePeople(t, 120, { balanceFen: 1500 });
    const early = await Promise.all(
      people
        .slice(0, 40)
        .map((p) => order(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: a.id, quantity: 2 }] })),
    );
    const toCancel = early.flatMap((r, i) =>
      r.statusCode === 201 ? [{ id: (r.json() as { id: string }).id, token: people[i].token }] : [],
    );
    const put = (item: TakeawayItem, stock: number) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/canteens/canteen-1/takeaway/${item.id}/stock`,
        headers: t.auth(canteen1),
        payload: { stock },
      });
    // The close goes out once the first orders are answered, so orders meet it on both sides.
    let answered = 0;
    const counted = <T>(request: Promise<T>) =>
      request.then((res) => {
        answered += 1;
        return res;
      });
    const closeDay = waitUntil(() => answered >= 1).then(() =>
      t.app.inject({
        method: 'POST',
        url: '/api/canteens/canteen-1/takeaway/close-day',
        headers: t.auth(canteen1),
        payload: { date: TODAY },
      }),
    );
    const storm = await Promise.all([
      ...people.slice(40).map((p, i) =>
        counted(
          order(t, p.token, {
            canteenId: 'canteen-1',
            items: [
              { itemId: a.id, quantity: 1 + (i % 3) },
              { itemId: b.id, quantity: 1 },
            ],
            pickupSlotId: b.pickupSlots[0].id,
          }),
        ),
      ),
      ...toCancel.map((o) =>
        t.app.inject({ method: 'POST', url: `/api/orders/${o.id}/cancel`, headers: t.auth(o.token) }),
      ),
      put(a, 70),
      put(b, 100),
      put(a, 90),
      closeDay,
    ]);
    expect(storm.filter((r) => r.statusCode >= 500)).toEqual([]);
    console.log(`[${dialectUnderTest()}] mixed storm:`, tally(storm));
  });
});
