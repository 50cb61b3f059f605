import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PagePosition } from '../../lib/page-cursor';
import type { RoleChangeRow } from './people-admin.table';

type Db = Kysely<Database>;

export type RoleChangeRecord = RoleChangeRow & { person_name: string; by_name: string };

export async function insertRoleChange(db: Db, row: RoleChangeRow): Promise<void> {
  await db.insertInto('role_changes').values(row).execute();
}

/**
 * One page of changes newest first, of one person or of everyone: `limit + 1` rows. Served by the
 * (person_id, created_at, id) and (created_at, id) indexes.
 */
export async function listRoleChanges(
  db: Db,
  personId: string | undefined,
  after: PagePosition | undefined,
  limit: number,
): Promise<RoleChangeRecord[]> {
  let query = db
    .selectFrom('role_changes as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .innerJoin('people as b', 'b.id', 'c.changed_by')
    .selectAll('c')
    .select(['p.name as person_name', 'b.name as by_name']);
  if (personId) query = query.where('c.person_id', '=', personId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('c.created_at', '<', after.createdAt),
        eb.and([eb('c.created_at', '=', after.createdAt), eb('c.id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
}
