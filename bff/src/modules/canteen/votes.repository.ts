import type { Kysely } from 'kysely';
import type { VoteValue } from '@contract/canteen';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface VoteKey {
  canteenId: string;
  date: string;
  dishId: string;
  personId: string;
}

const keyOf = (k: VoteKey) => ({ canteen_id: k.canteenId, date: k.date, dish_id: k.dishId, person_id: k.personId });

/**
 * Sets the person's vote in one statement. The primary key (canteen, date, dish, person) makes any
 * number of racing requests end in one row: the losers of the insert update that row instead.
 */
export async function upsertVote(db: Db, key: VoteKey, value: VoteValue, at: string): Promise<void> {
  await db
    .insertInto('dish_votes')
    .values({ ...keyOf(key), value, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['canteen_id', 'date', 'dish_id', 'person_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function deleteVote(db: Db, key: VoteKey): Promise<void> {
  await db
    .deleteFrom('dish_votes')
    .where('canteen_id', '=', key.canteenId)
    .where('date', '=', key.date)
    .where('dish_id', '=', key.dishId)
    .where('person_id', '=', key.personId)
    .execute();
}

/** A dish's counts on a day, counted from the rows, and the person's own vote. */
export async function dishVoteCounts(
  db: Db,
  key: VoteKey,
): Promise<{ up: number; down: number; mine: VoteValue | null }> {
  const row = await db
    .selectFrom('dish_votes')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('value', '=', 'up').then(1).else(0).end()).as('up'),
      eb.fn.sum<number>(eb.case().when('value', '=', 'down').then(1).else(0).end()).as('down'),
      eb.fn
        .max<VoteValue | null>(eb.case().when('person_id', '=', key.personId).then(eb.ref('value')).end())
        .as('mine'),
    ])
    .where('canteen_id', '=', key.canteenId)
    .where('date', '=', key.date)
    .where('dish_id', '=', key.dishId)
    .executeTakeFirstOrThrow();
  return { up: Number(row.up ?? 0), down: Number(row.down ?? 0), mine: row.mine ?? null };
}

export interface DishTallyRow {
  dish_id: string;
  name: string;
  category: string;
  photo: string | null;
  up: number;
  down: number;
  votes: number;
}

/** Votes per dish over a date range (the ranking's input). */
export async function dishTallies(db: Db, canteenId: string, from: string, to: string): Promise<DishTallyRow[]> {
  const rows = await db
    .selectFrom('dish_votes as v')
    .innerJoin('dishes as d', 'd.id', 'v.dish_id')
    .select((eb) => [
      'v.dish_id',
      'd.name',
      'd.category',
      'd.photo',
      eb.fn.sum<number>(eb.case().when('v.value', '=', 'up').then(1).else(0).end()).as('up'),
      eb.fn.sum<number>(eb.case().when('v.value', '=', 'down').then(1).else(0).end()).as('down'),
      eb.fn.countAll<number>().as('votes'),
    ])
    .where('v.canteen_id', '=', canteenId)
    .where('v.date', '>=', from)
    .where('v.date', '<=', to)
    .groupBy(['v.dish_id', 'd.name', 'd.category', 'd.photo'])
    .execute();
  return rows.map((r) => ({ ...r, up: Number(r.up), down: Number(r.down), votes: Number(r.votes) }));
}

/** Bulk insert for the demo seed. */
export async function insertVotes(
  db: Db,
  rows: {
    canteen_id: string;
    date: string;
    dish_id: string;
    person_id: string;
    value: VoteValue;
    created_at: string;
    updated_at: string;
  }[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('dish_votes')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** One person's votes on one day at one canteen, by dish. */
export async function personVotes(
  db: Db,
  canteenId: string,
  date: string,
  personId: string,
): Promise<Map<string, VoteValue>> {
  const rows = await db
    .selectFrom('dish_votes')
    .select(['dish_id', 'value'])
    .where('person_id', '=', personId)
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .execute();
  return new Map(rows.map((r) => [r.dish_id, r.value]));
}
