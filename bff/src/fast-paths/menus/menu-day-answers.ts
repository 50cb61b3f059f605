import type { VoteValue } from '@contract/canteen';
import type { DayMenu } from '@contract/canteen.schema';
import { shanghaiDate } from '@contract/workdays';
import { requireDate } from '../../lib/date-params';
import type { Clock } from '../../lib/time';
import type { Person } from '../../modules/auth/people.repository';
import type { MenuChanges } from '../../modules/canteen/menu-changes';
import { bodyAnswer, type MenuAnswer } from './menu-answer';
import { createMenuReadCache } from './menu-read-cache';

/**
 * One day's menu as the person sees it, serialised, with its ETag: the lunch-time read. Diners are
 * answered from the read cache (synchronously on a hit); the canteen's own staff and admins, who
 * also see drafts, from the database, uncached. The canteen module gives the days and votes (plain
 * DayMenu and votes) and who manages what; the bytes are made only here.
 */
export function createMenuDayAnswers(deps: {
  clock: Clock;
  changes: MenuChanges;
  /** How long a cached diner's menu may live without a change announcement (0: no cache). */
  ttlMs: number;
  /** Whether the person may manage some canteen (cheap, synchronous: decides the cache). */
  mayManageAny(person: Person): boolean;
  manages(person: Person, canteenId: string): Promise<boolean>;
  /** The day as `person` sees it; without a person, as a diner who manages nothing and has not voted. */
  loadDay(person: Person | null, canteenId: string, date: string): Promise<DayMenu>;
  loadVotes(personId: string, canteenId: string, date: string): Promise<Map<string, VoteValue>>;
}) {
  const { clock, mayManageAny, manages, loadDay } = deps;
  const today = () => shanghaiDate(clock.now());

  const readCache = createMenuReadCache({
    changes: deps.changes,
    ttlMs: deps.ttlMs,
    loadDay: (canteenId, date) => loadDay(null, canteenId, date),
    loadVotes: deps.loadVotes,
  });

  /** The canteen's own staff and admins see drafts too, uncached; anyone else the diners' menu. */
  async function editorsDayAnswer(person: Person, canteenId: string, day: string, now: string): Promise<MenuAnswer> {
    if (await manages(person, canteenId)) return bodyAnswer(await loadDay(person, canteenId, day));
    return readCache.answer(person.id, canteenId, day, now);
  }

  return {
    /** A promise when the menu has to load or the reader may edit. */
    dayAnswer(person: Person, canteenId: string, date?: string): MenuAnswer | Promise<MenuAnswer> {
      const now = today();
      const day = date === undefined ? now : requireDate(date);
      if (!mayManageAny(person)) return readCache.answer(person.id, canteenId, day, now);
      return editorsDayAnswer(person, canteenId, day, now);
    },
    close(): void {
      readCache.close();
    },
  };
}
