import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  MEAL_KINDS,
  votingState,
  type Allergen,
  type MealKind,
  type ServingWindow,
  type VoteValue,
} from '../../../../contract/canteen';
import type {
  DayMenu,
  MenuCopy,
  MenuCopyResult,
  MenuDish,
  MenuRange,
  MenuStatusList,
  Ranking,
  RankingQuery,
  RankedDish,
  VoteResult,
  WeekMenu,
} from '../../../../contract/canteen.schema';
import { addDays, calendarDay, datesFrom, daysBetween, mondayOf, shanghaiDate } from '../../../../contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { requireDate, requireRange } from '../../lib/date-params';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth/people.repository';
import { uploadUrl } from '../uploads/uploads.service';
import type { CanteenRecord } from './canteen.repository';
import { canteenNotFound, type CanteenService } from './canteen.service';
import { asCategory, dishNotFound, parseAllergens, parseTags } from './dishes.service';
import { findDish, findDishes } from './dishes.repository';
import {
  canteenMenus,
  deleteMenu,
  mealsListingDish,
  menuStatus,
  menusWithDishes,
  publishMenus,
  unpublishMenus,
  writeMenu,
  type CanteenMenuRow,
} from './menu.repository';
import type { MenuChanges } from './menu-changes';
import { createMenuReadCache, menuAnswer, type MenuAnswer } from '../../fast-paths/menus/menu-read-cache';
import { deleteVote, dishTallies, dishVoteCounts, personVotes, upsertVote } from './votes.repository';
import { transactionWithRetry } from '../../lib/retry-transaction';

/** Menus can be composed this many days ahead. */
export const MENU_HORIZON_DAYS = 90;
/** Publishing and unpublishing take at most this many days at once. */
export const PUBLISH_MAX_DAYS = 14;
/** The ranking looks back at most a year at once. */
export const RANKING_MAX_DAYS = 366;
export const RANKING_DEFAULT_DAYS = 30;

/** The ETag of an answer serialised per request: a hash of its exact bytes. */
function bodyAnswer(payload: unknown): MenuAnswer {
  const body = JSON.stringify(payload);
  return menuAnswer(createHash('sha1').update(body).digest('base64url'), () => body);
}

