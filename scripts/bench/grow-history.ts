// The history bench's database growth, run by scripts/bench/history.mjs while no BFF is running:
//   node --import tsx scripts/bench/grow-history.ts people|year
// on DATABASE_URL (PostgreSQL) or SQLITE_FILE. `people`: 8,001 people with cards and 2,001
// sessions (tokens hist-0 … hist-2000) and the last 5 days of orders. `year`: the rest of a year of orders, lines, ledger rows and messages
// (set-based SQL, bff/test/support/history-data.ts) and today's board of 5,000 orders in canteen-2 (the rush orders in canteen-1), written with
// migration 0015's indexes taken off; then the migration runs again and its time is printed (the
// cost of that upgrade on a year's data). Prints one JSON line.
import { sql } from 'kysely';
import { openDatabase } from '../../bff/src/db/database';
import { migrateToLatest } from '../../bff/src/db/migrate';
import * as historyIndexes from '../../bff/src/db/migrations/2026-12-07-0015-history-indexes';
import { growBoardDay, growHistory, growPeople, historySessions } from '../../bff/test/support/history-data';

const PEOPLE = 8001;
const BUYERS = 2000;
const DAYS = Number(process.env.HISTORY_DAYS || 250);
const PER_DAY = Number(process.env.HISTORY_PER_DAY || 4000);
/** Days grown with the people, before the first measurement. */
const RECENT_DAYS = 5;
const daysBefore = (date: string, n: number) => new Date(Date.parse(date) - n * 86_400_000).toISOString().slice(0, 10);
const phase = process.argv[2];
const databaseUrl = process.env.DATABASE_URL || undefined;
const dialect = databaseUrl ? 'postgres' : 'sqlite';
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const handle = openDatabase({ databaseUrl, sqliteFile: process.env.SQLITE_FILE ?? '', poolSize: 2 });
const db = handle.db;
async function main(): Promise<void> {
  const started = Date.now();
  const out: Record<string, unknown> = { phase, dialect };
  try {
    if (phase === 'people') {
      await growPeople(db, dialect, PEOPLE);
      await historySessions(db, BUYERS, new Date());
      // The last few days already: "before" then compares pages of the same size (a list of 20
      // orders against 20), and the year only adds what lies behind them.
      out.rows = await growHistory(
        db,
        dialect,
        { people: PEOPLE, days: RECENT_DAYS, perDay: PER_DAY, today },
        { withPeople: false, tag: 1 },
      );
    } else if (phase === 'year') {
      // Grown as before the upgrade: without 0015's indexes, which the migration then builds.
      await historyIndexes.down(db);
      await sql`delete from kysely_migration where name = '2026-12-07-0015-history-indexes'`.execute(db);
      out.rows = await growHistory(
        db,
        dialect,
        { people: PEOPLE, days: DAYS - RECENT_DAYS, perDay: PER_DAY, today: daysBefore(today, RECENT_DAYS) },
        { withPeople: false },
      );
      out.boardItem = await growBoardDay(db, dialect, {
        date: today,
        orders: 5000,
        people: PEOPLE,
        canteenId: 'canteen-2',
      });
      // A year-old database has been vacuumed by autovacuum all along; straight after loading a
      // year at once, autovacuum would instead be vacuuming 1 M rows during the "after" runs.
      if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
      out.growSeconds = (Date.now() - started) / 1000;
      const migrating = Date.now();
      await migrateToLatest(db);
      out.migration0015Seconds = (Date.now() - migrating) / 1000;
    } else throw new Error(`unknown phase ${phase}`);
    out.seconds = (Date.now() - started) / 1000;
    console.log(JSON.stringify(out));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
