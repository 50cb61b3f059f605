import type { Kysely } from 'kysely';
import type { MealKind, VoteValue } from '@contract/canteen';
import { addDays, calendarKnows, datesFrom, daysBetween, isWorkday, mondayOf, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DEMO_CANTEEN_STAFF } from '../../db/seed-data';
import { newId } from '../../lib/ids';
import { drawPlate, seededRandom } from '../../lib/png';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import { insertUploads, uploadIdFor, type Storage } from '../uploads';
import { replaceMeals, updateCanteen } from './canteen.repository';
import type { DishRow } from './canteen.table';
import { DEMO_CANTEEN_SETTINGS, DEMO_DISHES, DEMO_LIBRARIES, DEMO_MEAL_PLAN } from './canteen.seed-data';
import { insertDishes } from './dishes.repository';
import { datesWithMenus, insertMenus } from './menu.repository';
import { insertVotes } from './votes.repository';

/** Generated photos are a pure function of the dish: made once per process. */
const photoCache = new Map<string, Buffer>();
function photoOf(name: string): Buffer {
  let png = photoCache.get(name);
  if (!png) {
    png = drawPlate(name, DEMO_DISHES[name].colours);
    photoCache.set(name, png);
  }
  return png;
}

/** The dishes of one meal on one day: the plan's categories, rotating through the library by day. */
function composeMeal(library: DishRow[], meal: MealKind, dayIndex: number): string[] {
  const picked: string[] = [];
  for (const [category, count] of DEMO_MEAL_PLAN[meal]) {
    const pool = library.filter((d) => d.category === category);
    for (let j = 0; j < count && pool.length > 0; j++) {
      const dish = pool[(dayIndex * count + j) % pool.length];
      if (!picked.includes(dish.id)) picked.push(dish.id);
    }
  }
  return picked;
}

/** Days a canteen cooks: workdays when the calendar knows the year, Monday–Friday otherwise (demo only). */
const cooks = (date: string) =>
  calendarKnows(date) ? isWorkday(date) : new Date(`${date}T00:00:00Z`).getUTCDay() % 6 !== 0;

/**
 * The canteen demo, idempotent and additive (safe at every start): staff links, the demo canteens'
 * meals and cut-off (when they have none yet), a 30-dish library with generated photos (when the
 * canteen has no dishes yet), published menus for last, this and next week on the days without
 * any menu, and some votes from demo diners on the freshly seeded library's past menus.
 */
