import type { Kysely } from 'kysely';
import { MEAL_KINDS, type HeadcountCutoff, type MealKind, type ServingWindow } from '@contract/canteen';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A canteen with its settings, as the services use it. */
export interface CanteenRecord {
  id: string;
  name: string;
  location: string;
  /** Breakfast → dinner. */
  meals: ServingWindow[];
  cutoff: HeadcountCutoff;
}

const mealOrder = (meal: MealKind) => MEAL_KINDS.indexOf(meal);

interface CanteenJoinRow {
  id: string;
  name: string;
  location: string;
  headcount_cutoff_days: number;
  headcount_cutoff_time: string;
  meal: MealKind | null;
  serving_start: string | null;
  serving_end: string | null;
}

function toRecords(rows: CanteenJoinRow[]): CanteenRecord[] {
  const byId = new Map<string, CanteenRecord>();
  for (const row of rows) {
    let canteen = byId.get(row.id);
    if (!canteen) {
      canteen = {
        id: row.id,
        name: row.name,
        location: row.location,
        meals: [],
        cutoff: { daysBefore: Number(row.headcount_cutoff_days), time: row.headcount_cutoff_time },
      };
      byId.set(row.id, canteen);
    }
    if (row.meal && row.serving_start && row.serving_end) {
      canteen.meals.push({ meal: row.meal, servingStart: row.serving_start, servingEnd: row.serving_end });
    }
  }
  for (const canteen of byId.values()) canteen.meals.sort((a, b) => mealOrder(a.meal) - mealOrder(b.meal));
  return [...byId.values()];
}

/** Canteens with their meals in one query (a row per meal). */
function canteensWithMeals(db: Db) {
  return db
    .selectFrom('canteens as c')
    .leftJoin('canteen_meals as m', 'm.canteen_id', 'c.id')
    .select([
      'c.id',
      'c.name',
      'c.location',
      'c.headcount_cutoff_days',
      'c.headcount_cutoff_time',
      'm.meal',
      'm.serving_start',
      'm.serving_end',
    ]);
}

export async function listCanteens(db: Db): Promise<CanteenRecord[]> {
  return toRecords(await canteensWithMeals(db).orderBy('c.id').execute());
}

export async function findCanteen(db: Db, id: string): Promise<CanteenRecord | undefined> {
  return toRecords(await canteensWithMeals(db).where('c.id', '=', id).execute())[0];
}

export async function updateCanteen(
  db: Db,
  id: string,
  fields: { name?: string; location?: string; cutoff?: HeadcountCutoff },
): Promise<void> {
  const set: { name?: string; location?: string; headcount_cutoff_days?: number; headcount_cutoff_time?: string } = {};
  if (fields.name !== undefined) set.name = fields.name;
  if (fields.location !== undefined) set.location = fields.location;
  if (fields.cutoff) {
    set.headcount_cutoff_days = fields.cutoff.daysBefore;
    set.headcount_cutoff_time = fields.cutoff.time;
  }
  if (Object.keys(set).length > 0) await db.updateTable('canteens').set(set).where('id', '=', id).execute();
}

export async function replaceMeals(db: Db, canteenId: string, meals: ServingWindow[]): Promise<void> {
  await db.deleteFrom('canteen_meals').where('canteen_id', '=', canteenId).execute();
  if (meals.length === 0) return;
  await db
    .insertInto('canteen_meals')
    .values(
      meals.map((m) => ({
        canteen_id: canteenId,
        meal: m.meal,
        serving_start: m.servingStart,
        serving_end: m.servingEnd,
      })),
    )
    .execute();
}

export async function isCanteenStaff(db: Db, personId: string, canteenId: string): Promise<boolean> {
  const row = await db
    .selectFrom('canteen_staff')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('canteen_id', '=', canteenId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function canteensOfStaff(db: Db, personId: string): Promise<string[]> {
  const rows = await db.selectFrom('canteen_staff').select('canteen_id').where('person_id', '=', personId).execute();
  return rows.map((r) => r.canteen_id);
}

export async function listStaff(db: Db, canteenId: string): Promise<{ id: string; name: string; unit: string }[]> {
  return db
    .selectFrom('canteen_staff as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['p.id', 'p.name', 'p.unit'])
    .where('s.canteen_id', '=', canteenId)
    .orderBy('p.id')
    .execute();
}

/** Of `personIds`: those that exist, and those holding the canteen role. */
export async function staffCandidates(
  db: Db,
  personIds: string[],
): Promise<{ existing: Set<string>; canteenRole: Set<string> }> {
  if (personIds.length === 0) return { existing: new Set(), canteenRole: new Set() };
  const [people, roles] = await Promise.all([
    db.selectFrom('people').select('id').where('id', 'in', personIds).execute(),
    db
      .selectFrom('person_roles')
      .select('person_id')
      .where('person_id', 'in', personIds)
      .where('role', '=', 'canteen')
      .execute(),
  ]);
  return { existing: new Set(people.map((p) => p.id)), canteenRole: new Set(roles.map((r) => r.person_id)) };
}

export async function replaceStaff(db: Db, canteenId: string, personIds: string[]): Promise<void> {
  await db.deleteFrom('canteen_staff').where('canteen_id', '=', canteenId).execute();
  if (personIds.length === 0) return;
  await db
    .insertInto('canteen_staff')
    .values(personIds.map((person_id) => ({ person_id, canteen_id: canteenId })))
    .execute();
}

/** Makes the person staff of exactly `canteenIds` (none: of no canteen). */
export async function replaceCanteensOfStaff(db: Db, personId: string, canteenIds: string[]): Promise<void> {
  let removal = db.deleteFrom('canteen_staff').where('person_id', '=', personId);
  if (canteenIds.length > 0) removal = removal.where('canteen_id', 'not in', canteenIds);
  await removal.execute();
  if (canteenIds.length === 0) return;
  await db
    .insertInto('canteen_staff')
    .values(canteenIds.map((canteen_id) => ({ person_id: personId, canteen_id })))
    .onConflict((oc) => oc.columns(['person_id', 'canteen_id']).doNothing())
    .execute();
}
