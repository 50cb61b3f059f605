import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { insertPerson } from '../../src/modules/auth/people.repository';
import { insertSession } from '../../src/modules/auth/sessions.repository';
import { newId, newSortableId, newToken, sha256Hex } from '../../src/lib/ids';
import { toStored } from '../../src/lib/time';
import type { OrderWrite } from '../../src/fast-paths/orders/order-transaction';
import type { TestApp } from '../support/test-app';
import type { NewTakeawayItem, Order, TakeawayItem } from '@contract/takeaway.schema';

/** The test clock starts at 2026-11-21T10:00 in Shanghai. */
export const TODAY = '2026-11-21';
export const shanghai = (date: string, hhmm: string) => `${date}T${hhmm}:00.000+08:00`;

/** An item on sale all day today in canteen-1, pickup all day; override what a test needs. */
export function itemInput(overrides: Partial<NewTakeawayItem> = {}): NewTakeawayItem {
  return {
    date: TODAY,
    name: '测试套餐',
    priceFen: 1500,
    stock: 100,
    saleStartsAt: shanghai(TODAY, '00:00'),
    saleEndsAt: shanghai('2026-11-22', '00:00'),
    pickupStartsAt: shanghai(TODAY, '00:00'),
    pickupEndsAt: shanghai('2026-11-22', '00:00'),
    ...overrides,
  };
}

/** Demo people signed in at once; answers their session tokens in the same order. */
export async function tokensOf(t: TestApp, personIds: string[]): Promise<string[]> {
  return (await Promise.all(personIds.map((id) => t.signIn(id)))).map((s) => s.token);
}

export async function createItem(
  t: TestApp,
  token: string,
  input: NewTakeawayItem,
  canteenId = 'canteen-1',
): Promise<TakeawayItem> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/canteens/${canteenId}/takeaway`,
    headers: t.auth(token),
    payload: input,
  });
  if (res.statusCode !== 201) throw new Error(`create item: ${res.statusCode} ${res.body}`);
  return res.json();
}

export function order(t: TestApp, token: string, body: unknown, key: string | null = newId()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: { ...t.auth(token), ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: body as object,
  });
}

export async function placed(t: TestApp, token: string, body: unknown): Promise<Order> {
  const res = await order(t, token, body);
  if (res.statusCode !== 201) throw new Error(`order: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

/**
 * People made directly through the repositories (no sign-in round trips): staff with a session
 * token each and, when `balanceFen` is given, that much on the card through the real top-up.
 */
