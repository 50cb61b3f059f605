import { sql, type Kysely, type Selectable } from 'kysely';
import { maskPlate } from '@contract/plate';
import type { Database } from '../../db/schema';
import type { ParkingLotsTable } from '../../db/campus.table';
import { keysetPage, pastPosition, type PagePosition } from '../../lib/page-cursor';
import type { BookingRow, BookingStatus, GateChangeRow, ParkingGateEventsTable } from './parking.table';

type Db = Kysely<Database>;
export type LotRow = Selectable<ParkingLotsTable>;

/** Statuses that hold a space (and the plate) for their window. */
export const HOLDING: BookingStatus[] = ['booked', 'entered'];
/** Statuses that count against a person's limits and a plate's windows. */
export const ACTIVE: BookingStatus[] = ['booked', 'entered', 'left', 'waitlisted'];
/** Half hours in a day. */
export const SLOTS_PER_DAY = 48;

// ---- lots -------------------------------------------------------------------------------------

/** Lots with how many standing-list cars each holds a space for. */
function lots(db: Db) {
  return db
    .selectFrom('parking_lots as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('parking_standing as s')
        .whereRef('s.lot_id', '=', 'l.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('standing'),
    );
}

export async function listLots(db: Db): Promise<(LotRow & { standing: number })[]> {
  return lots(db).orderBy('l.created_at').orderBy('l.id').execute() as Promise<(LotRow & { standing: number })[]>;
}

export async function findLot(db: Db, id: string): Promise<(LotRow & { standing: number }) | undefined> {
  const row = await lots(db).where('l.id', '=', id).executeTakeFirst();
  return row ? { ...row, standing: Number(row.standing ?? 0) } : undefined;
}

/** The campus a new lot belongs to (one compound per deployment today). */
export async function firstCampusId(db: Db): Promise<string> {
  const row = await db.selectFrom('campuses').select('id').orderBy('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findLotByGate(db: Db, gateId: string): Promise<LotRow | undefined> {
  return db.selectFrom('parking_lots').selectAll().where('gate_id', '=', gateId).executeTakeFirst();
}

export async function insertLot(db: Db, row: Omit<LotRow, never>): Promise<void> {
  await db.insertInto('parking_lots').values(row).execute();
}

export async function updateLot(db: Db, id: string, change: Partial<LotRow>): Promise<void> {
  if (Object.keys(change).length === 0) return;
  await db.updateTable('parking_lots').set(change).where('id', '=', id).execute();
}

export async function listStanding(db: Db, lotId: string) {
  return db.selectFrom('parking_standing').selectAll().where('lot_id', '=', lotId).orderBy('plate').execute();
}

export async function isStanding(db: Db, lotId: string, plate: string): Promise<boolean> {
  const row = await db
    .selectFrom('parking_standing')
    .select('plate')
    .where('lot_id', '=', lotId)
    .where('plate', '=', plate)
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceStanding(
  db: Db,
  lotId: string,
  items: { plate: string; note: string }[],
  at: string,
): Promise<void> {
  await db.deleteFrom('parking_standing').where('lot_id', '=', lotId).execute();
  if (items.length === 0) return;
  await db
    .insertInto('parking_standing')
    .values(items.map((i) => ({ lot_id: lotId, plate: i.plate, note: i.note, created_at: at })))
    .execute();
}

// ---- locks and slots (the counted things) ------------------------------------------------------

/**
 * Takes the lock row `key` for the rest of the transaction (PostgreSQL: row lock by the upsert;
 * SQLite: one writer anyway). Lock order in a booking: person → plate → slots (ascending).
 */
export async function takeLock(db: Db, key: string): Promise<void> {
  await db
    .insertInto('parking_locks')
    .values({ key, n: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ n: sql<number>`parking_locks.n + 1` }))
    .execute();
}

/** Makes sure the day's 48 slot rows exist (a lot's day gets them on its first booking). */
export async function ensureSlots(db: Db, lotId: string, date: string): Promise<void> {
  const have = await db
    .selectFrom('parking_slots')
    .select('slot')
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('slot', '=', SLOTS_PER_DAY - 1)
    .executeTakeFirst();
  if (have) return;
  await db
    .insertInto('parking_slots')
    .values(Array.from({ length: SLOTS_PER_DAY }, (_, slot) => ({ lot_id: lotId, date, slot, used: 0 })))
    .onConflict((oc) => oc.columns(['lot_id', 'date', 'slot']).doNothing())
    .execute();
}

/** Whether every slot of [from, to) has a free space (a read: the conditional write decides). */
export async function slotsHaveRoom(db: Db, lotId: string, date: string, from: number, to: number, spaces: number) {
  const full = await db
    .selectFrom('parking_slots')
    .select('slot')
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('slot', '>=', from)
    .where('slot', '<', to)
    .where('used', '>=', spaces)
    .executeTakeFirst();
  return full === undefined;
}

/**
 * The conditional write that counts spaces: one more car in every slot of [from, to) that has
 * room. Answers how many slots took it; fewer than `to - from` means the window did not fit and
 * the transaction must be rolled back (the caller throws).
 */
export async function takeSlots(db: Db, lotId: string, date: string, from: number, to: number, spaces: number) {
  const result = await db
    .updateTable('parking_slots')
    .set({ used: sql<number>`used + 1` })
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('slot', '>=', from)
    .where('slot', '<', to)
    .where('used', '<', spaces)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function freeSlots(db: Db, lotId: string, date: string, from: number, to: number): Promise<void> {
  await db
    .updateTable('parking_slots')
    .set({ used: sql<number>`used - 1` })
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('slot', '>=', from)
    .where('slot', '<', to)
    .where('used', '>', 0)
    .execute();
}

export async function slotUsage(db: Db, lotId: string, date: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('parking_slots')
    .select(['slot', 'used'])
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .execute();
  return new Map(rows.map((r) => [Number(r.slot), Number(r.used)]));
}

// ---- bookings ---------------------------------------------------------------------------------

export type BookingRecord = BookingRow & { lot_name: string; holder_name: string | null };

function bookings(db: Db) {
  return db
    .selectFrom('parking_bookings as b')
    .innerJoin('parking_lots as l', 'l.id', 'b.lot_id')
    .leftJoin('people as p', 'p.id', 'b.person_id')
    .selectAll('b')
    .select(['l.name as lot_name', 'p.name as holder_name']);
}

export async function findBooking(db: Db, id: string): Promise<BookingRecord | undefined> {
  return bookings(db).where('b.id', '=', id).executeTakeFirst();
}

export async function findByIdempotencyKey(db: Db, personId: string, key: string): Promise<BookingRecord | undefined> {
  return bookings(db).where('b.person_id', '=', personId).where('b.idempotency_key', '=', key).executeTakeFirst();
}

export async function insertBooking(db: Db, row: BookingRow): Promise<void> {
  await db.insertInto('parking_bookings').values(row).execute();
}

/** Bookings of `plate` on `date` whose window overlaps [start, end) and still hold it. */
export async function plateOverlaps(db: Db, plate: string, date: string, start: number, end: number): Promise<boolean> {
  const row = await db
    .selectFrom('parking_bookings')
    .select('id')
    .where('plate', '=', plate)
    .where('date', '=', date)
    .where('status', 'in', ['booked', 'entered', 'waitlisted'])
    .where('start_min', '<', end)
    .where('end_min', '>', start)
    .executeTakeFirst();
  return row !== undefined;
}

/** A person's active bookings in a lot between two dates (inclusive). */
export async function countPersonBookings(db: Db, personId: string, lotId: string, from: string, to: string) {
  const row = await db
    .selectFrom('parking_bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('lot_id', '=', lotId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('status', 'in', ACTIVE)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves a booking from one of `from` to `to` (the conditional write that decides races between a
 * cancellation, a release and an entry): answers whether this call moved it.
 */
export async function moveBooking(
  db: Db,
  id: string,
  from: BookingStatus[],
  to: BookingStatus,
  set: Partial<BookingRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('parking_bookings')
    .set({ ...set, status: to })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The waiting list of a lot's day, first come first. */
export async function waiting(db: Db, lotId: string, date: string): Promise<BookingRow[]> {
  return db
    .selectFrom('parking_bookings')
    .selectAll()
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Lots and days that have people waiting (housekeeping promotes them if a space is free). */
export async function daysWithWaiting(db: Db, fromDate: string) {
  return db
    .selectFrom('parking_bookings')
    .select(['lot_id', 'date'])
    .distinct()
    .where('status', '=', 'waitlisted')
    .where('date', '>=', fromDate)
    .execute();
}

/** The 1-based position of a waiting booking. */
export async function positionOf(db: Db, b: BookingRow): Promise<number> {
  const row = await db
    .selectFrom('parking_bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('lot_id', '=', b.lot_id)
    .where('date', '=', b.date)
    .where('status', '=', 'waitlisted')
    .where(pastPosition('created_at', 'id', '<', { createdAt: b.created_at, id: b.id }))
    .executeTakeFirstOrThrow();
  return Number(row.n) + 1;
}

/** One page of a person's bookings, newest first, by the (person_id, created_at, id) index. */
export async function listMine(db: Db, personId: string, after: PagePosition | undefined, limit: number) {
  const mine = bookings(db).where('b.person_id', '=', personId);
  return keysetPage(mine, ['b.created_at', 'b.id'], 'desc', after, limit).execute();
}

/** Bookings whose no-show release is due (the release_due_at index). */
export async function dueReleases(db: Db, now: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('parking_bookings')
    .selectAll()
    .where('release_due_at', '<=', now)
    .orderBy('release_due_at')
    .limit(limit)
    .execute();
}

export async function expireWaiting(db: Db, before: string, at: string): Promise<number> {
  const result = await db
    .updateTable('parking_bookings')
    .set({ status: 'expired', updated_at: at })
    .where('status', '=', 'waitlisted')
    .where('ends_at', '<=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A lot's day as the guard expects it: bookings that hold or held a space. */
export async function dayBookings(db: Db, lotId: string, date: string, plateLike?: string) {
  let q = bookings(db)
    .where('b.lot_id', '=', lotId)
    .where('b.date', '=', date)
    .where('b.status', 'in', ['booked', 'entered', 'left']);
  if (plateLike) q = q.where('b.plate', 'like', `%${plateLike}%`);
  return q.orderBy('b.start_min').orderBy('b.plate').execute();
}

/** Bookings of a plate in a lot on a day that may explain its arrival or exit. */
export async function plateBookings(db: Db, lotId: string, plate: string, date: string) {
  return bookings(db)
    .where('b.lot_id', '=', lotId)
    .where('b.plate', '=', plate)
    .where('b.date', '=', date)
    .orderBy('b.start_min')
    .execute();
}

export async function countByStatus(db: Db, lotId: string, date: string) {
  const rows = await db
    .selectFrom('parking_bookings')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

export async function bookingsOfVisit(db: Db, visitId: string): Promise<BookingRow[]> {
  return db.selectFrom('parking_bookings').selectAll().where('visit_id', '=', visitId).execute();
}

/** No-shows, newest first, by the (released_at, id) index. */
export async function listNoShows(db: Db, after: PagePosition | undefined, limit: number) {
  const released = bookings(db).where('b.released_at', 'is not', null);
  return keysetPage(released, ['b.released_at', 'b.id'], 'desc', after, limit).execute();
}

export async function noShowsSince(db: Db, personId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('parking_bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('status', '=', 'released')
    .where('released_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- cars -------------------------------------------------------------------------------------

export async function listCars(db: Db, personId: string) {
  return db.selectFrom('parking_cars').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function insertCar(db: Db, personId: string, plate: string, at: string): Promise<void> {
  await db
    .insertInto('parking_cars')
    .values({ person_id: personId, plate, created_at: at })
    .onConflict((oc) => oc.columns(['person_id', 'plate']).doNothing())
    .execute();
}

export async function deleteCar(db: Db, personId: string, plate: string): Promise<boolean> {
  const result = await db
    .deleteFrom('parking_cars')
    .where('person_id', '=', personId)
    .where('plate', '=', plate)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---- the gate ---------------------------------------------------------------------------------

export async function insertGateChange(db: Db, row: GateChangeRow): Promise<void> {
  await db.insertInto('parking_gate_changes').values(row).execute();
}

/** A gate's changes not yet acknowledged, up to `upTo`, in order. */
export async function pendingChanges(db: Db, gateId: string, upTo: string): Promise<GateChangeRow[]> {
  return db
    .selectFrom('parking_gate_changes')
    .selectAll()
    .where('gate_id', '=', gateId)
    .where('sent_at', 'is', null)
    .where('id', '<=', upTo)
    .orderBy('id')
    .execute();
}

export async function markChangesSent(db: Db, ids: string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('parking_gate_changes')
    .set({ sent_at: at })
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute();
  // A visitor's plate forgotten while its change waited for the gate is kept no longer than that.
  const forgotten = await db
    .selectFrom('parking_gate_changes as c')
    .innerJoin('parking_bookings as b', 'b.id', 'c.booking_id')
    .select(['c.id', 'b.plate'])
    .where('c.id', 'in', ids)
    .where('b.plate', 'like', '%*%')
    .execute();
  for (const change of forgotten) {
    await db.updateTable('parking_gate_changes').set({ plate: change.plate }).where('id', '=', change.id).execute();
  }
}

/**
 * Visitors' plates, masked where they were kept (their bookings, the gate's events, the whitelist
 * changes already sent) once their visit is deleted or past its retention. A change still waiting
 * for its gate keeps the plate until it is sent (markChangesSent then masks it).
 */
export async function maskVisitorPlates(db: Db, visitIds: string[]): Promise<number> {
  if (visitIds.length === 0) return 0;
  const cars = await db
    .selectFrom('parking_bookings')
    .select(['id', 'plate'])
    .where('visit_id', 'in', visitIds)
    .where('plate', 'not like', '%*%')
    .execute();
  for (const car of cars) {
    const plate = maskPlate(car.plate);
    await db.updateTable('parking_bookings').set({ plate }).where('id', '=', car.id).execute();
    await db.updateTable('parking_gate_events').set({ plate }).where('booking_id', '=', car.id).execute();
    await db
      .updateTable('parking_gate_changes')
      .set({ plate })
      .where('booking_id', '=', car.id)
      .where('sent_at', 'is not', null)
      .execute();
  }
  return cars.length;
}

export async function findGateEvent(db: Db, eventId: string) {
  return db.selectFrom('parking_gate_events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

/** Records an event once: false when its event id was already recorded. */
export async function insertGateEvent(db: Db, row: Selectable<ParkingGateEventsTable>): Promise<boolean> {
  const result = await db
    .insertInto('parking_gate_events')
    .values(row)
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function gateFeed(db: Db, lotId: string, after: PagePosition | undefined, limit: number) {
  const events = db
    .selectFrom('parking_gate_events as e')
    .leftJoin('people as p', 'p.id', 'e.by_person_id')
    .selectAll('e')
    .select('p.name as by_name')
    .where('e.lot_id', '=', lotId);
  return keysetPage(events, ['e.created_at', 'e.id'], 'desc', after, limit).execute();
}

/** Cars let in less cars let out since `since` (the lot_id, created_at index). */
export async function insideSince(db: Db, lotId: string, since: string): Promise<number> {
  const rows = await db
    .selectFrom('parking_gate_events')
    .select(['direction', (eb) => eb.fn.countAll<number>().as('n')])
    .where('lot_id', '=', lotId)
    .where('created_at', '>=', since)
    .where('decision', '=', 'open')
    .groupBy('direction')
    .execute();
  const count = (d: string) => Number(rows.find((r) => r.direction === d)?.n ?? 0);
  return Math.max(0, count('in') - count('out'));
}

/** Accepts a nonce once per gate: false when it was seen before (a replay). */
export async function useNonce(db: Db, gateId: string, nonce: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('parking_gate_nonces')
    .values({ gate_id: gateId, nonce, created_at: at })
    .onConflict((oc) => oc.columns(['gate_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function purgeNonces(db: Db, before: string): Promise<void> {
  await db.deleteFrom('parking_gate_nonces').where('created_at', '<', before).execute();
}

// ---- suspensions ------------------------------------------------------------------------------

export async function activeSuspension(db: Db, personId: string, now: string) {
  return db
    .selectFrom('parking_suspensions')
    .selectAll()
    .where('person_id', '=', personId)
    .where('ends_at', '>', now)
    .where('lifted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSuspension(
  db: Db,
  row: { id: string; person_id: string; starts_at: string; ends_at: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('parking_suspensions')
    .values({ ...row, lifted_at: null, lifted_by: null })
    .execute();
}

export async function listActiveSuspensions(db: Db, now: string) {
  return db
    .selectFrom('parking_suspensions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 'p.name', 'p.unit'])
    .where('s.ends_at', '>', now)
    .where('s.lifted_at', 'is', null)
    .orderBy('s.ends_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(200)
    .execute();
}

export async function liftSuspension(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('parking_suspensions')
    .set({ lifted_at: at, lifted_by: by })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .where('ends_at', '>', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
