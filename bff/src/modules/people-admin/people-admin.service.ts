import type { Kysely } from 'kysely';
import type {
  PersonRoles,
  RoleChange,
  RoleChangePage,
  RoleChangeQuery,
  RolesUpdate,
} from '@contract/people-admin.schema';
import { ROLE_LABELS, isRole, type Role } from '@contract/roles';
import type { Database } from '../../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import { findPerson, lockRoleHolders, replaceRoles, rolesOfPerson, type AuthService, type Person } from '../auth';
import type { CanteenService } from '../canteen';
import type { MessagesService } from '../messages';
import { insertRoleChange, listRoleChanges, type RoleChangeRecord } from './people-admin.repository';
import type { StoredRoleSet } from './people-admin.table';

const DEFAULT_LIMIT = 20;
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

const toRoleSet = (stored: string) => {
  const set = JSON.parse(stored) as StoredRoleSet;
  return { roles: set.roles.filter(isRole), canteens: set.canteens.map((c) => c.name) };
};

const toChange = (row: RoleChangeRecord): RoleChange => ({
  id: row.id,
  at: toInstant(row.created_at),
  person: { id: row.person_id, name: row.person_name },
  by: { id: row.changed_by, name: row.by_name },
  before: toRoleSet(row.before),
  after: toRoleSet(row.after),
});

const rolesText = (roles: readonly Role[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r]).join('、') : '无');

/**
 * 人员与角色: an admin sets a person's roles (and, for canteen staff, their canteens) as one set.
 * Every change is audited with the sets before and after, the person is told in their messages,
 * and their sessions see the new roles at their next request. There is always an admin: the
 * holders of the admin role are locked while a change is decided (roles.repository.ts), so two
 * admins taking each other's role at once leave one of them.
 */
export function createPeopleAdmin(deps: {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
  canteens: CanteenService;
  messages: MessagesService;
}) {
  const { db, clock, auth, canteens, messages } = deps;

  async function personOrNotFound(id: string): Promise<Person> {
    const person = await findPerson(db, id);
    if (!person) throw notFound('PERSON_NOT_FOUND');
    return person;
  }

  async function get(personId: string): Promise<PersonRoles> {
    const person = await personOrNotFound(personId);
    const [all, mine] = await Promise.all([canteens.all(), canteens.staffCanteensOf(personId)]);
    const options = all.map((c) => ({ id: c.id, name: c.name }));
    return {
      person: { id: person.id, name: person.name, unit: person.unit, disabled: person.disabled },
      roles: person.roles,
      canteens: options.filter((c) => mine.includes(c.id)),
      canteenOptions: options,
    };
  }

  return {
    get,

    async update(actor: Person, personId: string, input: RolesUpdate): Promise<PersonRoles> {
      const person = await personOrNotFound(personId);
      const roles = input.roles;
      const canteenIds = roles.includes('canteen') ? (input.canteenIds ?? []) : [];
      if (roles.includes('canteen') && canteenIds.length === 0) throw badRequest('CANTEEN_REQUIRED');
      const names = new Map((await canteens.all()).map((c) => [c.id, c.name]));
      if (canteenIds.some((id) => !names.has(id))) throw badRequest('ROLE_CANTEEN_UNKNOWN');
      const named = (ids: string[]) => ids.map((id) => ({ id, name: names.get(id) ?? id }));

      const changed = await transactionWithRetry(db, async (trx) => {
        const admins = await lockRoleHolders(trx, 'admin');
        // A change that committed while this one waited may have taken the actor's own role.
        if (!(await rolesOfPerson(trx, actor.id)).includes('admin')) throw forbidden();
        const before: StoredRoleSet = {
          roles: await rolesOfPerson(trx, personId),
          canteens: named(await canteens.staffCanteensOf(personId, trx)),
        };
        if (before.roles.includes('admin') && !roles.includes('admin') && admins <= 1) throw conflict('LAST_ADMIN');
        if (
          sameSet(before.roles, roles) &&
          sameSet(
            before.canteens.map((c) => c.id),
            canteenIds,
          )
        )
          return false;
        const after: StoredRoleSet = { roles: [...roles], canteens: named(canteenIds) };
        await replaceRoles(trx, personId, roles);
        await canteens.setStaffCanteens(trx, personId, canteenIds);
        const at = toStored(clock.now());
        await insertRoleChange(trx, {
          id: newSortableId(),
          person_id: personId,
          changed_by: actor.id,
          before: JSON.stringify(before),
          after: JSON.stringify(after),
          created_at: at,
        });
        const shown = await rolesOfPerson(trx, personId);
        await messages.send(trx, {
          personId,
          title: '您的角色已变更',
          body: `${actor.name}将您的角色由“${rolesText(before.roles.filter(isRole))}”变更为“${rolesText(shown)}”${
            canteenIds.length
              ? `，所在食堂：${named(canteenIds)
                  .map((c) => c.name)
                  .join('、')}`
              : ''
          }。`,
        });
        return true;
      });
      // This instance reads their roles afresh at once; others within SESSION_CACHE_MS.
      if (changed) auth.forgetPerson(person.id);
      return get(personId);
    },

    /** The audit, newest first: of one person, or of everyone. */
    async changes(personId: string | undefined, query: RoleChangeQuery): Promise<RoleChangePage> {
      if (personId) await personOrNotFound(personId);
      const list = personId ? `role-changes.${personId}` : 'role-changes';
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await listRoleChanges(db, personId, decodeCursor(list, query.cursor), limit);
      const page = pageFrom(list, rows, limit);
      return { items: page.rows.map(toChange), nextCursor: page.nextCursor };
    },
  };
}

export type PeopleAdmin = ReturnType<typeof createPeopleAdmin>;
