import type { Kysely } from 'kysely';
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

export async function listOrdersOf(
  db: Db,
  personId: string,
  options: { status?: OrderRow['status']; limit: number },
): Promise<OrderRow[]> {
  let query = db.selectFrom('takeaway_orders').selectAll().where('person_id', '=', personId);
  if (options.status) query = query.where('status', '=', options.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

const withPerson = (db: Db) =>
  db
    .selectFrom('takeaway_orders as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .select(['p.name as person_name', 'p.unit as person_unit']);

/** A canteen's orders for one day, oldest first (the board and its prep list). */
export async function ordersOfCanteenDay(db: Db, canteenId: string, date: string): Promise<OrderWithPerson[]> {
  return withPerson(db)
    .where('o.canteen_id', '=', canteenId)
    .where('o.date', '=', date)
    .orderBy('o.created_at')
    .orderBy('o.id')
    .execute();
}

export async function ordersWithPerson(db: Db, ids: string[]): Promise<OrderWithPerson[]> {
  if (ids.length === 0) return [];
  return withPerson(db).where('o.id', 'in', ids).orderBy('o.created_at').orderBy('o.id').execute();
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
 * Every still-placed order of the canteen's day whose pickup window has ended by `at` becomes
 * expired; answers those it changed. Orders still inside (or before) their window are left placed.
 */
export async function expirePlaced(
  db: Db,
  canteenId: string,
  date: string,
  at: string,
): Promise<Pick<OrderRow, 'id' | 'person_id' | 'total_fen' | 'pickup_code'>[]> {
  const rows = await db
    .updateTable('takeaway_orders')
    .set({ status: 'expired', expired_at: at })
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
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
    .where('o.status', '=', 'placed')
    .where('o.date', '>=', fromDate)
    .where('o.pickup_ends_at', '<=', at)
    .where('d.closed_at', 'is not', null)
    .groupBy(['o.canteen_id', 'o.date'])
    .orderBy('o.date')
    .orderBy('o.canteen_id')
    .execute();
}

/** (canteen, date) pairs that still have placed orders before `beforeDate`: days nobody closed. */
export async function openDaysBefore(db: Db, beforeDate: string): Promise<{ canteen_id: string; date: string }[]> {
  return db
    .selectFrom('takeaway_orders')
    .select(['canteen_id', 'date'])
    .where('status', '=', 'placed')
    .where('date', '<', beforeDate)
    .groupBy(['canteen_id', 'date'])
    .orderBy('date')
    .orderBy('canteen_id')
    .execute();
}
