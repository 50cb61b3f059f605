import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { keysetPage, type PagePosition } from '../../lib/page-cursor';
import type { Database } from '../../db/schema';
import { compiledOnce } from '../../fast-paths/compiled-statements';
import { datesFrom } from '@contract/workdays';
import type { OrderLineRow, OrderRow } from './takeaway.table';

type Db = Kysely<Database>;

export type OrderWithPerson = OrderRow & { person_name: string; person_unit: string };

// The order path's statements are compiled once (`compiledOnce`, fast-paths/compiled-statements.ts).
const insertOrderStatement = compiledOnce((db: Db, row: OrderRow) =>
  db
    .insertInto('takeaway_orders')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id'),
);

/**
 * Inserts the order unless it conflicts with one on a unique index (this person's idempotency key,
 * or the day's pickup code): then nothing is written and the answer is false, without an error, so
 * the transaction goes on (on PostgreSQL an error would end it). On PostgreSQL a concurrent insert
 * with the same key waits for the first to commit (or roll back) before deciding, so a key makes at
 * most one order.
 */
export async function insertOrder(db: Db, row: OrderRow): Promise<boolean> {
  return (await insertOrderStatement(db, row)).rows.length > 0;
}

const insertLineStatement = compiledOnce((db: Db, line: OrderLineRow) =>
  db.insertInto('takeaway_order_lines').values(line),
);

/** One compiled statement per line: most orders have one or two. */
export async function insertLines(db: Db, lines: OrderLineRow[]): Promise<void> {
  for (const line of lines) await insertLineStatement(db, line);
}

// Also asked on the order path whenever a drawn pickup code is already taken (several in a hundred
// orders late in a busy day), to tell a taken code from a retried key.
const orderByKeyStatement = compiledOnce((db: Db, key: { personId: string; idempotencyKey: string }) =>
  db
    .selectFrom('takeaway_orders')
    .selectAll()
    .where('person_id', '=', key.personId)
    .where('idempotency_key', '=', key.idempotencyKey),
);

export async function findOrderByKey(db: Db, personId: string, idempotencyKey: string): Promise<OrderRow | undefined> {
  return (await orderByKeyStatement(db, { personId, idempotencyKey })).rows[0];
}

export async function findOrder(db: Db, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('takeaway_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function linesOf(db: Db, orderIds: string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('takeaway_order_lines')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('item_id')
    .execute();
}

/** Newest-first keyset: rows strictly before `after` in (created_at, id) order. */
const before = (after: PagePosition) => (eb: ExpressionBuilder<Database, 'takeaway_orders'>) =>
  eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id));

/**
 * One page of a person's orders, newest first, `limit` rows (ask one more to know whether more
 * follow). Served by takeaway_orders_person_idx (person_id, created_at, id) in its own order on
 * both dialects, whatever the person's history; a status filter is checked on that walk.
 */
