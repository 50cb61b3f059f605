import type { Kysely } from 'kysely';
import { isRole, type Role } from '@contract/roles';
import type { Database } from '../../db/schema';
import { sortRoles } from './people.repository';

type Db = Kysely<Database>;

/** The person's roles, in their canonical order. */
export async function rolesOfPerson(db: Db, personId: string): Promise<Role[]> {
  const rows = await db.selectFrom('person_roles').select('role').where('person_id', '=', personId).execute();
  return sortRoles(rows.map((r) => r.role).filter(isRole));
}

/**
 * Locks every holder of `role` until the transaction ends and answers how many there are: an
 * UPDATE that changes nothing still takes the row locks on PostgreSQL (a second transaction waits,
 * then counts without a row the first one deleted) and the write lock on SQLite. The guard of "at
 * least one admin": two admins taking each other's role at once are decided one after the other.
 */
export async function lockRoleHolders(db: Db, role: Role): Promise<number> {
  const result = await db
    .updateTable('person_roles')
    .set((eb) => ({ role: eb.ref('role') }))
    .where('role', '=', role)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Makes the person's roles exactly `roles`. */
export async function replaceRoles(db: Db, personId: string, roles: Role[]): Promise<void> {
  let removal = db.deleteFrom('person_roles').where('person_id', '=', personId);
  if (roles.length > 0) removal = removal.where('role', 'not in', roles);
  await removal.execute();
  if (roles.length === 0) return;
  await db
    .insertInto('person_roles')
    .values(roles.map((role) => ({ person_id: personId, role })))
    .onConflict((oc) => oc.columns(['person_id', 'role']).doNothing())
    .execute();
}
