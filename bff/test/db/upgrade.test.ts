import { sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate';
import * as historyIndexes from '../../src/db/migrations/2026-12-07-0015-history-indexes';
import { growHistory } from '../support/history-data';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

// Migration 0015 adds indexes to tables that already hold history: it must run on a populated
// database (the bench times it on a year: README "Upgrading a populated database").

jest.setTimeout(120_000);

const dialect = dialectUnderTest();
const ADDED = [
  'takeaway_orders_person_idx',
  'takeaway_orders_board_idx',
  'takeaway_orders_placed_idx',
  'sessions_expires_idx',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function indexNames(): Promise<string[]> {
  const db = t.db.db;
  const rows =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = 'public'`.execute(db);
  return rows.rows.map((r) => r.name);
}

it(`0015 upgrades a database that already holds history (${dialect})`, async () => {
  const db = t.db.db;
  // The schema as it was before 0015, then a history written into it.
  await historyIndexes.down(db);
  await sql`delete from kysely_migration where name = '2026-12-07-0015-history-indexes'`.execute(db);
  expect(await indexNames()).not.toEqual(expect.arrayContaining([ADDED[0]]));
  const grown = await growHistory(db, dialect, { people: 500, days: 20, perDay: 1000, today: '2026-11-21' });
  const count = async (table: 'takeaway_orders' | 'meal_card_ledger' | 'messages') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = { orders: await count('takeaway_orders'), ledger: await count('meal_card_ledger') };
  expect(before.orders).toBeGreaterThanOrEqual(grown.orders);

  await migrateToLatest(db);

  expect(await indexNames()).toEqual(expect.arrayContaining(ADDED));
  expect({ orders: await count('takeaway_orders'), ledger: await count('meal_card_ledger') }).toEqual(before);
  // The heavy buyer's newest page comes from the new index, in its order.
  const page = await db
    .selectFrom('takeaway_orders')
    .select(['id', 'created_at'])
    .where('person_id', '=', 'h-00000')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  expect(page).toHaveLength(20);
  expect(page.map((r) => r.created_at)).toEqual(
    page
      .map((r) => r.created_at)
      .sort()
      .reverse(),
  );
  // Run again, it has nothing left to do.
  await migrateToLatest(db);
});
