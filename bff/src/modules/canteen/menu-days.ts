import type { Kysely } from 'kysely';
import { MEAL_KINDS, votingState, type Allergen, type MealKind, type ServingWindow } from '@contract/canteen';
import type { DayMenu, MenuDish } from '@contract/canteen.schema';
import { calendarDay, datesFrom, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { toInstant, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import { uploadUrl } from '../uploads';
import { canteenNotFound, type CanteenService } from './canteen.service';
import { asCategory, parseAllergens, parseTags } from './dishes.service';
import { canteenMenus, type CanteenMenuRow } from './menu.repository';

/**
 * The day menus of `from`…`to` for one person from a single query (see canteenMenus), whatever
 * the number of days and dishes. Diners see the dishes of published meals only. Without a
 * person: as a diner who manages nothing and has not voted sees them.
 */
export function createMenuDays(deps: { db: Kysely<Database>; clock: Clock; canteens: CanteenService }) {
  const { db, clock, canteens } = deps;

  async function build(person: Person | null, canteenId: string, from: string, to: string): Promise<DayMenu[]> {
    const [rows, canManage] = await Promise.all([
      canteenMenus(db, canteenId, from, to, person?.id ?? ''),
      person ? canteens.manages(person, canteenId) : false,
    ]);
    if (rows.length === 0) throw canteenNotFound();

    // Tags and allergens repeat across dishes: parse each distinct JSON text once.
    const tagsOf = new Map<string, string[]>();
    const allergensOf = new Map<string, Allergen[]>();
    const memo = <T>(cache: Map<string, T>, raw: string | null, parse: (raw: string | null) => T): T => {
      const key = raw ?? '';
      let value = cache.get(key);
      if (value === undefined) cache.set(key, (value = parse(raw)));
      return value;
    };

    const windows = new Map<MealKind, ServingWindow>();
    const menus = new Map<string, { published: boolean; publishedAt: string | null; dishes: CanteenMenuRow[] }>();
    for (const row of rows) {
      if (!row.meal) continue;
      if (!windows.has(row.meal))
        windows.set(row.meal, { meal: row.meal, servingStart: row.serving_start!, servingEnd: row.serving_end! });
      if (!row.date) continue;
      const key = `${row.date}|${row.meal}`;
      let menu = menus.get(key);
      if (!menu) menus.set(key, (menu = { published: row.published === 1, publishedAt: row.published_at, dishes: [] }));
      if (row.dish_id) menu.dishes.push(row);
    }
    const meals = MEAL_KINDS.filter((meal) => windows.has(meal)).map((meal) => windows.get(meal)!);
    const now = shanghaiDate(clock.now());

    return datesFrom(from, to).map((date) => ({
      canteenId,
      date,
      calendar: calendarDay(date),
      voting: votingState(date, now),
      canManage,
      meals: meals.map((window) => {
        const menu = menus.get(`${date}|${window.meal}`);
        const published = menu?.published ?? false;
        const visible = menu && (published || canManage) ? menu.dishes : [];
        return {
          meal: window.meal,
          servingStart: window.servingStart,
          servingEnd: window.servingEnd,
          published,
          publishedAt: published && menu?.publishedAt ? toInstant(menu.publishedAt) : null,
          dishes: visible.map(
            (row): MenuDish => ({
              id: row.dish_id!,
              canteenId,
              name: row.dish_name ?? '',
              category: asCategory(row.category ?? ''),
              tags: memo(tagsOf, row.tags, parseTags),
              allergens: memo(allergensOf, row.allergens, parseAllergens),
              description: row.description ?? '',
              photoUrl: row.photo ? uploadUrl(row.photo) : null,
              retired: row.retired === 1,
              up: row.up,
              down: row.down,
              myVote: row.mine,
            }),
          ),
        };
      }),
    }));
  }

  return { build };
}

export type MenuDays = ReturnType<typeof createMenuDays>;
