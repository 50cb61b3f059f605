import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { createGroupCommit } from '../src/fast-paths/group-commit';
import { dialectUnderTest } from './support/test-db';

// The checkpointer is embedded SQLite's; on PostgreSQL the server checkpoints by itself.
const onSqlite = dialectUnderTest() === 'sqlite' ? describe : () => undefined;
const onPostgres = dialectUnderTest() === 'postgres' ? describe : () => undefined;

onPostgres('WAL checkpoints (PostgreSQL)', () => {
  it('starts no checkpointer: the server checkpoints by itself', async () => {
    const database = openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL,
      sqliteFile: '',
      backgroundCheckpoints: true,
    });
    try {
      expect(database.dialect).toBe('postgres');
      expect(database.checkpointer).toBeUndefined();
      expect((await sql<{ one: number }>`select 1 as one`.execute(database.db)).rows[0].one).toBe(1);
    } finally {
      await database.close();
    }
  });
});

onSqlite('WAL checkpoints in a worker thread (SQLite)', () => {
  let dir: string;
  let file: string;
  let database: DatabaseHandle;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-ckpt-'));
    file = path.join(dir, 'app.sqlite');
    database = openDatabase({ sqliteFile: file, backgroundCheckpoints: true });
    await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
  });
  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = async (rows: number) => {
    for (let i = 0; i < rows; i++) {
      await sql`insert into notes (body) values (${'x'.repeat(2000)})`.execute(database.db);
    }
  };

  it('takes checkpoints off the connection and copies every frame into the database file', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(rows[0].wal_autocheckpoint).toBe(0);

    // Past the 1000 pages at which the connection would have checkpointed by itself.
    await write(2500);
    const walBytes = fs.statSync(`${file}-wal`).size;
    expect(walBytes).toBeGreaterThan(1000 * 4096);

    const report = await database.checkpointer!.now();
    expect(report.log).toBeGreaterThan(1000);
    expect(report.checkpointed).toBe(report.log);

    // The database file itself now holds the rows: a copy of it alone, without the WAL, has them all.
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    const reader = new SQLite(copy, { readonly: true });
    try {
      expect(reader.prepare('select count(*) as n from notes').get()).toEqual({ n: 2500 });
    } finally {
      reader.close();
    }
  });

  it('lets the WAL start over after a checkpoint instead of growing without end', async () => {
    await write(1500);
    await database.checkpointer!.now();
    const grown = fs.statSync(`${file}-wal`).size;
    await write(10);
    // The next writer rewinds a fully checkpointed WAL: the new frames are at its start.
    const report = await database.checkpointer!.now();
    expect(report.log).toBeLessThan(50);
    expect(fs.statSync(`${file}-wal`).size).toBeLessThanOrEqual(grown);
  });

  it('keeps the WAL bounded while a group commit writes without pause (a lunch rush)', async () => {
    await database.close();
    database = openDatabase({ sqliteFile: file, backgroundCheckpoints: { everyMs: 10, restartAfterFrames: 200 } });
    const placing = createGroupCommit(database.db);
    const rows = 12_000;
    const body = 'x'.repeat(2000);
    // Bursts of 50 units, as concurrent requests arrive: each burst shares a transaction.
    for (let done = 0; done < rows; done += 50) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          placing.run((trx) => sql`insert into notes (body) values (${body})`.execute(trx)),
        ),
      );
    }
    const { rows: counted } = await sql<{ n: number }>`select count(*) as n from notes`.execute(database.db);
    expect(counted[0].n).toBe(rows);
    // Every row is a page of its own (24 MB in all); a WAL that never starts over holds them all.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan((rows * 4096) / 3);
  });

  it('closes with every committed row readable from the file', async () => {
    await write(20);
    await database.close();
    const reopened = new SQLite(file, { readonly: true });
    try {
      expect(reopened.prepare('select count(*) as n from notes').get()).toEqual({ n: 20 });
    } finally {
      reopened.close();
    }
  });

  it('closes the database even when nothing else keeps the process alive (a server shutting down)', () => {
    // A process of its own: once its last request is done, only close() itself keeps it running.
    const script = path.join(dir, 'close.ts');
    const other = path.join(dir, 'other.sqlite');
    fs.writeFileSync(
      script,
      [
        `import { sql } from ${JSON.stringify(require.resolve('kysely'))};`,
        `import { openDatabase } from ${JSON.stringify(path.resolve(__dirname, '../src/db/database'))};`,
        `const database = openDatabase({ sqliteFile: ${JSON.stringify(other)}, backgroundCheckpoints: true });`,
        `void (async () => {`,
        `  await sql\`create table t (x integer)\`.execute(database.db);`,
        `  await sql\`insert into t values (1)\`.execute(database.db);`,
        `  await database.close();`,
        `  console.log('closed');`,
        `})();`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('closed');
    // The last connection to close checkpoints the WAL into the file and removes it.
    expect(fs.existsSync(`${other}-wal`)).toBe(false);
  });
});
