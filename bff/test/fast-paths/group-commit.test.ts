import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/schema';
import { createGroupCommit } from '../../src/fast-paths/group-commit';
import { isTransientDbError, transactionWithRetry } from '../../src/lib/retry-transaction';
import { createTestDb, dialectUnderTest } from '../support/test-db';

/** One database with a `notes` table for the blocks below that write notes. */
let database: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  database = await createTestDb();
  await sql`create table notes (body text not null)`.execute(database.db);
});
afterAll(async () => {
  await database.drop();
});

// What a caller is told when the database ends a transaction by itself (SQLite does so on a full
// disk or an I/O error): simulated by work that rolls the transaction back, then fails.
describe('transactions the database rolled back by itself', () => {
  const count = async () => (await sql<{ n: number }>`select count(*) as n from notes`.execute(database.db)).rows[0].n;
  const diskFull = async (trx: Transaction<Database>) => {
    await sql`rollback`.execute(trx);
    throw new Error('disk full (simulated)');
  };

  it('a lone transaction fails with the error that ended it', async () => {
    await expect(transactionWithRetry(database.db, diskFull)).rejects.toThrow('disk full (simulated)');
  });

  // Units share a transaction on SQLite only (on PostgreSQL each is its own, as above).
  const onSqlite = dialectUnderTest() === 'sqlite' ? it : () => undefined;
  onSqlite('a shared transaction fails every unit with that error, and writes nothing', async () => {
    const placing = createGroupCommit(database.db);
    const before = await count();
    const results = await Promise.allSettled([
      placing.run((trx) => sql`insert into notes (body) values ('a')`.execute(trx)),
      placing.run(diskFull),
      placing.run((trx) => sql`insert into notes (body) values ('b')`.execute(trx)),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
      'Error: disk full (simulated)',
      'Error: disk full (simulated)',
      'Error: disk full (simulated)',
    ]);
    expect(await count()).toBe(before);
    // The next batch works as usual.
    await placing.run((trx) => sql`insert into notes (body) values ('c')`.execute(trx));
    expect(await count()).toBe(before + 1);
  });
});

// On SQLite a batch first runs without savepoints; a refused unit sends it (and the next batch)
// to savepoints. What callers see must not depend on which way a batch ran. On PostgreSQL every
// unit is its own transaction and runs once.
describe('units run at once', () => {
  /** Runs of a unit in a batch that ran twice (SQLite); once on PostgreSQL. */
  const again = dialectUnderTest() === 'sqlite' ? 2 : 1;

  const bodies = async () =>
    (await sql<{ body: string }>`select body from notes order by body`.execute(database.db)).rows.map((r) => r.body);
  const runs = new Map<string, number>();
  const note =
    (body: string, refuse = false) =>
    async (trx: Transaction<Database>) => {
      runs.set(body, (runs.get(body) ?? 0) + 1);
      await sql`insert into notes (body) values (${body})`.execute(trx);
      if (refuse) throw new Error(`refused ${body}`);
      return body;
    };
  const settle = (results: PromiseSettledResult<string>[]) =>
    results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)));

  it('a unit refused after writing leaves nothing; the rest commit', async () => {
    await sql`delete from notes`.execute(database.db);
    runs.clear();
    const placing = createGroupCommit(database.db);
    // A clean batch runs each unit once, straight into the commit.
    expect(settle(await Promise.allSettled([placing.run(note('a1')), placing.run(note('a2'))]))).toEqual(['a1', 'a2']);
    expect([runs.get('a1'), runs.get('a2')]).toEqual([1, 1]);

    // A refusal: the attempt stops there and the batch runs again in savepoints (b3 had not run
    // yet); only the refused unit's write is gone.
    const refused = await Promise.allSettled([
      placing.run(note('b1')),
      placing.run(note('b2', true)),
      placing.run(note('b3')),
    ]);
    expect(settle(refused)).toEqual(['b1', 'Error: refused b2', 'b3']);
    expect([runs.get('b1'), runs.get('b2'), runs.get('b3')]).toEqual([again, again, 1]);
    expect(await bodies()).toEqual(['a1', 'a2', 'b1', 'b3']);

    // The next batch expects refusals and goes straight to savepoints: once each, a refusal too.
    const next = await Promise.allSettled([placing.run(note('c1', true)), placing.run(note('c2'))]);
    expect(settle(next)).toEqual(['Error: refused c1', 'c2']);
    expect([runs.get('c1'), runs.get('c2')]).toEqual([1, 1]);

    // That one refused too, so this one is in savepoints (once each) and passes clean...
    await Promise.all([placing.run(note('d1')), placing.run(note('d2'))]);
    expect([runs.get('d1'), runs.get('d2')]).toEqual([1, 1]);
    // ...after which batches run without savepoints again: a refusal costs a second run.
    const later = await Promise.allSettled([placing.run(note('e1')), placing.run(note('e2', true))]);
    expect(settle(later)).toEqual(['e1', 'Error: refused e2']);
    expect([runs.get('e1'), runs.get('e2')]).toEqual([again, again]);
    expect(await bodies()).toEqual(['a1', 'a2', 'b1', 'b3', 'c2', 'd1', 'd2', 'e1']);
  });
});

describe('errors a transaction is run again after', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
  const multixactRace = pgError(
    'XX000',
    'new multixact has more than one updating member: 0 21[1999 (keysh), 2064 (nokeyupd), 2065 (nokeyupd)]',
  );

  it('counts serialization failures, deadlocks, SQLite busy and PostgreSQL 15 multixact race as transient', () => {
    expect(isTransientDbError(pgError('40001', 'could not serialize access'))).toBe(true);
    expect(isTransientDbError(pgError('40P01', 'deadlock detected'))).toBe(true);
    expect(isTransientDbError(pgError('SQLITE_BUSY', 'database is locked'))).toBe(true);
    expect(isTransientDbError(multixactRace)).toBe(true);
  });

  it('does not count other internal errors, constraint violations or plain errors', () => {
    expect(isTransientDbError(pgError('XX000', 'could not read block 7 in file "base/1/2"'))).toBe(false);
    expect(isTransientDbError(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isTransientDbError(new Error('new multixact has more than one updating member'))).toBe(false);
    expect(isTransientDbError(undefined)).toBe(false);
  });

  it('runs the whole transaction again after the multixact race, and answers its result', async () => {
    const database = await createTestDb();
    try {
      let attempts = 0;
      const result = await transactionWithRetry(database.db, async () => {
        attempts += 1;
        if (attempts === 1) throw multixactRace;
        return 'placed';
      });
      expect({ result, attempts }).toEqual({ result: 'placed', attempts: 2 });
    } finally {
      await database.drop();
    }
  });
});
