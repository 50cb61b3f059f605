import type { Kysely } from 'kysely';
import type { MealKind } from '@contract/canteen';
import type { Database } from '../../db/schema';
import { precompiled } from '../../fast-paths/compiled-statements';

type Db = Kysely<Database>;

export interface MenuKey {
  canteenId: string;
  date: string;
  meal: MealKind;
}

/** A menu row joined with one of its dishes (dish columns null for a menu without dishes). */
export interface MenuDishJoinRow {
  date: string;
  meal: MealKind;
  published: number;
  published_at: string | null;
  dish_id: string | null;
  name: string | null;
  category: string | null;
  tags: string | null;
  allergens: string | null;
  description: string | null;
  photo: string | null;
  retired: number | null;
}

/** A canteen joined with its meals, their menus in a date range, and the menus' dishes. */
export interface CanteenMenuRow {
  id: string;
  meal: MealKind | null;
  serving_start: string | null;
  serving_end: string | null;
  date: string | null;
  published: number | null;
  published_at: string | null;
  dish_id: string | null;
  dish_name: string | null;
  category: string | null;
  tags: string | null;
  allergens: string | null;
  description: string | null;
  photo: string | null;
  retired: number | null;
  up: number;
  down: number;
  /** The given person's vote on this dish that day. */
  mine: 'up' | 'down' | null;
}

/**
 * The whole menu read in one query: the canteen (no rows: no such canteen), each meal it serves,
 * the menus of those meals from `from` to `to` (drafts included, the service decides who sees
 * them), their dishes in serving order, and each dish's 赞/踩 counts that day with the person's own
 * vote — counted from the vote rows by a grouped, materialised CTE. One statement however many
 * days and dishes.
 */
const canteenMenusQuery = precompiled(
  (db: Db, p: { canteenId: string; from: string; to: string; personId: string }) => {
    const { canteenId, from, to, personId } = p;
    return (
      db
        // Aggregated once, up front (MATERIALIZED: SQLite ≥ 3.35, PostgreSQL ≥ 12). As a joined
        // sub-select, PostgreSQL may re-run the aggregate for every dish row of a nested loop.
        .with(
          (cte) => cte('v').materialized(),
          (qb) =>
            qb
              .selectFrom('dish_votes')
              .select((vb) => [
                'date',
                'dish_id',
                vb.fn.sum<number>(vb.case().when('value', '=', 'up').then(1).else(0).end()).as('up'),
                vb.fn.sum<number>(vb.case().when('value', '=', 'down').then(1).else(0).end()).as('down'),
                vb.fn
                  .max<'up' | 'down' | null>(vb.case().when('person_id', '=', personId).then(vb.ref('value')).end())
                  .as('mine'),
              ])
              .where('canteen_id', '=', canteenId)
              .where('date', '>=', from)
              .where('date', '<=', to)
              .groupBy(['date', 'dish_id']),
        )
        .selectFrom('canteens as c')
        .leftJoin('canteen_meals as cm', 'cm.canteen_id', 'c.id')
        .leftJoin('menus as m', (join) =>
          join
            .onRef('m.canteen_id', '=', 'c.id')
            .onRef('m.meal', '=', 'cm.meal')
            .on('m.date', '>=', from)
            .on('m.date', '<=', to),
        )
        .leftJoin('menu_dishes as md', (join) =>
          join
            .onRef('md.canteen_id', '=', 'm.canteen_id')
            .onRef('md.date', '=', 'm.date')
            .onRef('md.meal', '=', 'm.meal'),
        )
        .leftJoin('dishes as d', 'd.id', 'md.dish_id')
        .leftJoin('v', (join) => join.onRef('v.date', '=', 'm.date').onRef('v.dish_id', '=', 'md.dish_id'))
        .select([
          'c.id',
          'cm.meal',
          'cm.serving_start',
          'cm.serving_end',
          'm.date',
          'm.published',
          'm.published_at',
          'md.dish_id',
          'd.name as dish_name',
          'd.category',
          'd.tags',
          'd.allergens',
          'd.description',
          'd.photo',
          'd.retired',
          'v.up',
          'v.down',
          'v.mine',
        ])
        .where('c.id', '=', canteenId)
        .orderBy('m.date')
        .orderBy('md.position')
    );
  },
);

export async function canteenMenus(
  db: Db,
  canteenId: string,
  from: string,
  to: string,
  personId: string,
): Promise<CanteenMenuRow[]> {
  // Built and compiled once per database: this read is the hottest of the module (see precompiled).
  const rows = await canteenMenusQuery(db, { canteenId, from, to, personId });
  // PostgreSQL answers sum() as bigint, parsed to number by the pool's type parser; null: no votes.
  return rows.map((r) => ({ ...r, up: Number(r.up ?? 0), down: Number(r.down ?? 0), mine: r.mine ?? null }));
}

/**
 * Every menu of a canteen from `from` to `to` with its dishes in serving order: one query.
 * Without drafts, unpublished menus are left out entirely.
 */
