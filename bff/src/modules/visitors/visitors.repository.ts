import type { ExpressionBuilder, Kysely } from 'kysely';
import type { VisitStatus } from '@contract/visitors.schema';
import type { Database } from '../../db/schema';
import { keysetPage, type PagePosition } from '../../lib/page-cursor';
import type { AuditRow, BlockRow, VisitRow, VisitSettingsRow } from './visitors.table';

type Db = Kysely<Database>;

/** A visit with its host's name and unit (what every answer shows of the host). */
export type VisitRecord = VisitRow & { host_name: string; host_unit: string };

const DEFAULT_SETTINGS = { tolerance_minutes: 30, retention_days: 30, requires_id_number: 0 };

/** The deployment's first campus: where people without one of their own (visitors) belong. */
export async function firstCampus(db: Db): Promise<string | undefined> {
  const first = await db.selectFrom('campuses').select('id').orderBy('id').limit(1).executeTakeFirst();
  return first?.id;
}

/** The campus a person belongs to; people without one (visitors) belong to the deployment's first campus. */
export async function campusOf(db: Db, personId: string): Promise<string | undefined> {
  const own = await db.selectFrom('people').select('campus_id').where('id', '=', personId).executeTakeFirst();
  return own?.campus_id ?? firstCampus(db);
}

export async function findSettings(db: Db, campusId: string): Promise<VisitSettingsRow> {
  const row = await db.selectFrom('visit_settings').selectAll().where('campus_id', '=', campusId).executeTakeFirst();
  return row ?? { campus_id: campusId, ...DEFAULT_SETTINGS };
}

export async function upsertSettings(db: Db, row: VisitSettingsRow): Promise<void> {
  await db
    .insertInto('visit_settings')
    .values(row)
    .onConflict((oc) => oc.column('campus_id').doNothing())
    .execute();
}

function visits(db: Db) {
  return db
    .selectFrom('visits as v')
    .innerJoin('people as h', 'h.id', 'v.host_id')
    .selectAll('v')
    .select(['h.name as host_name', 'h.unit as host_unit']);
}

export async function findVisit(db: Db, id: string): Promise<VisitRecord | undefined> {
  return visits(db).where('v.id', '=', id).executeTakeFirst();
}

export async function findVisitByCode(db: Db, code: string): Promise<VisitRecord | undefined> {
  return visits(db).where('v.pass_code', '=', code).executeTakeFirst();
}

export async function insertVisit(db: Db, row: VisitRow): Promise<void> {
  await db.insertInto('visits').values(row).execute();
}

/**
 * One page, newest first, of the visits to a host (`host_id`) or of a visitor (`visitor_id`),
 * optionally of one day: `limit + 1` rows. Served by (host_id | visitor_id, created_at, id).
 */
export async function listVisits(
  db: Db,
  filter: { by: 'host_id' | 'visitor_id'; personId: string; date?: string },
  after: PagePosition | undefined,
  limit: number,
): Promise<VisitRecord[]> {
  let query = visits(db).where(`v.${filter.by}`, '=', filter.personId);
  if (filter.by === 'visitor_id') query = query.where('v.visitor_deleted', '=', 0);
  if (filter.date) query = query.where('v.date', '=', filter.date);
  return keysetPage(query, ['v.created_at', 'v.id'], 'desc', after, limit).execute();
}

/**
 * The guard's lists, oldest first by the time that matters (`limit + 1` rows): a day's visits by
 * start time (visits_day_idx), or those on site by end time, `overdue` only those whose window has
 * closed (visits_status_idx).
 */
export async function listForGuard(
  db: Db,
  filter: { campusId: string; view: 'expected' | 'on-site' | 'overdue'; date: string; now: string },
  after: PagePosition | undefined,
  limit: number,
): Promise<VisitRecord[]> {
  const key = filter.view === 'expected' ? 'v.starts_at' : 'v.ends_at';
  let query = visits(db).where('v.campus_id', '=', filter.campusId);
  if (filter.view === 'expected') {
    query = query
      .where('v.date', '=', filter.date)
      .where('v.status', 'in', ['pending', 'approved', 'checked-in', 'checked-out']);
  } else {
    query = query.where('v.status', '=', 'checked-in');
    if (filter.view === 'overdue') query = query.where('v.ends_at', '<', filter.now);
  }
  return keysetPage(query, [key, 'v.id'], 'asc', after, limit).execute();
}

/**
 * Moves a visit from one of `from` to a new status with `set`, and answers whether it did: the
 * affected-row count decides between two requests that arrive at once (two guards, two clicks).
 */
