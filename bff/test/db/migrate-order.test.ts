import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database';
import { MIGRATIONS, migrateToLatest } from '../../src/db/migrate';

// Modules land on main in any order: a database that already ran a later migration must still
// take an earlier-numbered one that lands after it.
test('a migration numbered before ones already run is still applied when it lands', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-migrate-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'test.sqlite') });
  try {
    const lateName = '2026-12-07-0008-mailbox';
    const { [lateName]: late, ...earlierLanding } = MIGRATIONS;
    expect(late).toBeDefined();
    await migrateToLatest(database.db, earlierLanding);
    const tablesBefore = await sql<{
      name: string;
    }>`select name from sqlite_master where name = 'mailbox_letters'`.execute(database.db);
    expect(tablesBefore.rows).toHaveLength(0);

    await migrateToLatest(database.db);

    const tablesAfter = await sql<{
      name: string;
    }>`select name from sqlite_master where name = 'mailbox_letters'`.execute(database.db);
    expect(tablesAfter.rows).toHaveLength(1);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
