import { sql, type Kysely } from 'kysely';
import { OPEN_REPAIR_STATUSES } from '@contract/repairs';
import type { Database } from '../../db/schema';
import type { PagePosition } from '../../lib/page-cursor';
import type {
  RepairCategoryRow,
  RepairEventRow,
  RepairerRow,
  RepairTicketRow,
  RepairTicketsTable,
} from './repairs.table';

type Db = Kysely<Database>;

const OPEN = [...OPEN_REPAIR_STATUSES];

// ── categories and places ──────────────────────────────────────────────────────────────────────

export async function listCategories(db: Db, activeOnly: boolean): Promise<RepairCategoryRow[]> {
  let query = db.selectFrom('repair_categories').selectAll();
  if (activeOnly) query = query.where('active', '=', 1);
  return query.orderBy('sort').orderBy('id').execute();
}

export async function findCategory(db: Db, id: string): Promise<RepairCategoryRow | undefined> {
  return db.selectFrom('repair_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategories(db: Db, rows: RepairCategoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('repair_categories')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function updateCategory(db: Db, id: string, set: Partial<RepairCategoryRow>): Promise<boolean> {
  const result = await db.updateTable('repair_categories').set(set).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function nextCategorySort(db: Db): Promise<number> {
  const row = await db
    .selectFrom('repair_categories')
    .select((eb) => eb.fn.max<number | null>('sort').as('sort'))
    .executeTakeFirst();
  return Number(row?.sort ?? 0) + 1;
}

export async function listBuildings(db: Db) {
  return db
    .selectFrom('buildings as b')
    .leftJoin('repair_building_areas as a', 'a.building_id', 'b.id')
    .select(['b.id', 'b.name', 'b.campus_id', 'a.area'])
    .orderBy('b.id')
    .execute();
}

export async function findBuilding(db: Db, id: string) {
  return db
    .selectFrom('buildings as b')
    .leftJoin('repair_building_areas as a', 'a.building_id', 'b.id')
    .select(['b.id', 'b.name', 'a.area'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function setBuildingArea(db: Db, buildingId: string, area: string): Promise<void> {
  await db
    .insertInto('repair_building_areas')
    .values({ building_id: buildingId, area })
    .onConflict((oc) => oc.column('building_id').doUpdateSet({ area }))
    .execute();
}

export async function insertBuildingAreas(db: Db, rows: { building_id: string; area: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('repair_building_areas')
    .values(rows)
    .onConflict((oc) => oc.column('building_id').doNothing())
    .execute();
}

export async function listFloorsAndRooms(db: Db) {
  const [floors, rooms] = await Promise.all([
    db.selectFrom('repair_floors').selectAll().orderBy('building_id').orderBy('sort').execute(),
    db.selectFrom('repair_rooms').selectAll().orderBy('floor_id').orderBy('sort').execute(),
  ]);
  return { floors, rooms };
}

export async function insertFloorsAndRooms(
  db: Db,
  floors: { id: string; building_id: string; name: string; sort: number }[],
  rooms: { id: string; floor_id: string; name: string; sort: number }[],
): Promise<void> {
  if (floors.length > 0)
    await db
      .insertInto('repair_floors')
      .values(floors)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  for (let i = 0; i < rooms.length; i += 200) {
    await db
      .insertInto('repair_rooms')
      .values(rooms.slice(i, i + 200))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

/** Where each level of a place lives: its own table, and its parent's table and key column. */
const PLACE_LEVELS = {
  floor: { table: 'repair_floors', parent: 'buildings', parentColumn: 'building_id' },
  room: { table: 'repair_rooms', parent: 'repair_floors', parentColumn: 'floor_id' },
} as const;

/**
 * Adds a floor to a building, or a room to a floor, last in its order; 'taken' when the parent has
 * one of that name already, 'no-parent' when there is no such parent. In the caller's transaction, holding the parent row on PostgreSQL so
 * two adds of one name at once cannot both pass the check (SQLite writes one at a time).
 */
export async function insertPlace(
  db: Db,
  level: keyof typeof PLACE_LEVELS,
  place: { parentId: string; id: string; name: string },
  postgres: boolean,
): Promise<'added' | 'taken' | 'no-parent'> {
  const { table, parent, parentColumn } = PLACE_LEVELS[level];
  const { parentId, id, name } = place;
  const parentRow = db.selectFrom(parent).select('id').where('id', '=', parentId);
  if (!(await (postgres ? parentRow.forUpdate() : parentRow).executeTakeFirst())) return 'no-parent';
  const siblings = await db
    .selectFrom(table)
    .select(['name', 'sort'])
    .where(db.dynamic.ref(parentColumn), '=', parentId)
    .execute();
  if (siblings.some((s) => s.name === name)) return 'taken';
  const sort = Math.max(0, ...siblings.map((s) => Number(s.sort))) + 1;
  await (
    level === 'floor'
      ? db.insertInto('repair_floors').values({ id, building_id: parentId, name, sort })
      : db.insertInto('repair_rooms').values({ id, floor_id: parentId, name, sort })
  ).execute();
  return 'added';
}

/** A room with its floor, building and the building's dispatch area. */
export async function findRoom(db: Db, roomId: string) {
  return db
    .selectFrom('repair_rooms as r')
    .innerJoin('repair_floors as f', 'f.id', 'r.floor_id')
    .innerJoin('buildings as b', 'b.id', 'f.building_id')
    .leftJoin('repair_building_areas as a', 'a.building_id', 'b.id')
    .select([
      'r.id',
      'r.name as room_name',
      'f.name as floor_name',
      'b.id as building_id',
      'b.name as building_name',
      'a.area',
    ])
    .where('r.id', '=', roomId)
    .executeTakeFirst();
}

// ── people ─────────────────────────────────────────────────────────────────────────────────────

/** Enabled people holding a role (who gets escalations). */
export async function peopleWithRole(db: Db, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select('p.id')
    .where('r.role', '=', role)
    .where('p.disabled', '=', 0)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

export type RepairerRecord = RepairerRow & { name: string; unit: string };

/**
 * Every enabled person holding the repairer role, with their profile (empty when never edited).
 * Repairers are a crew of tens, read whole.
 */
export async function listRepairers(db: Db, personId?: string): Promise<RepairerRecord[]> {
  let query = db
    .selectFrom('person_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('repairers as x', 'x.person_id', 'p.id')
    .select(['p.id as person_id', 'p.name', 'p.unit', 'x.skills', 'x.areas', 'x.shifts', 'x.updated_at'])
    .where('r.role', '=', 'repairer')
    .where('p.disabled', '=', 0);
  if (personId !== undefined) query = query.where('p.id', '=', personId);
  const rows = await query.orderBy('p.id').execute();
  return rows.map((r) => ({
    person_id: r.person_id,
    name: r.name,
    unit: r.unit,
    skills: r.skills ?? '[]',
    areas: r.areas ?? '[]',
    shifts: r.shifts ?? '[]',
    updated_at: r.updated_at ?? '',
  }));
}

export async function upsertRepairer(db: Db, row: RepairerRow): Promise<void> {
  await db
    .insertInto('repairers')
    .values(row)
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({
        skills: row.skills,
        areas: row.areas,
        shifts: row.shifts,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function insertRepairers(db: Db, rows: RepairerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('repairers')
    .values(rows)
    .onConflict((oc) => oc.column('person_id').doNothing())
    .execute();
}

/**
 * Locks the candidates' profile rows (PostgreSQL: FOR UPDATE, in person_id order so two
 * dispatches never wait on each other crosswise). While held, no other dispatch to any of them
 * can count or choose, so the open-ticket counts read next stay true until this one commits.
 * SQLite needs no lock: its writes are one at a time and the transaction holds the write lock.
 */
export async function lockRepairers(trx: Db, personIds: string[], postgres: boolean): Promise<void> {
  if (personIds.length === 0) return;
  const query = trx
    .selectFrom('repairers')
    .select('person_id')
    .where('person_id', 'in', personIds)
    .orderBy('person_id');
  await (postgres ? query.forUpdate() : query).execute();
}

/** Open tickets per repairer (served by the (assignee_id, status) index). */
export async function openTicketCounts(db: Db, personIds: string[]): Promise<Map<string, number>> {
  const counts = new Map(personIds.map((id) => [id, 0]));
  if (personIds.length === 0) return counts;
  const rows = await db
    .selectFrom('repair_tickets')
    .select((eb) => ['assignee_id', eb.fn.countAll<number>().as('n')])
    .where('assignee_id', 'in', personIds)
    .where('status', 'in', OPEN)
    .groupBy('assignee_id')
    .execute();
  for (const row of rows) if (row.assignee_id) counts.set(row.assignee_id, Number(row.n));
  return counts;
}

/** A ticket's progress before any step: nothing accepted, finished or rated (new tickets, the demo, the bench). */
export const NO_PROGRESS = {
  paused_at: null,
  accepted_at: null,
  arrived_at: null,
  finished_at: null,
  closed_at: null,
  response_ms: null,
  onsite_ms: null,
  on_time: null,
  finish_note: null,
  finish_photo_ids: '[]',
  score: null,
  comment: null,
} as const satisfies Partial<RepairTicketRow>;

// ── tickets ────────────────────────────────────────────────────────────────────────────────────

export type TicketRecord = RepairTicketRow & {
  category_name: string;
  requester_name: string;
  requester_unit: string;
  assignee_name: string | null;
  assignee_unit: string | null;
};

function tickets(db: Db) {
  return db
    .selectFrom('repair_tickets as t')
    .innerJoin('repair_categories as c', 'c.id', 't.category_id')
    .innerJoin('people as r', 'r.id', 't.requester_id')
    .leftJoin('people as a', 'a.id', 't.assignee_id')
    .selectAll('t')
    .select([
      'c.name as category_name',
      'r.name as requester_name',
      'r.unit as requester_unit',
      'a.name as assignee_name',
      'a.unit as assignee_unit',
    ]);
}

export async function findTicket(db: Db, id: string): Promise<TicketRecord | undefined> {
  return tickets(db).where('t.id', '=', id).executeTakeFirst();
}

export async function findTicketByKey(db: Db, requesterId: string, key: string): Promise<TicketRecord | undefined> {
  return tickets(db).where('t.requester_id', '=', requesterId).where('t.idempotency_key', '=', key).executeTakeFirst();
}

/** Inserts a ticket; false when the requester already made one with this Idempotency-Key. */
export async function insertTicket(db: Db, row: RepairTicketRow): Promise<boolean> {
  const result = await db
    .insertInto('repair_tickets')
    .values(row)
    .onConflict((oc) => oc.columns(['requester_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Writes a change only if the ticket is still at `version` (and so in the status it was read
 * in): of two changes made at once, one wins and the other answers false.
 */
export async function updateTicket(
  db: Db,
  id: string,
  version: number,
  set: Partial<Omit<RepairTicketsTable, 'id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('repair_tickets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type TicketListFilter =
  | { by: 'requester_id' | 'assignee_id'; personId: string; state?: 'open' | 'closed' }
  | { by: 'queue' }
  | { by: 'all'; state?: 'open' | 'closed' };

/**
 * One page, newest first: `limit + 1` rows so the caller knows whether another follows. Served by
 * (requester_id, created_at, id), (assignee_id, created_at, id), (status, created_at, id) and
 * (created_at, id).
 */
export async function listTickets(
  db: Db,
  filter: TicketListFilter,
  after: PagePosition | undefined,
  limit: number,
): Promise<TicketRecord[]> {
  let query = tickets(db);
  if (filter.by === 'queue') query = query.where('t.status', '=', 'pending');
  else if (filter.by !== 'all') query = query.where(`t.${filter.by}`, '=', filter.personId);
  if (filter.by !== 'queue' && filter.state === 'open') query = query.where('t.status', 'in', OPEN);
  if (filter.by !== 'queue' && filter.state === 'closed')
    query = query.where('t.status', 'in', ['finished', 'cancelled']);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('t.created_at', '<', after.createdAt),
        eb.and([eb('t.created_at', '=', after.createdAt), eb('t.id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit + 1)
    .execute();
}

// ── timeline ───────────────────────────────────────────────────────────────────────────────────

/** Demo tickets, written once (the seed checks first). */
export async function insertTickets(db: Db, rows: RepairTicketRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('repair_tickets').values(rows).execute();
}

export async function insertEvents(db: Db, rows: RepairEventRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('repair_events').values(rows).execute();
}

export async function insertEvent(db: Db, row: RepairEventRow): Promise<void> {
  await db.insertInto('repair_events').values(row).execute();
}

export type EventRecord = RepairEventRow & { actor_name: string | null; target_name: string | null };

export async function listEvents(db: Db, ticketId: string): Promise<EventRecord[]> {
  return db
    .selectFrom('repair_events as e')
    .leftJoin('people as a', 'a.id', 'e.actor_id')
    .leftJoin('people as g', 'g.id', 'e.target_id')
    .selectAll('e')
    .select(['a.name as actor_name', 'g.name as target_name'])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** Who declined this ticket (automatic dispatch passes them over). */
export async function decliners(db: Db, ticketId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('repair_events')
    .select('actor_id')
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'declined')
    .execute();
  return rows.flatMap((r) => (r.actor_id ? [r.actor_id] : []));
}

// ── SLA timer ──────────────────────────────────────────────────────────────────────────────────

/** Tickets whose check time has come, soonest first: a range scan of the partial check_at index. */
export async function dueForCheck(db: Db, now: string, limit: number) {
  return (
    db
      .selectFrom('repair_tickets')
      .select(['id', 'check_at', 'escalation_level', 'due_at'])
      .where('check_at', 'is not', null)
      .where('check_at', '<=', now)
      // One order for every instance, so two ticks lock rows in the same order (no deadlock).
      .orderBy('check_at')
      .orderBy('id')
      .limit(limit)
      .execute()
  );
}

/**
 * Moves the given tickets to their next escalation level, each only if it is still at the level and
 * check time that was read: with several timers (instances) at once, exactly one of them wins each
 * level. One statement per level (row-value IN, PostgreSQL and SQLite ≥ 3.15) returning who won.
 */
export async function escalateMany(
  db: Db,
  seen: readonly { id: string; escalation_level: number; check_at: string; next: string | null }[],
): Promise<string[]> {
  const won: string[] = [];
  for (const level of [...new Set(seen.map((s) => s.escalation_level))].sort()) {
    const group = seen.filter((s) => s.escalation_level === level);
    const nextCheck = sql<string | null>`case ${sql.join(
      group.map((s) => sql`when id = ${s.id} then ${s.next}`),
      sql` `,
    )} end`;
    const rows = await db
      .updateTable('repair_tickets')
      .set({ escalation_level: level + 1, check_at: nextCheck })
      .where((eb) =>
        eb(
          eb.refTuple('id', 'escalation_level', 'check_at'),
          'in',
          group.map((s) => eb.tuple(s.id, s.escalation_level, s.check_at)),
        ),
      )
      .returning('id')
      .execute();
    won.push(...rows.map((r) => r.id));
  }
  return won;
}

export async function findTickets(db: Db, ids: readonly string[]): Promise<TicketRecord[]> {
  if (ids.length === 0) return [];
  return tickets(db)
    .where('t.id', 'in', [...ids])
    .orderBy('t.check_at')
    .execute();
}

// ── board ──────────────────────────────────────────────────────────────────────────────────────

/** Open tickets by their state against the clock, counted by the database. */
export async function boardCounts(db: Db, now: string, riskEdge: string) {
  const row = await db
    .selectFrom('repair_tickets')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('due_at', '>=', now), eb('due_at', '<=', riskEdge)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('at_risk'),
      eb.fn.sum<number>(eb.case().when('due_at', '>', riskEdge).then(1).else(0).end()).as('on_time'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'paused').then(1).else(0).end()).as('paused'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'pending').then(1).else(0).end()).as('queued'),
    ])
    .where('status', 'in', OPEN)
    .executeTakeFirstOrThrow();
  return {
    overdue: Number(row.overdue ?? 0),
    atRisk: Number(row.at_risk ?? 0),
    onTime: Number(row.on_time ?? 0),
    paused: Number(row.paused ?? 0),
    queued: Number(row.queued ?? 0),
  };
}

/** Open tickets with a running clock, most urgent first (the due_at index). */
export async function openByDue(db: Db, limit: number): Promise<TicketRecord[]> {
  return tickets(db).where('t.due_at', 'is not', null).orderBy('t.due_at').orderBy('t.id').limit(limit).execute();
}

export interface FigureRow {
  id: string;
  name: string;
  tickets: number;
  finished: number;
  response_ms: number | null;
  onsite_ms: number | null;
  on_time: number | null;
  score: number | null;
}

/** Figures of the tickets reported in [from, to), by category or by repairer, added up by the database. */
export async function figures(db: Db, by: 'category' | 'repairer', from: string, to: string): Promise<FigureRow[]> {
  const key = by === 'category' ? 't.category_id' : 't.assignee_id';
  const rows = await db
    .selectFrom('repair_tickets as t')
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .where('t.status', '!=', 'cancelled')
    .where(key, 'is not', null)
    .groupBy(key)
    .select((eb) => [
      eb.ref(key).as('id'),
      eb.fn.countAll<number>().as('tickets'),
      eb.fn.count<number>('t.finished_at').as('finished'),
      eb.fn.avg<number | null>('t.response_ms').as('response_ms'),
      eb.fn.avg<number | null>('t.onsite_ms').as('onsite_ms'),
      eb.fn.avg<number | null>('t.on_time').as('on_time'),
      eb.fn.avg<number | null>('t.score').as('score'),
    ])
    .execute();
  const ids = rows.flatMap((r) => (r.id === null ? [] : [r.id]));
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const named =
      by === 'category'
        ? await db.selectFrom('repair_categories').select(['id', 'name']).where('id', 'in', ids).execute()
        : await db.selectFrom('people').select(['id', 'name']).where('id', 'in', ids).execute();
    for (const n of named) names.set(n.id, n.name);
  }
  // pg answers counts and averages as text.
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows
    .flatMap((r) => (r.id === null ? [] : [{ ...r, id: r.id }]))
    .map((r) => ({
      id: r.id,
      name: names.get(r.id) ?? '',
      tickets: Number(r.tickets),
      finished: Number(r.finished),
      response_ms: num(r.response_ms),
      onsite_ms: num(r.onsite_ms),
      on_time: num(r.on_time),
      score: num(r.score),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
}

/** The campus new categories belong to (one campus per deployment today). */
export async function firstCampusId(db: Db): Promise<string> {
  const row = await db.selectFrom('campuses').select('id').orderBy('id').executeTakeFirst();
  if (!row) throw new Error('no campus');
  return row.id;
}
