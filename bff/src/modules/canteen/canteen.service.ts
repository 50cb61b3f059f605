import type { Kysely } from 'kysely';
import { MEAL_KINDS, type ServingWindow } from '@contract/canteen';
import type { Canteen, CanteenList, CanteenStaff, CanteenUpdate } from '@contract/canteen.schema';
import { hasAnyRole } from '@contract/roles';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import type { Person } from '../auth';
import {
  canteensOfStaff,
  findCanteen,
  isCanteenStaff,
  listCanteens,
  listStaff,
  replaceCanteensOfStaff,
  replaceMeals,
  replaceStaff,
  staffCandidates,
  updateCanteen,
  type CanteenRecord,
} from './canteen.repository';
import type { MenuChanges } from './menu-changes';
import { transactionWithRetry } from '../../lib/retry-transaction';

export const canteenNotFound = () => new DomainError('CANTEEN_NOT_FOUND', 404);

const toCanteen = (c: CanteenRecord, canManage: boolean): Canteen => ({
  id: c.id,
  name: c.name,
  location: c.location,
  meals: c.meals,
  headcountCutoff: c.cutoff,
  canManage,
});

/** Each meal starts before it ends, meals come breakfast → dinner, and windows do not overlap. */
function checkServingWindows(meals: ServingWindow[]): ServingWindow[] {
  const sorted = [...meals].sort((a, b) => MEAL_KINDS.indexOf(a.meal) - MEAL_KINDS.indexOf(b.meal));
  const invalid = sorted.some(
    (m, i) =>
      m.servingStart >= m.servingEnd ||
      (i > 0 && (sorted[i - 1].meal === m.meal || sorted[i - 1].servingEnd > m.servingStart)),
  );
  if (invalid) throw new DomainError('SERVING_WINDOWS_INVALID', 400);
  return sorted;
}

export function createCanteenService(deps: { db: Kysely<Database>; changes: MenuChanges }) {
  const { db, changes } = deps;

  async function get(canteenId: string): Promise<CanteenRecord> {
    const canteen = await findCanteen(db, canteenId);
    if (!canteen) throw canteenNotFound();
    return canteen;
  }

  /** Whether the person could manage some canteen (answered without the database). */
  function mayManageAny(person: Person): boolean {
    return hasAnyRole(person.roles, ['admin', 'canteen']);
  }

  /** Admins manage every canteen; canteen-role people the canteens they are linked to. */
  async function manages(person: Person, canteenId: string): Promise<boolean> {
    if (person.roles.includes('admin')) return true;
    if (!mayManageAny(person)) return false;
    return isCanteenStaff(db, person.id, canteenId);
  }

  /** Answers the canteen when the person manages it: 404 for an unknown canteen, 403 otherwise. */
  async function getManaged(person: Person, canteenId: string): Promise<CanteenRecord> {
    const [canteen, allowed] = await Promise.all([get(canteenId), manages(person, canteenId)]);
    if (!allowed) {
      throw hasAnyRole(person.roles, ['canteen'])
        ? new DomainError('NOT_CANTEEN_STAFF', 403)
        : new DomainError('FORBIDDEN', 403);
    }
    return canteen;
  }

  return {
    get,
    mayManageAny,
    manages,
    getManaged,

    /** Every canteen with its meals and cut-off (other modules read canteens through this). */
    all: (): Promise<CanteenRecord[]> => listCanteens(db),

    /** The canteens the person works for (staff links), read in `db` or a transaction. */
    staffCanteensOf: (personId: string, trx: Kysely<Database> = db): Promise<string[]> =>
      canteensOfStaff(trx, personId),

    /** Links the person as staff of exactly these canteens, in the caller's transaction (人员与角色). */
    setStaffCanteens: (trx: Kysely<Database>, personId: string, canteenIds: string[]): Promise<void> =>
      replaceCanteensOfStaff(trx, personId, canteenIds),

    /** Whether the person is linked to the canteen as its staff (admins are not, unless linked). */
    isStaff: (personId: string, canteenId: string): Promise<boolean> => isCanteenStaff(db, personId, canteenId),

    async list(person: Person): Promise<CanteenList> {
      const [canteens, mine] = await Promise.all([
        listCanteens(db),
        person.roles.includes('canteen') ? canteensOfStaff(db, person.id) : Promise.resolve([]),
      ]);
      const isAdmin = person.roles.includes('admin');
      return { items: canteens.map((c) => toCanteen(c, isAdmin || mine.includes(c.id))) };
    },

    async update(canteenId: string, patch: CanteenUpdate): Promise<Canteen> {
      await get(canteenId);
      const meals = patch.meals ? checkServingWindows(patch.meals) : undefined;
      await transactionWithRetry(db, async (trx) => {
        await updateCanteen(trx, canteenId, {
          name: patch.name,
          location: patch.location,
          cutoff: patch.headcountCutoff,
        });
        if (meals) await replaceMeals(trx, canteenId, meals);
      });
      changes.changed({ canteenId });
      return toCanteen(await get(canteenId), true);
    },

    async staff(canteenId: string): Promise<CanteenStaff> {
      await get(canteenId);
      return { people: await listStaff(db, canteenId) };
    },

    async setStaff(canteenId: string, personIds: string[]): Promise<CanteenStaff> {
      await get(canteenId);
      const { existing, canteenRole } = await staffCandidates(db, personIds);
      if (personIds.some((id) => !existing.has(id))) throw new DomainError('USER_NOT_FOUND', 404);
      if (personIds.some((id) => !canteenRole.has(id))) throw new DomainError('STAFF_NOT_CANTEEN_ROLE', 400);
      await transactionWithRetry(db, (trx) => replaceStaff(trx, canteenId, personIds));
      return { people: await listStaff(db, canteenId) };
    },
  };
}

export type CanteenService = ReturnType<typeof createCanteenService>;
