import type { Kysely } from 'kysely';
import type { HeadcountMeal } from '@contract/canteen';
import type { Database } from '../../db/schema';
import type { HeadcountSignupRow } from './headcount.table';

type Db = Kysely<Database>;

export async function signupsOf(db: Db, personId: string, from: string, to: string): Promise<HeadcountSignupRow[]> {
  return db
    .selectFrom('headcount_signups')
    .selectAll()
    .where('person_id', '=', personId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
}

/** One statement; the primary key (person, date, meal) keeps one sign-up however requests race. */
export async function upsertSignup(
  db: Db,
  row: { personId: string; date: string; meal: HeadcountMeal; canteenId: string },
  at: string,
): Promise<void> {
  await db
    .insertInto('headcount_signups')
    .values({
      person_id: row.personId,
      date: row.date,
      meal: row.meal,
      canteen_id: row.canteenId,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['person_id', 'date', 'meal']).doUpdateSet((eb) => ({
        canteen_id: eb.ref('excluded.canteen_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function deleteSignup(db: Db, personId: string, date: string, meal: HeadcountMeal): Promise<void> {
  await db
    .deleteFrom('headcount_signups')
    .where('person_id', '=', personId)
    .where('date', '=', date)
    .where('meal', '=', meal)
    .execute();
}

export async function forecastCounts(
  db: Db,
  canteenId: string,
  from: string,
  to: string,
): Promise<{ date: string; meal: HeadcountMeal; count: number }[]> {
  const rows = await db
    .selectFrom('headcount_signups')
    .select((eb) => ['date', 'meal', eb.fn.countAll<number>().as('count')])
    .where('canteen_id', '=', canteenId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .groupBy(['date', 'meal'])
    .execute();
  return rows.map((r) => ({ date: r.date, meal: r.meal, count: Number(r.count) }));
}
