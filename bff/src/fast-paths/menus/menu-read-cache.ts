import { createHash } from 'node:crypto';
import type { VoteValue } from '@contract/canteen';
import type { DayMenu } from '@contract/canteen.schema';
import { createLoadingCache } from '../loading-cache';
import { menuAnswer, type MenuAnswer } from './menu-answer';
import type { MenuChanges } from '../../modules/canteen/menu-changes';

/**
 * The day as every diner sees it (published meals, counts, no own votes), serialised and encoded
 * once: whole, and split where each dish's `"myVote":null` stands, in dish order. Bytes, not
 * text: encoding 10 KB of Chinese to UTF-8 on every send was a measurable share of the read.
 *
 * The answers made from this version of the day are kept with it: `plain` for everyone who has
 * not voted, and one per person's votes while those votes are cached, so a repeated read reuses
 * the same answer and tag strings (a tag made afresh is hashed afresh by every Map it looks up).
 */
interface SharedDay {
  bytes: Buffer;
  pieces: Buffer[];
  dishIds: string[];
  hash: string;
  plain: MenuAnswer;
  answers: WeakMap<OwnVotes, MenuAnswer>;
}

/** One person's votes on one day at one canteen. */
interface OwnVotes {
  byDish: Map<string, VoteValue>;
  hash: string;
}

// Inside a JSON string every quote is escaped, so this text can only be the key itself.
const VOTE_HOLE = '"myVote":null';
const NO_VOTE = Buffer.from(VOTE_HOLE);
const VOTE_BYTES: Record<VoteValue, Buffer> = {
  up: Buffer.from('"myVote":"up"'),
  down: Buffer.from('"myVote":"down"'),
};
const NO_VOTES_HASH = '0';

const shortHash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);

function toSharedDay(menu: DayMenu): SharedDay {
  const text = JSON.stringify(menu);
  const texts = text.split(VOTE_HOLE);
  const dishIds = menu.meals.flatMap((meal) => meal.dishes.map((dish) => dish.id));
  if (texts.length !== dishIds.length + 1) throw new Error('menu read cache: vote slots do not match the dishes');
  const bytes = Buffer.from(text);
  const hash = shortHash(text);
  return {
    bytes,
    pieces: texts.map((t) => Buffer.from(t)),
    dishIds,
    hash,
    plain: menuAnswer(`${hash}.${NO_VOTES_HASH}`, () => bytes),
    answers: new WeakMap(),
  };
}

function toOwnVotes(byDish: Map<string, VoteValue>): OwnVotes {
  if (byDish.size === 0) return { byDish, hash: NO_VOTES_HASH };
  const signature = [...byDish]
    .map(([dishId, value]) => `${dishId}=${value}`)
    .sort()
    .join(';');
  return { byDish, hash: shortHash(signature) };
}

/**
 * The diners' menu read without touching the database on a hit: the shared day per canteen and
 * date, and each person's own votes, are cached separately and stitched together per request.
 * Entries are dropped when a change is announced through MenuChanges (in this instance at once,
 * in others via the event bus), and live at most `ttlMs` in case an announcement is lost.
 *
 * ETags are content hashes of both parts, so every instance gives the same answer the same tag.
 */
export function createMenuReadCache(deps: {
  changes: MenuChanges;
  ttlMs: number;
  /** The day as a diner who manages nothing sees it, with no own votes. */
  loadDay(canteenId: string, date: string): Promise<DayMenu>;
  loadVotes(personId: string, canteenId: string, date: string): Promise<Map<string, VoteValue>>;
}) {
  const { changes, ttlMs, loadDay, loadVotes } = deps;
  // Keys: `canteen|date|today` (today decides whether voting is open) and `person|canteen|date`.
  const days = createLoadingCache<SharedDay>({ ttlMs, maxEntries: 2_000 });
  const votes = createLoadingCache<OwnVotes>({ ttlMs, maxEntries: 100_000 });

  const stopListening = changes.listen((change) => {
    const canteen = `${change.canteenId}|`;
    if (change.date === undefined) {
      days.deleteWhere((key) => key.startsWith(canteen));
      return;
    }
    const day = `${canteen}${change.date}|`;
    days.deleteWhere((key) => key.startsWith(day));
    if (change.personId !== undefined) votes.delete(`${change.personId}|${change.canteenId}|${change.date}`);
  });

  function stitch(day: SharedDay, own: OwnVotes): Buffer {
    const parts: Buffer[] = [day.pieces[0]];
    for (let i = 0; i < day.dishIds.length; i++) {
      const mine = own.byDish.get(day.dishIds[i]);
      parts.push(mine ? VOTE_BYTES[mine] : NO_VOTE, day.pieces[i + 1]);
    }
    return Buffer.concat(parts);
  }

  function render(day: SharedDay, own: OwnVotes): MenuAnswer {
    if (own.byDish.size === 0) return day.plain;
    let answer = day.answers.get(own);
    if (!answer) {
      answer = menuAnswer(`${day.hash}.${own.hash}`, () => stitch(day, own));
      day.answers.set(own, answer);
    }
    return answer;
  }

  return {
    /** Synchronous on a hit; a promise when either part has to load. */
    answer(personId: string, canteenId: string, date: string, today: string): MenuAnswer | Promise<MenuAnswer> {
      const day = days.get(`${canteenId}|${date}|${today}`, () => loadDay(canteenId, date).then(toSharedDay));
      const own = votes.get(`${personId}|${canteenId}|${date}`, () =>
        loadVotes(personId, canteenId, date).then(toOwnVotes),
      );
      if (day instanceof Promise || own instanceof Promise)
        return Promise.all([day, own]).then(([d, o]) => render(d, o));
      return render(day, own);
    },
    close(): void {
      stopListening();
      days.clear();
      votes.clear();
    },
  };
}

export type MenuReadCache = ReturnType<typeof createMenuReadCache>;
