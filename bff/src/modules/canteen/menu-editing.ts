import type { Kysely } from 'kysely';
import type { MealKind } from '@contract/canteen';
import type { DayMenu, MenuCopy, MenuCopyResult, MenuRange, MenuStatusList } from '@contract/canteen.schema';
import { addDays, daysBetween, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { requireDate, requireRange } from '../../lib/date-params';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { CanteenRecord } from './canteen.repository';
import type { CanteenService } from './canteen.service';
import { dishNotFound } from './dishes.service';
import { findDishes } from './dishes.repository';
import type { MenuChanges } from './menu-changes';
import type { MenuDays } from './menu-days';
import { deleteMenu, menuStatus, menusWithDishes, publishMenus, unpublishMenus, writeMenu } from './menu.repository';

/** Menus can be composed this many days ahead. */
export const MENU_HORIZON_DAYS = 90;
/** Publishing and unpublishing take at most this many days at once. */
export const PUBLISH_MAX_DAYS = 14;

/**
 * Composing, copying and publishing menus (the canteen's staff, admins). Each change is announced
 * through MenuChanges once committed, so cached diners' menus are dropped on every instance.
 */
export function createMenuEditing(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  changes: MenuChanges;
  days: MenuDays;
}) {
  const { db, clock, canteens, changes, days: menuDays } = deps;
  const today = () => shanghaiDate(clock.now());

  /** Editors change menus from today up to the horizon. */
  function requireEditableDates(first: string, last: string): void {
    const now = today();
    if (first < now) throw new DomainError('MENU_DATE_PASSED', 409);
    if (daysBetween(now, last) > MENU_HORIZON_DAYS) throw new DomainError('DATE_OUT_OF_RANGE', 400);
  }

  function servedMeal(canteen: CanteenRecord, meal: MealKind): void {
    if (!canteen.meals.some((m) => m.meal === meal)) throw new DomainError('MEAL_NOT_SERVED', 400);
  }

  async function statusOf(canteenId: string, from: string, to: string): Promise<MenuStatusList> {
    const rows = await menuStatus(db, canteenId, from, to);
    return {
      items: rows.map((r) => ({
        date: r.date,
        meal: r.meal,
        published: r.published === 1,
        publishedAt: r.published === 1 && r.published_at ? toInstant(r.published_at) : null,
        dishCount: r.dish_count,
      })),
    };
  }

  /** Sets a meal's dishes in serving order; the menu keeps its published state. Empty removes it. */
  async function setMeal(
    person: Person,
    canteenId: string,
    date: string,
    meal: MealKind,
    dishIds: string[],
  ): Promise<DayMenu> {
    const canteen = await canteens.getManaged(person, canteenId);
    requireDate(date);
    requireEditableDates(date, date);
    servedMeal(canteen, meal);
    const dishes = await findDishes(db, dishIds);
    const byId = new Map(dishes.map((d) => [d.id, d]));
    for (const id of dishIds) {
      const dish = byId.get(id);
      if (!dish || dish.canteen_id !== canteenId) throw dishNotFound();
      if (dish.retired === 1) throw new DomainError('DISH_RETIRED', 409);
    }
    const key = { canteenId, date, meal };
    const at = toStored(clock.now());
    await transactionWithRetry(db, async (trx) => {
      if (dishIds.length === 0) await deleteMenu(trx, key);
      else await writeMenu(trx, key, dishIds, at);
    });
    changes.changed({ canteenId });
    return (await menuDays.build(person, canteenId, date, date))[0];
  }

  /**
   * Copies `days` days of menus from `from` onto the days from `to`, as drafts. Meals the source
   * has no menu for are left alone; a published target meal refuses the whole copy.
   */
  async function copy(person: Person, canteenId: string, body: MenuCopy): Promise<MenuCopyResult> {
    const canteen = await canteens.getManaged(person, canteenId);
    const days = body.days ?? 1;
    requireDate(body.from);
    requireDate(body.to);
    const offset = daysBetween(body.from, body.to);
    // Overlapping source and target would copy menus onto themselves.
    if (Math.abs(offset) < days) throw new DomainError('DATE_RANGE_INVALID', 400);
    const targetLast = addDays(body.to, days - 1);
    requireEditableDates(body.to, targetLast);
    const served = new Set(canteen.meals.map((m) => m.meal));
    let skippedRetired = 0;
    await transactionWithRetry(db, async (trx) => {
      skippedRetired = 0;
      const source = await menusWithDishes(trx, canteenId, body.from, addDays(body.from, days - 1), true);
      const plan = new Map<string, { date: string; meal: MealKind; dishIds: string[] }>();
      for (const row of source) {
        if (!row.dish_id || !served.has(row.meal)) continue;
        const date = addDays(row.date, offset);
        const key = `${date}|${row.meal}`;
        const entry = plan.get(key) ?? { date, meal: row.meal, dishIds: [] };
        plan.set(key, entry);
        if (row.retired === 1) skippedRetired++;
        else entry.dishIds.push(row.dish_id);
      }
      const targets = await menuStatus(trx, canteenId, body.to, targetLast);
      if (targets.some((t) => t.published === 1 && plan.has(`${t.date}|${t.meal}`)))
        throw new DomainError('MENU_PUBLISHED', 409);
      const at = toStored(clock.now());
      for (const entry of plan.values()) {
        if (entry.dishIds.length > 0)
          await writeMenu(trx, { canteenId, date: entry.date, meal: entry.meal }, entry.dishIds, at);
      }
    });
    changes.changed({ canteenId });
    return { ...(await statusOf(canteenId, body.to, targetLast)), skippedRetired };
  }

  /** Publishes (or withdraws) the meals in a range; publishing needs at least one composed meal. */
  async function setPublished(
    person: Person,
    canteenId: string,
    range: MenuRange,
    published: boolean,
  ): Promise<MenuStatusList> {
    const canteen = await canteens.getManaged(person, canteenId);
    requireRange(range.from, range.to, PUBLISH_MAX_DAYS);
    requireEditableDates(range.from, range.to);
    const meals = range.meals ?? canteen.meals.map((m) => m.meal);
    const at = toStored(clock.now());
    if (published) {
      await publishMenus(db, canteenId, range.from, range.to, meals, at);
      changes.changed({ canteenId });
      const status = await statusOf(canteenId, range.from, range.to);
      if (!status.items.some((s) => meals.includes(s.meal) && s.published)) throw new DomainError('MENU_EMPTY', 409);
      return status;
    }
    await unpublishMenus(db, canteenId, range.from, range.to, meals, at);
    changes.changed({ canteenId });
    return statusOf(canteenId, range.from, range.to);
  }

  return { setMeal, copy, setPublished };
}
