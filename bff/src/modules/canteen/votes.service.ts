import type { Kysely } from 'kysely';
import { votingState, type VoteValue } from '@contract/canteen';
import type { Ranking, RankingQuery, RankedDish, VoteResult } from '@contract/canteen.schema';
import { addDays, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { requireDate, requireRange } from '../../lib/date-params';
import { toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import { uploadUrl } from '../uploads';
import type { CanteenService } from './canteen.service';
import { asCategory, dishNotFound } from './dishes.service';
import { findDish } from './dishes.repository';
import type { MenuChanges } from './menu-changes';
import { mealsListingDish } from './menu.repository';
import { deleteVote, dishTallies, dishVoteCounts, upsertVote } from './votes.repository';

/** The ranking looks back at most a year at once. */
export const RANKING_MAX_DAYS = 366;
export const RANKING_DEFAULT_DAYS = 30;

/** 赞 and 踩 on the dishes of published menus (diners), and their ranking (the canteen's staff, admins). */
export function createVotesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  changes: MenuChanges;
}) {
  const { db, clock, canteens, changes } = deps;
  const today = () => shanghaiDate(clock.now());

  /**
   * Sets (`value`) or withdraws (null) the person's vote on a dish of a day's published menu, for
   * today and the 6 days before. Answers the dish's counts as they are after the change.
   */
  async function vote(
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
  }

  /**
   * Dishes ranked by net score (赞 − 踩) over a range, ties broken by more votes, then name. Dishes
   * with fewer than `minVotes` votes are left out; top and bottom never share a dish.
   */
  async function ranking(person: Person, canteenId: string, query: RankingQuery): Promise<Ranking> {
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
  }

  return { vote, ranking };
}

export type VotesService = ReturnType<typeof createVotesService>;
