import { sql, type Transaction } from 'kysely';
import type { Database } from '../src/db/schema';
import { createGroupCommit, isTransientDbError, transactionWithRetry } from '../src/lib/retry-transaction';
import { createTestDb, dialectUnderTest } from './support/test-db';

// What a caller is told when the database ends a transaction by itself (SQLite does so on a full
// disk or an I/O error): simulated by work that rolls the transaction back, then fails.
describe('transactions the database rolled back by itself', () => {
  let database: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    database = await createTestDb();
    await sql`create table notes (body text not null)`.execute(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

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