export function createMenuService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  changes: MenuChanges;
  /** How long a cached diner's menu may live without a change announcement (0: no cache). */
  readCacheMs: number;
}) {
  const { db, clock, canteens, changes } = deps;
  const today = () => shanghaiDate(clock.now());

  /**
   * The day menus of `from`…`to` for one person from a single query (see canteenMenus), whatever
   * the number of days and dishes. Diners see the dishes of published meals only. Without a
   * person: as a diner who manages nothing and has not voted sees them.
   */
  async function buildDays(person: Person | null, canteenId: string, from: string, to: string): Promise<DayMenu[]> {
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
    const now = today();

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

  /** Editors change menus from today up to the horizon. */
  function requireEditableDates(first: string, last: string): void {
    const now = today();
    if (first < now) throw new DomainError('MENU_DATE_PASSED', 409);
    if (daysBetween(now, last) > MENU_HORIZON_DAYS) throw new DomainError('DATE_OUT_OF_RANGE', 400);
  }

  function servedMeal(canteen: CanteenRecord, meal: MealKind): void {
    if (!canteen.meals.some((m) => m.meal === meal)) throw new DomainError('MEAL_NOT_SERVED', 400);
  }

  const readCache = createMenuReadCache({
    changes,
    ttlMs: deps.readCacheMs,
    loadDay: async (canteenId, date) => (await buildDays(null, canteenId, date, date))[0],
    loadVotes: (personId, canteenId, date) => personVotes(db, canteenId, date, personId),
  });

  /** The canteen's own staff and admins see drafts too, uncached; anyone else the diners' menu. */
  async function editorsDayAnswer(person: Person, canteenId: string, day: string, now: string): Promise<MenuAnswer> {
    if (await canteens.manages(person, canteenId)) return bodyAnswer((await buildDays(person, canteenId, day, day))[0]);
    return readCache.answer(person.id, canteenId, day, now);
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

  return {
    /**
     * One day's menu as the person sees it, serialised, with its ETag. Diners (the lunch-time
     * crowd) are answered from the read cache, synchronously on a hit; editors, who also see
     * drafts, from the database. A promise when the menu has to load or the reader may edit.
     */
    dayAnswer(person: Person, canteenId: string, date?: string): MenuAnswer | Promise<MenuAnswer> {
      const now = today();
      const day = date === undefined ? now : requireDate(date);
      if (!canteens.mayManageAny(person)) return readCache.answer(person.id, canteenId, day, now);
      return editorsDayAnswer(person, canteenId, day, now);
    },

    async week(person: Person, canteenId: string, start?: string): Promise<WeekMenu> {
      const first = start === undefined ? mondayOf(today()) : requireDate(start);
      const last = addDays(first, 6);
      return { canteenId, start: first, end: last, days: await buildDays(person, canteenId, first, last) };
    },

    /** Sets a meal's dishes in serving order; the menu keeps its published state. Empty removes it. */
    async setMeal(
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
      return (await buildDays(person, canteenId, date, date))[0];
    },

    /**
     * Copies `days` days of menus from `from` onto the days from `to`, as drafts. Meals the source
     * has no menu for are left alone; a published target meal refuses the whole copy.
     */
    async copy(person: Person, canteenId: string, body: MenuCopy): Promise<MenuCopyResult> {
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
    },

    /** Publishes (or withdraws) the meals in a range; publishing needs at least one composed meal. */
    async setPublished(
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
    },

    /**
     * Sets (`value`) or withdraws (null) the person's vote on a dish of a day's published menu, for
     * today and the 6 days before. Answers the dish's counts as they are after the change.
     */
    async vote(
      person: Person,
      canteenId: string,
      date: string,
      dishId: string,
      value: VoteValue | null,
    ): Promise<VoteResult> {
      await canteens.get(canteenId);
      requireDate(date);
      const state = votingState(date, today());
      if (state === 'notYet') throw new DomainError('VOTE_NOT_OPEN', 409);
      if (state === 'closed') throw new DomainError('VOTE_CLOSED', 409);
      const listings = await mealsListingDish(db, canteenId, date, dishId);
      if (!listings.some((l) => l.published)) {
        if (listings.length > 0) throw new DomainError('MENU_NOT_PUBLISHED', 409);
        if (!(await findDish(db, dishId))) throw dishNotFound();
        throw new DomainError('DISH_NOT_ON_MENU', 409);
      }
      const key = { canteenId, date, dishId, personId: person.id };
      if (value) await upsertVote(db, key, value, toStored(clock.now()));
      else await deleteVote(db, key);
      changes.changed({ canteenId, date, personId: person.id });
      const counts = await dishVoteCounts(db, key);
      return { dishId, up: counts.up, down: counts.down, myVote: counts.mine };
    },

    /**
     * Dishes ranked by net score (赞 − 踩) over a range, ties broken by more votes, then name. Dishes
     * with fewer than `minVotes` votes are left out; top and bottom never share a dish.
     */
    async ranking(person: Person, canteenId: string, query: RankingQuery): Promise<Ranking> {
      await canteens.getManaged(person, canteenId);
      const to = query.to === undefined ? today() : requireDate(query.to);
      const from = query.from === undefined ? addDays(to, 1 - RANKING_DEFAULT_DAYS) : requireDate(query.from);
      requireRange(from, to, RANKING_MAX_DAYS);
      const minVotes = query.minVotes ?? 3;
      const limit = query.limit ?? 10;
      const tallies = await dishTallies(db, canteenId, from, to);
      const ranked: RankedDish[] = tallies
        .filter((t) => t.votes >= minVotes)
        .map((t) => ({
          dishId: t.dish_id,
          name: t.name,
          category: asCategory(t.category),
          photoUrl: t.photo ? uploadUrl(t.photo) : null,
          up: t.up,
          down: t.down,
          votes: t.votes,
          net: t.up - t.down,
        }))
        .sort((a, b) => b.net - a.net || b.votes - a.votes || a.name.localeCompare(b.name, 'zh-Hans-CN'));
      const topCount = Math.min(limit, Math.ceil(ranked.length / 2));
      const bottomCount = Math.min(limit, ranked.length - topCount);
      return {
        canteenId,
        from,
        to,
        minVotes,
        top: ranked.slice(0, topCount),
        bottom: ranked.slice(ranked.length - bottomCount).reverse(),
        hidden: tallies.length - ranked.length,
      };
    },
    close(): void {
      readCache.close();
    },
  };
}

export type MenuService = ReturnType<typeof createMenuService>;