export async function seedCanteenDemo(db: Kysely<Database>, clock: Clock, storage?: Storage): Promise<void> {
  const now = clock.now();
  const at = toStored(now);
  const today = shanghaiDate(now);
  const canteenIds = (
    await db.selectFrom('canteens').select('id').where('id', 'in', Object.keys(DEMO_CANTEEN_SETTINGS)).execute()
  ).map((c) => c.id);
  if (canteenIds.length === 0) return;

  const withDishes = new Set(
    (await db.selectFrom('dishes').select('canteen_id').distinct().where('canteen_id', 'in', canteenIds).execute()).map(
      (r) => r.canteen_id,
    ),
  );
  const needLibrary = canteenIds.filter((id) => !withDishes.has(id));

  // Photo files go to the storage before the rows that name them (a row never points at nothing).
  const photoIds = new Map<string, string>();
  if (storage && needLibrary.length > 0) {
    const names = [...new Set(needLibrary.flatMap((id) => DEMO_LIBRARIES[id]))];
    const uploads = names.map((name) => {
      const png = photoOf(name);
      const id = uploadIdFor(png, 'png');
      photoIds.set(name, id);
      return { id, png };
    });
    await Promise.all(uploads.map((u) => storage.put(u.id, u.png)));
    await insertUploads(
      db,
      uploads.map((u) => ({
        id: u.id,
        content_type: 'image/png',
        bytes: u.png.length,
        uploaded_by: null,
        created_at: at,
      })),
    );
  }

  const firstDay = addDays(mondayOf(today), -7);
  const lastDay = addDays(mondayOf(today), 13);

  await transactionWithRetry(db, async (trx) => {
    const demoPeople = new Set(
      (await trx.selectFrom('people').select('id').where('is_demo', '=', 1).execute()).map((p) => p.id),
    );
    const links = DEMO_CANTEEN_STAFF.filter((l) => demoPeople.has(l.personId) && canteenIds.includes(l.canteenId));
    if (links.length > 0) {
      await trx
        .insertInto('canteen_staff')
        .values(links.map((l) => ({ person_id: l.personId, canteen_id: l.canteenId })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    const withMeals = new Set(
      (
        await trx
          .selectFrom('canteen_meals')
          .select('canteen_id')
          .distinct()
          .where('canteen_id', 'in', canteenIds)
          .execute()
      ).map((r) => r.canteen_id),
    );
    for (const id of canteenIds.filter((c) => !withMeals.has(c))) {
      await replaceMeals(trx, id, DEMO_CANTEEN_SETTINGS[id].meals);
      await updateCanteen(trx, id, { cutoff: DEMO_CANTEEN_SETTINGS[id].cutoff });
    }

    const fresh = needLibrary.map((canteenId) => ({
      canteenId,
      rows: DEMO_LIBRARIES[canteenId].map((name): DishRow => {
        const dish = DEMO_DISHES[name];
        return {
          id: newId(),
          canteen_id: canteenId,
          name: dish.name,
          category: dish.category,
          tags: JSON.stringify(dish.tags),
          allergens: JSON.stringify(dish.allergens),
          description: dish.description,
          photo: photoIds.get(name) ?? null,
          retired: 0,
          created_at: at,
          updated_at: at,
        };
      }),
    }));
    await insertDishes(
      trx,
      fresh.flatMap((f) => f.rows),
    );

    const meals = await trx
      .selectFrom('canteen_meals')
      .select(['canteen_id', 'meal'])
      .where('canteen_id', 'in', canteenIds)
      .execute();
    const diners = (
      await trx
        .selectFrom('person_roles as r')
        .innerJoin('people as p', 'p.id', 'r.person_id')
        .select('p.id')
        .distinct()
        .where('p.is_demo', '=', 1)
        .where('r.role', 'in', ['staff', 'admin'])
        .orderBy('p.id')
        .execute()
    ).map((p) => p.id);

    for (const canteenId of canteenIds) {
      const library =
        fresh.find((f) => f.canteenId === canteenId)?.rows ??
        (await trx
          .selectFrom('dishes')
          .selectAll()
          .where('canteen_id', '=', canteenId)
          .where('retired', '=', 0)
          .execute());
      const taken = await datesWithMenus(trx, canteenId, firstDay, lastDay);
      const served = meals.filter((m) => m.canteen_id === canteenId).map((m) => m.meal);
      const menus: Parameters<typeof insertMenus>[1] = [];
      const menuDishes: Parameters<typeof insertMenus>[2] = [];
      const votes: Parameters<typeof insertVotes>[1] = [];
      const isFresh = fresh.some((f) => f.canteenId === canteenId);
      for (const date of datesFrom(firstDay, lastDay)) {
        if (taken.has(date) || !cooks(date)) continue;
        const dayIndex = daysBetween('2026-01-05', date);
        for (const meal of served) {
          const dishIds = composeMeal(library, meal, dayIndex + (canteenId === 'canteen-2' ? 3 : 0));
          if (dishIds.length === 0) continue;
          menus.push({ canteen_id: canteenId, date, meal, published: 1, published_at: at, updated_at: at });
          dishIds.forEach((dish_id, position) =>
            menuDishes.push({ canteen_id: canteenId, date, meal, dish_id, position }),
          );
          // Demo diners have voted on the past lunches of a freshly seeded library: a few dishes each.
          if (isFresh && meal === 'lunch' && date <= today) {
            for (const personId of diners) {
              const random = seededRandom(`${personId}|${canteenId}|${date}`);
              for (const dishId of dishIds) {
                if (random() > 0.45) continue;
                const dish = library.find((d) => d.id === dishId)!;
                const popularity = 0.25 + seededRandom(dish.name)() * 0.7;
                const value: VoteValue = random() < popularity ? 'up' : 'down';
                votes.push({
                  canteen_id: canteenId,
                  date,
                  dish_id: dishId,
                  person_id: personId,
                  value,
                  created_at: at,
                  updated_at: at,
                });
              }
            }
          }
        }
      }
      await insertMenus(trx, menus, menuDishes);
      await insertVotes(trx, votes);
    }
  });
}