export async function moveVisit(
  db: Db,
  id: string,
  from: readonly VisitStatus[],
  set: Partial<VisitRow> & { status?: VisitStatus },
): Promise<boolean> {
  const result = await db
    .updateTable('visits')
    .set(set)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countVisitsByPhone(db: Db, phoneHash: string): Promise<number> {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone_hash', '=', phoneHash)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The columns a purge clears: every personal field of a visit (its counts stay). */
export const PERSONAL_CLEARED = {
  personal_enc: null,
  name_masked: null,
  phone_masked: null,
  id_masked: null,
  plate_masked: null,
  phone_hash: null,
  id_hash: null,
  pass_code: null,
} as const;

/**
 * One bounded batch of the purge: up to `limit` visits of a campus whose window closed before
 * `cutoff` and are not purged yet (visits_purge_idx, partial on purged_at is null), cleared.
 * Answers how many.
 */
/** Clears the personal fields of up to `limit` visits past the cutoff; answers their ids. */
export async function purgeBatch(
  db: Db,
  campusId: string,
  cutoff: string,
  at: string,
  limit: number,
): Promise<string[]> {
  const due = await db
    .selectFrom('visits')
    .select('id')
    .where('purged_at', 'is', null)
    .where('ends_at', '<', cutoff)
    .where('campus_id', '=', campusId)
    .orderBy('ends_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const ids = due.map((v) => v.id);
  await db
    .updateTable('visits')
    .set({ ...PERSONAL_CLEARED, purged_at: at })
    .where('id', 'in', ids)
    .where('purged_at', 'is', null)
    .execute();
  return ids;
}

/** Whether the person `p` may be visited: those with the staff or admin role. */
function isHost(eb: ExpressionBuilder<Database & { p: Database['people'] }, 'p'>) {
  return eb.exists(
    eb
      .selectFrom('person_roles as r')
      .select('r.person_id')
      .whereRef('r.person_id', '=', 'p.id')
      .where('r.role', 'in', ['staff', 'admin']),
  );
}

/** The directory a visitor searches: staff of one unit (name contains `q`), name and unit only. */
export async function searchHosts(db: Db, unit: string, q: string | undefined, limit: number) {
  let query = db
    .selectFrom('people as p')
    .select(['p.id', 'p.name', 'p.unit'])
    .where('p.unit', '=', unit)
    .where('p.disabled', '=', 0)
    .where(isHost);
  if (q) query = query.where('p.name', 'like', `%${q.replace(/[\\%_]/g, '')}%`);
  return query.orderBy('p.name').orderBy('p.id').limit(limit).execute();
}

export async function hostUnits(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('person_roles as r', 'r.person_id', 'p.id')
    .select('p.unit')
    .distinct()
    .where('r.role', 'in', ['staff', 'admin'])
    .where('p.disabled', '=', 0)
    .where('p.unit', '<>', '')
    .orderBy('p.unit')
    .execute();
  return rows.map((r) => r.unit);
}

export async function findHost(db: Db, id: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('people as p')
    .select(['p.id', 'p.name'])
    .where('p.id', '=', id)
    .where('p.disabled', '=', 0)
    .where(isHost)
    .executeTakeFirst();
}

// --- block list ---

export async function findBlock(db: Db, campusId: string, kind: 'id' | 'phone', hash: string) {
  return db
    .selectFrom('visitor_blocks')
    .select('id')
    .where('campus_id', '=', campusId)
    .where('kind', '=', kind)
    .where('value_hash', '=', hash)
    .executeTakeFirst();
}

/** Inserts once: false when the value is already listed (the unique index decides). */
export async function insertBlock(db: Db, row: BlockRow): Promise<boolean> {
  const inserted = await db
    .insertInto('visitor_blocks')
    .values(row)
    .onConflict((oc) => oc.columns(['campus_id', 'kind', 'value_hash']).doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function deleteBlock(db: Db, campusId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('visitor_blocks')
    .where('id', '=', id)
    .where('campus_id', '=', campusId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function listBlocks(db: Db, campusId: string, after: PagePosition | undefined, limit: number) {
  const blocks = db
    .selectFrom('visitor_blocks as b')
    .innerJoin('people as p', 'p.id', 'b.created_by')
    .selectAll('b')
    .select('p.name as by_name')
    .where('b.campus_id', '=', campusId);
  return keysetPage(blocks, ['b.created_at', 'b.id'], 'desc', after, limit).execute();
}

// --- audit log (append-only: the database refuses UPDATE, and DELETE of rows under 183 days) ---

export async function insertAudit(db: Db, row: AuditRow): Promise<void> {
  await db.insertInto('visit_audit').values(row).execute();
}

export async function listAudit(db: Db, campusId: string, after: PagePosition | undefined, limit: number) {
  const audit = db
    .selectFrom('visit_audit as a')
    .leftJoin('people as p', 'p.id', 'a.actor_id')
    .selectAll('a')
    .select('p.name as actor_name')
    .where('a.campus_id', '=', campusId);
  return keysetPage(audit, ['a.at', 'a.id'], 'desc', after, limit).execute();
}

/** The audit retention job: one bounded batch of rows older than `cutoff` (at least 183 days). */
export async function deleteAuditBefore(db: Db, cutoff: string, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('visit_audit')
    .select('id')
    .where('at', '<', cutoff)
    .orderBy('at')
    .orderBy('id')
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('visit_audit')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
