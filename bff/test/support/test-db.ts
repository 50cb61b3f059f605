import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { newId } from '../../src/lib/ids';

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or — when
 * TEST_DATABASE_URL is set (scripts/with-postgres.mjs) — a new PostgreSQL database on that server.
 * The same suite therefore runs on both dialects. `sqlite` asks for SQLite whatever the run (tests
 * of what exists on SQLite only).
 */
export async function createTestDb(
  options: { sqlite?: boolean } = {},
): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && !options.sqlite) {
    const name = `t_${newId().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = openDatabase({ databaseUrl: url.toString(), sqliteFile: '', poolSize: 20 });
    await migrateToLatest(database.db);
    return {
      ...database,
      async drop() {
        await database.close();
        const again = new pg.Client({ connectionString: serverUrl });
        await again.connect();
        await again.query(`drop database if exists ${name} with (force)`);
        await again.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-test-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'test.sqlite') });
  await migrateToLatest(database.db);
  return {
    ...database,
    async drop() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const dialectUnderTest = (): 'sqlite' | 'postgres' => (process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
