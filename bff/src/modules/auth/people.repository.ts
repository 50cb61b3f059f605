import type { Kysely } from 'kysely';
import { isRole, ROLES, type Role } from '@contract/roles';
import type { Database } from '../../db/schema';
import type { PersonRow } from './auth.table';

export interface Person {
  id: string;
  name: string;
  unit: string;
  roles: Role[];
  disabled: boolean;
  isDemo: boolean;
}

type Db = Kysely<Database>;

/** Each person's roles, unordered (see sortRoles); people without roles are absent. */
export async function rolesOf(db: Db, personIds: string[]): Promise<Map<string, Role[]>> {
  const byPerson = new Map<string, Role[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await db
    .selectFrom('person_roles')
    .select(['person_id', 'role'])
    .where('person_id', 'in', personIds)
    .execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    const list = byPerson.get(row.person_id) ?? [];
    list.push(row.role);
    byPerson.set(row.person_id, list);
  }
  return byPerson;
}

function toPerson(row: PersonRow, roles: Role[]): Person {
  return { id: row.id, name: row.name, unit: row.unit, roles, disabled: row.disabled === 1, isDemo: row.is_demo === 1 };
}

export async function findPerson(db: Db, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toPerson(row, sortRoles((await rolesOf(db, [id])).get(id) ?? []));
}

/** Demo people in the order the sign-in page lists them: by their first role, single-role people first. */
export async function listDemoPeople(db: Db): Promise<Person[]> {
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('is_demo', '=', 1)
    .where('disabled', '=', 0)
    .orderBy('id')
    .execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  const rank = (p: Person) => Math.min(...p.roles.map((r) => ROLES.indexOf(r)), ROLES.length);
  return rows
    .map((row) => toPerson(row, sortRoles(roles.get(row.id) ?? [])))
    .sort((a, b) => rank(a) - rank(b) || a.roles.length - b.roles.length || a.id.localeCompare(b.id));
}

/** Roles in their canonical order (ROLES). */
export const sortRoles = (roles: Role[]): Role[] => [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

/**
 * The hot path of every signed-in request: the session and its person in one query, roles in a
 * second. Answers undefined for an unknown token.
 */
export async function findSessionWithPerson(
  db: Db,
  tokenHash: string,
): Promise<{ expiresAt: string; revoked: boolean; provider: string; person: Person } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select([
      'sessions.expires_at',
      'sessions.provider',
      'sessions.revoked_at',
      'people.id',
      'people.campus_id',
      'people.name',
      'people.unit',
      'people.is_demo',
      'people.disabled',
      'people.created_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = await db.selectFrom('person_roles').select('role').where('person_id', '=', row.id).execute();
  return {
    expiresAt: row.expires_at,
    revoked: row.revoked_at !== null,
    provider: row.provider,
    person: toPerson(row, sortRoles(roles.map((r) => r.role).filter(isRole))),
  };
}

export async function insertPerson(
  db: Db,
  person: { id: string; name: string; unit: string; roles: Role[]; isDemo?: boolean; campusId?: string | null },
  createdAt: string,
): Promise<void> {
  await db
    .insertInto('people')
    .values({
      id: person.id,
      campus_id: person.campusId ?? null,
      name: person.name,
      unit: person.unit,
      is_demo: person.isDemo ? 1 : 0,
      disabled: 0,
      created_at: createdAt,
    })
    .execute();
  if (person.roles.length > 0) {
    await db
      .insertInto('person_roles')
      .values(person.roles.map((role) => ({ person_id: person.id, role })))
      .execute();
  }
}

export async function findIdentity(db: Db, provider: 'wechat' | 'zzd', subject: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('identities')
    .select('person_id')
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.person_id;
}

export async function findIdentityOfPerson(
  db: Db,
  personId: string,
  provider: 'wechat' | 'zzd',
): Promise<string | undefined> {
  const row = await db
    .selectFrom('identities')
    .select('subject')
    .where('person_id', '=', personId)
    .where('provider', '=', provider)
    .executeTakeFirst();
  return row?.subject;
}

/** Inserts the link unless the same (provider, subject) exists; answers who owns it afterwards. */
export async function linkIdentity(
  db: Db,
  link: { provider: 'wechat' | 'zzd'; subject: string; personId: string },
  createdAt: string,
): Promise<string> {
  await db
    .insertInto('identities')
    .values({ provider: link.provider, subject: link.subject, person_id: link.personId, created_at: createdAt })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .execute();
  return (await findIdentity(db, link.provider, link.subject)) ?? link.personId;
}