export async function makePeople(
  t: TestApp,
  count: number,
  options: { balanceFen?: number; prefix?: string; unit?: string } = {},
) {
  const db = t.db.db;
  const at = t.clock.now().toISOString();
  const expires = new Date(t.clock.now().getTime() + 24 * 3600_000).toISOString();
  const prefix = options.prefix ?? `p-${newId().slice(0, 8)}`;
  const people: { id: string; token: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}-${String(i).padStart(4, '0')}`;
      const token = newToken();
      await insertPerson(trx, { id, name: `测试员${i}`, unit: options.unit ?? '测试单位', roles: ['staff'] }, at);
      await insertSession(trx, {
        token_hash: sha256Hex(token),
        person_id: id,
        provider: 'dev',
        created_at: at,
        expires_at: expires,
      });
      people.push({ id, token });
    }
  });
  if (options.balanceFen) {
    const admin = {
      id: 'demo-admin-01',
      name: '高处长',
      unit: '',
      roles: ['admin' as const],
      disabled: false,
      isDemo: true,
    };
    for (let i = 0; i < people.length; i += 1000) {
      await t.app.services.mealCards.topup(admin, newId(), {
        personIds: people.slice(i, i + 1000).map((p) => p.id),
        amountFen: options.balanceFen,
        note: '测试充值',
      });
    }
  }
  return people;
}

/**
 * Every counter agrees with the rows it counts, for every card, item, slot and person:
 * - a card's balance is the sum of its ledger, never negative, and its sequence numbers its rows;
 * - an item's sold (stock − remaining) is what live orders hold; remaining within [0, stock];
 * - a slot's taken places are its live orders; the per-person counters are the live quantities.
 * Live orders are those not cancelled (an expired order's food was made: it stays sold).
 */
export async function expectConsistent(db: Kysely<Database>): Promise<void> {
  const cards = await db.selectFrom('meal_cards').selectAll().execute();
  const ledger = await db
    .selectFrom('meal_card_ledger')
    .select([
      'person_id',
      (eb) => eb.fn.sum<number>('amount_fen').as('sum'),
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max<number>('seq').as('maxSeq'),
    ])
    .groupBy('person_id')
    .execute();
  const byPerson = new Map(ledger.map((l) => [l.person_id, l]));
  for (const card of cards) {
    const l = byPerson.get(card.person_id);
    expect({ person: card.person_id, balance: card.balance_fen, rows: card.seq }).toEqual({
      person: card.person_id,
      balance: Number(l?.sum ?? 0),
      rows: Number(l?.n ?? 0),
    });
    expect(Number(l?.maxSeq ?? 0)).toBe(card.seq);
    expect(card.balance_fen).toBeGreaterThanOrEqual(0);
  }
  expect(ledger.filter((l) => !cards.some((c) => c.person_id === l.person_id))).toEqual([]);

  // Every payment's order exists and was paid exactly its total; every cancelled order refunded once.
  const orders = await db.selectFrom('takeaway_orders').selectAll().execute();
  const moneyByOrder = await db
    .selectFrom('meal_card_ledger')
    .select([
      'order_id',
      'kind',
      (eb) => eb.fn.sum<number>('amount_fen').as('sum'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('order_id', 'is not', null)
    .groupBy(['order_id', 'kind'])
    .execute();
  for (const o of orders) {
    const paid = moneyByOrder.find((m) => m.order_id === o.id && m.kind === 'payment');
    expect({ order: o.id, paid: Number(paid?.sum), payments: Number(paid?.n) }).toEqual({
      order: o.id,
      paid: -o.total_fen || 0,
      payments: 1,
    });
    const refunded = moneyByOrder.find((m) => m.order_id === o.id && m.kind === 'refund');
    expect({ order: o.id, refunded: Number(refunded?.sum ?? 0) }).toEqual({ order: o.id, refunded: o.refunded_fen });
  }

  const lines = await db
    .selectFrom('takeaway_order_lines as l')
    .innerJoin('takeaway_orders as o', 'o.id', 'l.order_id')
    .select(['l.item_id', 'l.quantity', 'o.person_id', 'o.status'])
    .execute();
  const live = lines.filter((l) => l.status !== 'cancelled');
  const items = await db.selectFrom('takeaway_items').selectAll().execute();
  for (const item of items) {
    const sold = live.filter((l) => l.item_id === item.id).reduce((s, l) => s + l.quantity, 0);
    expect({ item: item.id, sold: item.stock - item.remaining }).toEqual({ item: item.id, sold });
    expect(item.remaining).toBeGreaterThanOrEqual(0);
  }
  const slots = await db.selectFrom('takeaway_pickup_slots').selectAll().execute();
  for (const slot of slots) {
    const taken = orders.filter((o) => o.pickup_slot_id === slot.id && o.status !== 'cancelled').length;
    expect({ slot: slot.id, taken: slot.capacity - slot.remaining }).toEqual({ slot: slot.id, taken });
  }
  const purchases = await db.selectFrom('takeaway_purchases').selectAll().execute();
  for (const p of purchases) {
    const held = live
      .filter((l) => l.item_id === p.item_id && l.person_id === p.person_id)
      .reduce((s, l) => s + l.quantity, 0);
    expect({ person: p.person_id, item: p.item_id, quantity: p.quantity }).toEqual({
      person: p.person_id,
      item: p.item_id,
      quantity: held,
    });
    const limit = items.find((i) => i.id === p.item_id)?.per_person_limit;
    if (limit != null) expect(p.quantity).toBeLessThanOrEqual(limit);
  }
  for (const item of items.filter((i) => i.per_person_limit !== null)) {
    const held = new Map<string, number>();
    for (const l of live.filter((x) => x.item_id === item.id))
      held.set(l.person_id, (held.get(l.person_id) ?? 0) + l.quantity);
    for (const [person, quantity] of held) {
      expect({
        person,
        item: item.id,
        quantity: purchases.find((p) => p.person_id === person && p.item_id === item.id)?.quantity,
      }).toEqual({
        person,
        item: item.id,
        quantity,
      });
    }
  }
}

/** What the orders service hands an order writer for one portion of `item` (canteen-1, today). */
export function orderWriteFor(t: TestApp, item: TakeawayItem, personId: string, key = newId()): OrderWrite {
  const id = newSortableId();
  return {
    order: {
      id,
      person_id: personId,
      canteen_id: 'canteen-1',
      date: TODAY,
      status: 'placed',
      total_fen: item.priceFen,
      refunded_fen: 0,
      pickup_slot_id: null,
      pickup_starts_at: toStored(new Date(item.pickupStartsAt)),
      pickup_ends_at: toStored(new Date(item.pickupEndsAt)),
      cancel_until: toStored(new Date(item.saleEndsAt)),
      idempotency_key: key,
      request_hash: 'test',
      created_at: toStored(t.clock.now()),
      collected_at: null,
      collected_by: null,
      cancelled_at: null,
      expired_at: null,
    },
    lines: [{ order_id: id, item_id: item.id, name: item.name, quantity: 1, price_fen: item.priceFen }],
    limits: [null],
    messageLead: `${item.name}×1，已从餐卡支付 ¥${(item.priceFen / 100).toFixed(2)}。`,
  };
}
