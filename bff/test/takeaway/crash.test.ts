import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { newId } from '../../src/lib/ids';
import { startChildBff, type ChildBff } from '../support/child-bff';
import { dialectUnderTest } from '../support/test-db';
import { expectConsistent, shanghai } from './support';

// Starts the real BFF twice (tsx compiles on start): generous, but nothing here sleeps on a clock.
jest.setTimeout(180_000);

/** A database the child processes share and the test reads afterwards: a temp SQLite file, or a fresh PostgreSQL database. */
async function sharedDatabase(): Promise<{
  env: Record<string, string>;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `crash_${newId().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString(), SEED_DEMO: 'true' },
      open: () => openDatabase({ databaseUrl: url.toString(), sqliteFile: '' }),
      async drop() {
        const again = new pg.Client({ connectionString: serverUrl });
        await again.connect();
        await again.query(`drop database if exists ${name} with (force)`);
        await again.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-crash-'));
  const file = path.join(dir, 'app.sqlite');
  return {
    env: { SQLITE_FILE: file },
    open: () => openDatabase({ sqliteFile: file }),
    async drop() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function call(
  bff: ChildBff,
  method: string,
  url: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${bff.baseUrl}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

const signIn = async (bff: ChildBff, userId: string) =>
  (await call(bff, 'POST', '/api/auth/dev', undefined, { userId })).body!.token as string;

describe(`kill -9 mid-storm (${dialectUnderTest()})`, () => {
  it('keeps every order the server answered 201 for, and the ledger consistent, across a restart', async () => {
    const database = await sharedDatabase();
    let bff = await startChildBff(database.env);
    try {
      // Today in Shanghai, by the system clock the child runs on.
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
      const canteen = await signIn(bff, 'demo-canteen-01');
      const created = await call(bff, 'POST', '/api/canteens/canteen-1/takeaway', canteen, {
        date: today,
        name: '压测馒头',
        priceFen: 100,
        stock: 100_000,
        saleStartsAt: shanghai(today, '00:00'),
        saleEndsAt: shanghai(tomorrow, '00:00'),
        pickupStartsAt: shanghai(today, '00:00'),
        pickupEndsAt: shanghai(tomorrow, '00:00'),
      });
      expect(created.status).toBe(201);
      const itemId = created.body!.id as string;

      const users = (await call(bff, 'GET', '/api/auth/dev/users')).body!.users as { id: string; roles: string[] }[];
      const buyers = await Promise.all(
        users
          .filter((u) => u.roles.includes('staff') || u.roles.includes('admin'))
          .map(async (u) => ({ id: u.id, token: await signIn(bff, u.id) })),
      );

      // The storm: every buyer keeps ordering until the process dies under it.
      const answered201 = new Map<string, { orderId: string; token: string }>(); // key → order
      const unanswered = new Map<string, { token: string }>(); // sent, no 201 seen: may or may not have committed
      let killed = false;
      // Killed just after a buyer has sent an order, once 150 are answered and ten or more are
      // unanswered. A timer of its own could land while every order sent had just been answered
      // together (one SQLite commit answers all of them): the gate then killed an idle server.
      let killing: Promise<void> | undefined;
      const killSoonAfterSending = () => {
        killing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          killed = true;
          await bff.kill9();
        });
      };
      await Promise.all(
        buyers.flatMap((buyer) =>
          Array.from({ length: 3 }, async () => {
            while (!killed) {
              const key = newId();
              unanswered.set(key, { token: buyer.token });
              try {
                const sending = call(
                  bff,
                  'POST',
                  '/api/orders',
                  buyer.token,
                  { canteenId: 'canteen-1', items: [{ itemId, quantity: 1 }] },
                  { 'idempotency-key': key },
                );
                if (answered201.size >= 150 && unanswered.size >= 10) killSoonAfterSending();
                const res = await sending;
                if (res.status === 201) {
                  answered201.set(key, { orderId: res.body!.id as string, token: buyer.token });
                  unanswered.delete(key);
                } else if (res.status !== 409) {
                  throw new Error(`unexpected ${res.status} ${JSON.stringify(res.body)}`);
                } else {
                  unanswered.delete(key); // refused for a reason (e.g. balance): nothing written
                }
              } catch (error) {
                if (!killed) throw error;
                return; // connection reset by the kill
              }
            }
          }),
        ),
      );
      await killing;
      console.log(
        `[${dialectUnderTest()}] killed after ${answered201.size} answered orders, ${unanswered.size} in flight`,
      );

      bff = await startChildBff(database.env);
      // Every 201 is still there, readable by its owner.
      for (const [, { orderId, token }] of answered201) {
        const res = await call(bff, 'GET', `/api/orders/${orderId}`, token);
        expect({ orderId, status: res.status }).toEqual({ orderId, status: 200 });
        expect(res.body!.status).toBe('placed');
      }
      // Retrying what was in flight makes at most one order per key: replayed if it had committed.
      // The day's placed orders, page by page (the board's first answer holds only the first page).
      const committedBefore = new Set<string>();
      for (let cursor: string | null = ''; cursor !== null; ) {
        const page = await call(
          bff,
          'GET',
          `/api/canteens/canteen-1/board/orders?date=${today}&status=placed&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          canteen,
        );
        for (const o of page.body!.items as { id: string }[]) committedBefore.add(o.id);
        cursor = page.body!.nextCursor as string | null;
      }
      let replayed = 0;
      for (const [key, { token }] of unanswered) {
        const res = await call(
          bff,
          'POST',
          '/api/orders',
          token,
          { canteenId: 'canteen-1', items: [{ itemId, quantity: 1 }] },
          { 'idempotency-key': key },
        );
        expect([201, 409]).toContain(res.status);
        if (res.status === 201 && committedBefore.has(res.body!.id as string)) replayed++;
      }
      console.log(
        `[${dialectUnderTest()}] after restart: all ${answered201.size} answered orders present; ${replayed} of ${unanswered.size} in-flight keys had committed and replayed`,
      );
      // And a retry of an answered key is a replay, not a second order.
      const [someKey, some] = [...answered201][0];
      const replay = await call(
        bff,
        'POST',
        '/api/orders',
        some.token,
        { canteenId: 'canteen-1', items: [{ itemId, quantity: 1 }] },
        { 'idempotency-key': someKey },
      );
      expect([replay.status, replay.body!.id]).toEqual([201, some.orderId]);
    } finally {
      await bff.stop();
    }

    const db = database.open();
    try {
      const orders = await db.db.selectFrom('takeaway_orders').select(['idempotency_key', 'person_id']).execute();
      expect(new Set(orders.map((o) => `${o.person_id}/${o.idempotency_key}`)).size).toBe(orders.length);
      await expectConsistent(db.db);
    } finally {
      await db.close();
      await database.drop();
    }
  });
});
