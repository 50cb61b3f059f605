import type { Kysely } from 'kysely';
import type { WeekMenu } from '@contract/canteen.schema';
import { addDays, mondayOf, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { createMenuDayAnswers } from '../../fast-paths/menus/menu-day-answers';
import { requireDate } from '../../lib/date-params';
import type { Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { CanteenService } from './canteen.service';
import type { MenuChanges } from './menu-changes';
import { createMenuDays } from './menu-days';
import { createMenuEditing } from './menu-editing';
import { personVotes } from './votes.repository';
import { createVotesService } from './votes.service';

export { MENU_HORIZON_DAYS, PUBLISH_MAX_DAYS } from './menu-editing';
export { RANKING_DEFAULT_DAYS, RANKING_MAX_DAYS } from './votes.service';

/**
 * Menus, one job per file: the days as a person sees them (menu-days.ts), composing and publishing
 * (menu-editing.ts), votes and the ranking (votes.service.ts). The lunch-time day read, answered
 * as ready bytes from a cache, is the fast path's (fast-paths/menus/menu-day-answers.ts).
 */
export function createMenuService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  changes: MenuChanges;
  /** How long a cached diner's menu may live without a change announcement (0: no cache). */
  readCacheMs: number;
}) {
  const { db, clock, canteens, changes } = deps;
  const days = createMenuDays({ db, clock, canteens });
  const editing = createMenuEditing({ db, clock, canteens, changes, days });
  const votes = createVotesService({ db, clock, canteens, changes });
  const dayAnswers = createMenuDayAnswers({
    clock,
    changes,
    ttlMs: deps.readCacheMs,
    mayManageAny: canteens.mayManageAny,
    manages: canteens.manages,
    loadDay: async (person, canteenId, date) => (await days.build(person, canteenId, date, date))[0],
    loadVotes: (personId, canteenId, date) => personVotes(db, canteenId, date, personId),
  });

  /** The 7 days from `start` (by default this week's Monday). */
  async function week(person: Person, canteenId: string, start?: string): Promise<WeekMenu> {
    const first = start === undefined ? mondayOf(shanghaiDate(clock.now())) : requireDate(start);
    const last = addDays(first, 6);
    return { canteenId, start: first, end: last, days: await days.build(person, canteenId, first, last) };
  }

  return {
    dayAnswer: dayAnswers.dayAnswer,
    week,
    setMeal: editing.setMeal,
    copy: editing.copy,
    setPublished: editing.setPublished,
    vote: votes.vote,
    ranking: votes.ranking,
    close(): void {
      dayAnswers.close();
    },
  };
}

export type MenuService = ReturnType<typeof createMenuService>;