export async function listOrdersOf(
  db: Db,
  personId: string,
  options: { status?: OrderRow['status']; after?: PagePosition; limit: number },
): Promise<OrderRow[]> {
  let query = db.selectFrom('takeaway_orders').selectAll().where('person_id', '=', personId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.after) query = query.where(before(options.after));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/**
 * One page (`limit` rows and one more, to know whether more follow) of a canteen's day in one
 * status, newest first, with who placed each order. The page's ids come first, from
 * takeaway_orders_board_idx (canteen_id, date, status, created_at, id) alone, which covers them;
 * then those rows by primary key, each with its person (never a join over everyone). Asked in
 * one step, PostgreSQL took today's placed orders through the housekeeping index of placed orders
 * (its statistics, a day old, expect a dozen there) and sorted every one of them.
 */
export async function boardOrdersPage(
  db: Db,
  where: { canteenId: string; date: string; status: OrderRow['status'] },
  after: PagePosition | undefined,
  limit: number,
): Promise<OrderWithPerson[]> {
  const day = db
    .selectFrom('takeaway_orders')
    .select('id')
    .where('canteen_id', '=', where.canteenId)
    .where('date', '=', where.date)
    .where('status', '=', where.status);
  return db
    .selectFrom('takeaway_orders as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .select(['p.name as person_name', 'p.unit as person_unit'])
    .where('o.id', 'in', keysetPage(day, ['created_at', 'id'], 'desc', after, limit))
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .execute();
}

/** Who placed these orders: the page's people by id, not a join over everyone. */
export async function withPeople(db: Db, rows: OrderRow[]): Promise<OrderWithPerson[]> {
  if (rows.length === 0) return [];
  const ids = [...new Set(rows.map((r) => r.person_id))];
  const people = await db.selectFrom('people').select(['id', 'name', 'unit']).where('id', 'in', ids).execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({
    ...r,
    person_name: byId.get(r.person_id)?.name ?? '',
    person_unit: byId.get(r.person_id)?.unit ?? '',
  }));
}

export async function ordersWithPerson(db: Db, ids: string[]): Promise<OrderWithPerson[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('takeaway_orders')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withPeople(db, rows);
}

export interface SlotStatusCount {
  pickup_starts_at: string;
  pickup_ends_at: string;
  slotted: number;
  status: OrderRow['status'];
  orders: number;
}

export interface SlotItemSum {
  pickup_starts_at: string;
  pickup_ends_at: string;
  status: OrderRow['status'];
  item_id: string;
  name: string;
  quantity: number;
}

/**
 * The day's figures, added up by the database: orders per slot and status, and quantities per
 * slot, status and item. The day's rows are found through the board index; nothing is read
 * beyond that day.
 */
export async function boardFigures(
  db: Db,
  canteenId: string,
  date: string,
): Promise<{ orders: SlotStatusCount[]; items: SlotItemSum[] }> {
  const [orders, items] = await Promise.all([
    db
      .selectFrom('takeaway_orders')
      .select((eb) => [
        'pickup_starts_at',
        'pickup_ends_at',
        'status',
        eb.fn.max(sql<number>`case when pickup_slot_id is null then 0 else 1 end`).as('slotted'),
        eb.fn.countAll<number>().as('orders'),
      ])
      .where('canteen_id', '=', canteenId)
      .where('date', '=', date)
      .groupBy(['pickup_starts_at', 'pickup_ends_at', 'status'])
      .execute(),
    db
      .selectFrom('takeaway_orders as o')
      .innerJoin('takeaway_order_lines as l', 'l.order_id', 'o.id')
      .select((eb) => [
        'o.pickup_starts_at',
        'o.pickup_ends_at',
        'o.status',
        'l.item_id',
        eb.fn.max('l.name').as('name'),
        eb.fn.sum<number>('l.quantity').as('quantity'),
      ])
      .where('o.canteen_id', '=', canteenId)
      .where('o.date', '=', date)
      .groupBy(['o.pickup_starts_at', 'o.pickup_ends_at', 'o.status', 'l.item_id'])
      .execute(),
  ]);
  return {
    orders: orders.map((r) => ({ ...r, slotted: Number(r.slotted), orders: Number(r.orders) })),
    items: items.map((r) => ({ ...r, name: String(r.name), quantity: Number(r.quantity) })),
  };
}

/**
 * Orders with this pickup code on the days from `fromDate` to `toDate`, in any canteen: one probe
 * of the (canteen, date, code) unique index per canteen and day.
 */
export async function ordersByCode(db: Db, code: string, fromDate: string, toDate: string): Promise<OrderRow[]> {
  const dates = datesFrom(fromDate, toDate);
  if (dates.length === 0) return [];
  return db
    .selectFrom('takeaway_orders')
    .selectAll()
    .where('canteen_id', 'in', db.selectFrom('canteens').select('id'))
    .where('date', 'in', dates)
    .where('pickup_code', '=', code)
    .execute();
}

/** placed → collected; false when the order was no longer placed (cancelled, expired or collected first). */
export async function markCollected(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_orders')
    .set({ status: 'collected', collected_at: at, collected_by: by })
    .where('id', '=', id)
    .where('status', '=', 'placed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** placed → cancelled with its refund; false when the order was no longer placed. */
export async function markCancelled(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_orders')
    .set((eb) => ({ status: 'cancelled', cancelled_at: at, refunded_fen: eb.ref('total_fen') }))
    .where('id', '=', id)
    .where('status', '=', 'placed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Up to `limit` still-placed orders of the canteen's day whose pickup window has ended by `at`
 * become expired (lowest ids first); answers those it changed. Orders still inside (or before)
 * their window are left placed. Close of day calls it until none is left, one short transaction
 * per batch.
 */
export async function expirePlaced(
  db: Db,
  canteenId: string,
  date: string,
  at: string,
  limit: number,
): Promise<Pick<OrderRow, 'id' | 'person_id' | 'total_fen' | 'pickup_code'>[]> {
  const due = await db
    .selectFrom('takeaway_orders')
    .select('id')
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .where(placedOnly)
    .where('pickup_ends_at', '<=', at)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const rows = await db
    .updateTable('takeaway_orders')
    .set({ status: 'expired', expired_at: at })
    .where(
      'id',
      'in',
      due.map((r) => r.id),
    )
    .where('status', '=', 'placed')
    .where('pickup_ends_at', '<=', at)
    .returning(['id', 'person_id', 'total_fen', 'pickup_code'])
    .execute();
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function markRefunded(db: Db, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .updateTable('takeaway_orders')
      .set((eb) => ({ refunded_fen: eb.ref('total_fen') }))
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

/**
 * `status = 'placed'` written as a literal: SQLite uses a partial index only when the query states
 * its condition itself, not through a bound parameter.
 */
const placedOnly = sql<boolean>`status = 'placed'`;

/** How many orders of the canteen's day still wait to be collected (placed). */
export async function countPlaced(db: Db, canteenId: string, date: string): Promise<number> {
  const row = await db
    .selectFrom('takeaway_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .where('status', '=', 'placed')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * (canteen, date) pairs of days already closed (结束今天) from `fromDate` on that hold placed orders
 * whose pickup window has ended by `at`: the close left them waiting, and now they are overdue.
 * Found through takeaway_orders_placed_idx (placed orders only, by date), not the year.
 */
export async function closedDaysWithEndedOrders(
  db: Db,
  fromDate: string,
  at: string,
): Promise<{ canteen_id: string; date: string }[]> {
  return db
    .selectFrom('takeaway_orders as o')
    .innerJoin('takeaway_days as d', (join) =>
      join.onRef('d.canteen_id', '=', 'o.canteen_id').onRef('d.date', '=', 'o.date'),
    )
    .select(['o.canteen_id', 'o.date'])
    .where(sql<boolean>`o.status = 'placed'`)
    .where('o.date', '>=', fromDate)
    .where('o.pickup_ends_at', '<=', at)
    .where('d.closed_at', 'is not', null)
    .groupBy(['o.canteen_id', 'o.date'])
    .orderBy('o.date')
    .orderBy('o.canteen_id')
    .execute();
}

/**
 * (canteen, date) pairs that still have placed orders before `beforeDate`: days nobody closed.
 * Read from takeaway_orders_placed_idx, which holds only placed orders (today's, once earlier days
 * are closed): a handful of entries, not the year.
 */
export async function openDaysBefore(db: Db, beforeDate: string): Promise<{ canteen_id: string; date: string }[]> {
  return db
    .selectFrom('takeaway_orders')
    .select(['canteen_id', 'date'])
    .where(placedOnly)
    .where('date', '<', beforeDate)
    .groupBy(['date', 'canteen_id'])
    .orderBy('date')
    .orderBy('canteen_id')
    .execute();
}
