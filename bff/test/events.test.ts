import pg from 'pg';
import { sql } from 'kysely';
import { createLocalEventBus, type EventBus } from '../src/events/event-bus';
import { createPgEventBus } from '../src/events/pg-event-bus';
import { createTestDb, dialectUnderTest } from './support/test-db';

jest.setTimeout(20_000);

/** Resolves with the next `count` payloads on `channel`; fails after `withinMs`. */
function collect(bus: EventBus, channel: string, count: number, withinMs = 2000): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const got: unknown[] = [];
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`got ${got.length} of ${count} events on ${channel}`));
    }, withinMs);
    const stop = bus.subscribe(channel, (payload) => {
      got.push(payload);
      if (got.length === count) {
        clearTimeout(timer);
        stop();
        resolve(got);
      }
    });
  });
}

describe('in-process event bus', () => {
  it('delivers to every subscriber of the channel after the publisher returns, and stops on unsubscribe', async () => {
    const bus = createLocalEventBus();
    const seen: string[] = [];
    const stopA = bus.subscribe('a', (p) => seen.push(`1:${String(p)}`));
    bus.subscribe('a', (p) => seen.push(`2:${String(p)}`));
    bus.subscribe('b', (p) => seen.push(`b:${String(p)}`));
    await bus.publish('a', 'x');
    expect(seen).toEqual([]); // not inside the publisher's call
    await new Promise((r) => setImmediate(r));
    expect(seen.sort()).toEqual(['1:x', '2:x']);
    stopA();
    await bus.publish('a', 'y');
    await new Promise((r) => setImmediate(r));
    expect(seen.filter((s) => s.endsWith('y'))).toEqual(['2:y']);
    await bus.close();
  });

  it('a failing subscriber does not stop the others', async () => {
    const errors: unknown[] = [];
    const bus = createLocalEventBus({ onError: (e) => errors.push(e) });
    bus.subscribe('a', () => {
      throw new Error('boom');
    });
    const got = collect(bus, 'a', 1);
    await bus.publish('a', 1);
    expect(await got).toEqual([1]);
    expect(errors).toHaveLength(1);
  });
});

// Registered only on the PostgreSQL pass of the suite (npm test runs both): SQLite has no LISTEN/NOTIFY.
const describeOnPostgres = dialectUnderTest() === 'postgres' ? describe : () => undefined;

describeOnPostgres('PostgreSQL LISTEN/NOTIFY event bus', () => {
  let database: Awaited<ReturnType<typeof createTestDb>>;
  const buses: EventBus[] = [];
  const makeBus = () =>
    createPgEventBus({
      connectionString: database.url!,
      notify: async (channel, payload) => {
        await sql`select pg_notify(${channel}, ${payload})`.execute(database.db);
      },
    }).then((bus) => {
      buses.push(bus);
      return bus;
    });

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    await database.drop();
  });

  it('two instances see each other’s events, and their own', async () => {
    const [a, b] = [await makeBus(), await makeBus()];
    const onA = collect(a, 'orders', 2);
    const onB = collect(b, 'orders', 2);
    await a.publish('orders', { from: 'a' });
    await b.publish('orders', { from: 'b' });
    expect(await onA).toEqual([{ from: 'a' }, { from: 'b' }]);
    expect(await onB).toEqual([{ from: 'a' }, { from: 'b' }]);
  });

  it('drops an event too large for NOTIFY instead of failing the publisher', async () => {
    const bus = await makeBus();
    await expect(bus.publish('orders', { ids: 'x'.repeat(9000) })).resolves.toBeUndefined();
  });

  it('listens again after its connection is killed', async () => {
    const bus = await makeBus();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // Kill every LISTEN backend of this database, as a failover or an admin would.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen%' and pid <> pg_backend_pid()`,
      );
      let delivered = false;
      for (let attempt = 0; attempt < 40 && !delivered; attempt++) {
        const got = collect(bus, 'after', 1, 250).then(
          () => true,
          () => false,
        );
        await bus.publish('after', attempt);
        delivered = await got;
      }
      expect(delivered).toBe(true);
    } finally {
      await admin.end();
    }
  });
});
