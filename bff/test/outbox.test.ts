import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createOutboxWorker, backoffMs } from '../src/outbox/outbox.worker';
import { enqueue } from '../src/outbox/outbox.repository';
import { toStored } from '../src/lib/time';
import { createTestDb } from './support/test-db';
import { createTestClock } from './support/test-clock';

type TestDb = Awaited<ReturnType<typeof createTestDb>>;
let database: TestDb;
beforeEach(async () => {
  database = await createTestDb();
});
afterEach(async () => {
  await database.drop();
});

async function row(id: string) {
  return database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('transactional outbox', () => {
  it('a rolled-back business change leaves no outbox row', async () => {
    const clock = createTestClock();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, 't', { a: 1 }, toStored(clock.now()));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const rows = await database.db.selectFrom('outbox').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('retries a failing delivery with backoff, then delivers', async () => {
    const clock = createTestClock();
    let calls = 0;
    const worker = createOutboxWorker({
      db: database.db,
      clock,
      baseDelayMs: 1000,
      handlers: {
        flaky: async () => {
          calls += 1;
          if (calls < 3) throw new Error('remote down');
        },
      },
    });
    const id = await enqueue(database.db, 'flaky', {}, toStored(clock.now()));

    expect(await worker.drain()).toBe(1);
    expect(await row(id)).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'remote down' });
    // Not due yet: nothing is attempted before the backoff has passed.
    expect(await worker.drain()).toBe(0);
    clock.advance(1000);
    expect(await worker.drain()).toBe(1);
    expect((await row(id)).attempts).toBe(2);
    clock.advance(1999);
    expect(await worker.drain()).toBe(0);
    clock.advance(1);
    expect(await worker.drain()).toBe(1);
    const done = await row(id);
    expect(done.delivered_at).not.toBeNull();
    expect(calls).toBe(3);
    expect(await worker.drain()).toBe(0);
  });

  it('gives up after the last attempt', async () => {
    const clock = createTestClock();
    const worker = createOutboxWorker({
      db: database.db,
      clock,
      maxAttempts: 2,
      baseDelayMs: 10,
      handlers: { broken: async () => Promise.reject(new Error('always')) },
    });
    const id = await enqueue(database.db, 'broken', {}, toStored(clock.now()));
    await worker.drain();
    clock.advance(10);
    await worker.drain();
    clock.advance(60_000);
    expect(await worker.drain()).toBe(0);
    const failed = await row(id);
    expect(failed.failed_at).not.toBeNull();
    expect(failed.attempts).toBe(2);
  });

  it('backoff doubles and is capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000]);
  });

  it('two workers draining at once deliver every row exactly once', async () => {
    const clock = createTestClock();
    const delivered: string[] = [];
    const handlers = {
      count: async (payload: unknown) => {
        delivered.push((payload as { n: string }).n);
      },
    };
    for (let i = 0; i < 60; i++) await enqueue(database.db, 'count', { n: String(i) }, toStored(clock.now()));
    const a = createOutboxWorker({ db: database.db, clock, handlers, batchSize: 7 });
    const b = createOutboxWorker({ db: database.db, clock, handlers, batchSize: 7 });
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(delivered).toHaveLength(60);
    expect(new Set(delivered).size).toBe(60);
  });

  it('a batch outlasting its lease on a slow remote never has a row delivered twice', async () => {
    const clock = createTestClock();
    const sent: string[] = [];
    const later: { b?: ReturnType<typeof createOutboxWorker> } = {};
    const handlers = {
      slow: async (payload: unknown) => {
        const n = (payload as { n: string }).n;
        sent.push(n);
        // Each send takes 20 s, within the 30 s lease; by the second the batch's lease has run
        // out, and another instance drains then.
        clock.advance(20_000);
        if (n === '1' && sent.length === 2) await later.b!.drain();
      },
    };
    for (let i = 0; i < 3; i++) {
      await enqueue(database.db, 'slow', { n: String(i) }, toStored(clock.now()));
      clock.advance(1);
    }
    const a = createOutboxWorker({ db: database.db, clock, handlers, leaseMs: 30_000 });
    later.b = createOutboxWorker({ db: database.db, clock, handlers, leaseMs: 30_000 });
    await a.drain();
    expect(sent.sort()).toEqual(['0', '1', '2']);
    const left = await database.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute();
    expect(left).toEqual([]);
  });

  it('a crashed worker’s lease runs out and another worker delivers', async () => {
    const clock = createTestClock();
    let delivered = 0;
    const handlers = { once: async () => void (delivered += 1) };
    const id = await enqueue(database.db, 'once', {}, toStored(clock.now()));
    // Simulate a worker that leased the row and died.
    await database.db
      .updateTable('outbox')
      .set({ locked_by: 'dead-worker', locked_until: toStored(new Date(clock.now().getTime() + 30_000)) })
      .where('id', '=', id)
      .execute();
    const worker = createOutboxWorker({ db: database.db, clock, handlers });
    expect(await worker.drain()).toBe(0);
    clock.advance(30_001);
    expect(await worker.drain()).toBe(1);
    expect(delivered).toBe(1);
  });

  it('an idle poll writes nothing: it does not wait for another writer', async () => {
    const clock = createTestClock();
    const worker = createOutboxWorker({ db: database.db, clock, handlers: {} });
    // Another connection holds the write lock (SQLite: the file's; PostgreSQL: the outbox table's).
    const release = await holdWriteLock();
    try {
      // Taking the lock would wait (SQLite: busy_timeout, then SQLITE_BUSY; PostgreSQL: until released).
      expect(await worker.drain()).toBe(0);
    } finally {
      await release();
    }
  });
});

/** Holds what an UPDATE of the outbox waits for, from a connection of its own; answers its release. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  if (database.dialect === 'postgres') {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table outbox in exclusive mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const other = new SQLite(database.file!);
  other.exec('begin immediate');
  return async () => {
    other.exec('rollback');
    other.close();
  };
}