export async function menusWithDishes(
  db: Db,
  canteenId: string,
  from: string,
  to: string,
  includeDrafts: boolean,
): Promise<MenuDishJoinRow[]> {
  let query = db
    .selectFrom('menus as m')
    .leftJoin('menu_dishes as md', (join) =>
      join.onRef('md.canteen_id', '=', 'm.canteen_id').onRef('md.date', '=', 'm.date').onRef('md.meal', '=', 'm.meal'),
    )
    .leftJoin('dishes as d', 'd.id', 'md.dish_id')
    .select([
      'm.date',
      'm.meal',
      'm.published',
      'm.published_at',
      'md.dish_id',
      'd.name',
      'd.category',
      'd.tags',
      'd.allergens',
      'd.description',
      'd.photo',
      'd.retired',
    ])
    .where('m.canteen_id', '=', canteenId)
    .where('m.date', '>=', from)
    .where('m.date', '<=', to);
  if (!includeDrafts) query = query.where('m.published', '=', 1);
  return query.orderBy('m.date').orderBy('m.meal').orderBy('md.position').execute();
}

/** The meals of one day whose menu lists the dish, with whether each is published. */
export async function mealsListingDish(
  db: Db,
  canteenId: string,
  date: string,
  dishId: string,
): Promise<{ meal: MealKind; published: boolean }[]> {
  const rows = await db
    .selectFrom('menu_dishes as md')
    .innerJoin('menus as m', (join) =>
      join.onRef('m.canteen_id', '=', 'md.canteen_id').onRef('m.date', '=', 'md.date').onRef('m.meal', '=', 'md.meal'),
    )
    .select(['m.meal', 'm.published'])
    .where('md.canteen_id', '=', canteenId)
    .where('md.date', '=', date)
    .where('md.dish_id', '=', dishId)
    .execute();
  return rows.map((r) => ({ meal: r.meal, published: r.published === 1 }));
}

export interface MenuStatusRow {
  date: string;
  meal: MealKind;
  published: number;
  published_at: string | null;
  dish_count: number;
}

export async function menuStatus(db: Db, canteenId: string, from: string, to: string): Promise<MenuStatusRow[]> {
  const rows = await db
    .selectFrom('menus as m')
    .leftJoin('menu_dishes as md', (join) =>
      join.onRef('md.canteen_id', '=', 'm.canteen_id').onRef('md.date', '=', 'm.date').onRef('md.meal', '=', 'm.meal'),
    )
    .select((eb) => [
      'm.date',
      'm.meal',
      'm.published',
      'm.published_at',
      eb.fn.count<number>('md.dish_id').as('dish_count'),
    ])
    .where('m.canteen_id', '=', canteenId)
    .where('m.date', '>=', from)
    .where('m.date', '<=', to)
    .groupBy(['m.date', 'm.meal', 'm.published', 'm.published_at'])
    .orderBy('m.date')
    .orderBy('m.meal')
    .execute();
  return rows.map((r) => ({ ...r, dish_count: Number(r.dish_count) }));
}

/** Sets a meal's dishes (creating its menu as a draft if needed), in the caller's transaction. */
export async function writeMenu(db: Db, key: MenuKey, dishIds: string[], at: string): Promise<void> {
  const where = { canteen_id: key.canteenId, date: key.date, meal: key.meal };
  await db
    .insertInto('menus')
    .values({ ...where, published: 0, published_at: null, updated_at: at })
    .onConflict((oc) => oc.columns(['canteen_id', 'date', 'meal']).doUpdateSet({ updated_at: at }))
    .execute();
  await db
    .deleteFrom('menu_dishes')
    .where('canteen_id', '=', key.canteenId)
    .where('date', '=', key.date)
    .where('meal', '=', key.meal)
    .execute();
  if (dishIds.length > 0) {
    await db
      .insertInto('menu_dishes')
      .values(dishIds.map((dish_id, position) => ({ ...where, dish_id, position })))
      .execute();
  }
}

export async function deleteMenu(db: Db, key: MenuKey): Promise<void> {
  for (const table of ['menu_dishes', 'menus'] as const) {
    await db
      .deleteFrom(table)
      .where('canteen_id', '=', key.canteenId)
      .where('date', '=', key.date)
      .where('meal', '=', key.meal)
      .execute();
  }
}

/** Publishes the meals in range that have dishes and are drafts; answers how many changed. */
export async function publishMenus(
  db: Db,
  canteenId: string,
  from: string,
  to: string,
  meals: MealKind[],
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('menus as m')
    .set({ published: 1, published_at: at, updated_at: at })
    .where('m.canteen_id', '=', canteenId)
    .where('m.date', '>=', from)
    .where('m.date', '<=', to)
    .where('m.meal', 'in', meals)
    .where('m.published', '=', 0)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('menu_dishes as md')
          .select('md.dish_id')
          .whereRef('md.canteen_id', '=', 'm.canteen_id')
          .whereRef('md.date', '=', 'm.date')
          .whereRef('md.meal', '=', 'm.meal'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function unpublishMenus(
  db: Db,
  canteenId: string,
  from: string,
  to: string,
  meals: MealKind[],
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('menus')
    .set({ published: 0, published_at: null, updated_at: at })
    .where('canteen_id', '=', canteenId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('meal', 'in', meals)
    .where('published', '=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function datesWithMenus(db: Db, canteenId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('menus')
    .select('date')
    .distinct()
    .where('canteen_id', '=', canteenId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.date));
}

/** Bulk insert for the demo seed: menus and their dishes. */
export async function insertMenus(
  db: Db,
  menus: {
    canteen_id: string;
    date: string;
    meal: MealKind;
    published: number;
    published_at: string | null;
    updated_at: string;
  }[],
  dishes: { canteen_id: string; date: string; meal: MealKind; dish_id: string; position: number }[],
): Promise<void> {
  if (menus.length > 0) await db.insertInto('menus').values(menus).execute();
  if (dishes.length > 0) await db.insertInto('menu_dishes').values(dishes).execute();
}
