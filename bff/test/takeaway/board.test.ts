import WebSocketClient from 'ws';
import type { FastifyInstance } from 'fastify';
import type { BoardServerMessage, TakeawayItem } from '@contract/takeaway.schema';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { insertPerson } from '../../src/modules/auth/people.repository';
import { insertSession } from '../../src/modules/auth/sessions.repository';
import { newId, newToken, sha256Hex } from '../../src/lib/ids';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { TODAY, createItem, expectConsistent, itemInput, makePeople, placed } from './support';

jest.setTimeout(30_000);

let t: TestApp;
let canteen1: string;
let canteen2: string;
let item: TakeawayItem;

beforeAll(async () => {
  t = await createTestApp();
  [canteen1, canteen2] = (await Promise.all(['demo-canteen-01', 'demo-canteen-02'].map((id) => t.signIn(id)))).map(
    (s) => s.token,
  );
  item = await createItem(t, canteen1, itemInput({ name: '看板测试', priceFen: 600, stock: 500 }));
  await listen(t.app);
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

interface Board {
  ws: WebSocketClient;
  messages: BoardServerMessage[];
  /** The first message (already received or still to come) that matches; fails after `withinMs`. */
  until(match: (m: BoardServerMessage) => boolean, withinMs?: number): Promise<BoardServerMessage>;
  closed: Promise<number>;
  /** The close code and reason (the server puts the error code in the reason). */
  ended: Promise<{ code: number; reason: string }>;
}

/**
 * Opens a board socket on a listening `app` (a real TCP connection, so open and close handshakes
 * run as in production) and records what it receives from the first byte on.
 */
async function openBoard(app: FastifyInstance, path: string): Promise<Board> {
  const messages: BoardServerMessage[] = [];
  const listeners = new Set<() => void>();
  const ws = new WebSocketClient(`${baseUrlOf(app).replace('http', 'ws')}${path}`);
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()));
    for (const listener of listeners) listener();
  });
  const ended = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const closed = ended.then((e) => e.code);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    ended,
    until(match, withinMs = 1000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(
            new Error(
              `no matching board message within ${withinMs} ms; got ${JSON.stringify(messages.map((m) => m.type))}`,
            ),
          );
        }, withinMs);
        listeners.add(check);
        check();
      });
    },
  };
}

const baseUrls = new Map<FastifyInstance, string>();
const baseUrlOf = (app: FastifyInstance) => baseUrls.get(app) ?? '';
async function listen(app: FastifyInstance): Promise<void> {
  baseUrls.set(app, await app.listen({ host: '127.0.0.1', port: 0 }));
}

const ordersOf = (m: BoardServerMessage) => (m.type === 'orders' ? m.orders : []);

/** Someone with the 食堂 role, on canteen-1's staff, signed in with a session that lasts `ttlMs`. */
async function newCanteenWorker(ttlMs = 24 * 3600_000): Promise<{ id: string; token: string }> {
  const db = t.db.db;
  const id = `board-${newId().slice(0, 8)}`;
  const token = newToken();
  const now = t.clock.now();
  await insertPerson(db, { id, name: '临时师傅', unit: '第一食堂', roles: ['canteen'] }, now.toISOString());
  await db.insertInto('canteen_staff').values({ person_id: id, canteen_id: 'canteen-1' }).execute();
  await insertSession(db, {
    token_hash: sha256Hex(token),
    person_id: id,
    provider: 'dev',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttlMs).toISOString(),
  });
  return { id, token };
}

describe(`live board (${dialectUnderTest()})`, () => {
  it('signs in with ?token, sends the day’s board, then each new order within a second, then its pickup', async () => {
    const board = await openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${canteen1}`);
    const ready = await board.until((m) => m.type === 'ready');
    expect(ready).toMatchObject({ type: 'ready', board: { canteenId: 'canteen-1', date: TODAY } });

    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const started = Date.now();
    const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 2 }] });
    const pushed = await board.until((m) => ordersOf(m).some((o) => o.id === mine.id));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ordersOf(pushed).find((o) => o.id === mine.id)).toMatchObject({
      status: 'placed',
      pickupCode: mine.pickupCode,
      person: { id: person.id, name: '测试员0' },
      items: [{ itemId: item.id, quantity: 2 }],
    });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/canteens/canteen-1/pickups',
      headers: t.auth(canteen1),
      payload: { code: mine.pickupCode },
    });
    expect(res.statusCode).toBe(200);
    await board.until((m) => ordersOf(m).some((o) => o.id === mine.id && o.status === 'collected'));
    board.ws.close();
  });

  it('signs in with a first message instead, and the snapshot includes earlier orders', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const earlier = await placed(t, person.token, {
      canteenId: 'canteen-1',
      items: [{ itemId: item.id, quantity: 1 }],
    });
    const board = await openBoard(t.app, '/api/canteens/canteen-1/board/ws');
    board.ws.send(JSON.stringify({ type: 'auth', token: canteen1 }));
    const ready = await board.until((m) => m.type === 'ready');
    if (ready.type !== 'ready') throw new Error('not ready');
    expect(ready.board.orders.map((o) => o.id)).toContain(earlier.id);
    expect(ready.board.summary.prepList.find((p) => p.itemId === item.id)?.quantity).toBeGreaterThanOrEqual(1);
    board.ws.close();
  });

  it('pushes only this canteen’s orders of the watched day', async () => {
    const other = await createItem(t, canteen2, itemInput({ name: '二食堂看板' }), 'canteen-2');
    const board = await openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${canteen1}`);
    await board.until((m) => m.type === 'ready');
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const elsewhere = await placed(t, person.token, {
      canteenId: 'canteen-2',
      items: [{ itemId: other.id, quantity: 1 }],
    });
    const here = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    await board.until((m) => ordersOf(m).some((o) => o.id === here.id));
    expect(board.messages.flatMap(ordersOf).map((o) => o.id)).not.toContain(elsewhere.id);
    board.ws.close();
  });

  it('refuses anyone but that canteen’s staff, and a socket that never signs in', async () => {
    const staff = (await t.signIn('demo-staff-01')).token;
    const admin = (await t.signIn('demo-admin-02')).token;
    for (const [token, code, close] of [
      [staff, 'FORBIDDEN', 4403],
      [canteen2, 'NOT_CANTEEN_STAFF', 4403],
      [admin, 'FORBIDDEN', 4403],
      ['not-a-token', 'UNAUTHENTICATED', 4401],
    ] as const) {
      const board = await openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${token}`);
      const error = await board.until((m) => m.type === 'error');
      expect(error).toMatchObject({ type: 'error', error: { code } });
      expect(await board.closed).toBe(close);
    }
    const silent = await openBoard(t.app, '/api/canteens/canteen-1/board/ws');
    silent.ws.send('hello');
    expect(await silent.until((m) => m.type === 'error')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await silent.closed).toBe(4401);
  });

  it('a board whose session is revoked (logout) is closed at the next push and gets no further orders', async () => {
    const leaving = (await t.signIn('demo-canteen-01')).token;
    const gone = await openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${leaving}`);
    const stays = await openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${canteen1}`);
    await gone.until((m) => m.type === 'ready');
    await stays.until((m) => m.type === 'ready');

    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: t.auth(leaving) });
    expect(logout.statusCode).toBe(204);
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const first = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });

    // The push that would have carried the order ends the revoked board instead.
    await stays.until((m) => ordersOf(m).some((o) => o.id === first.id));
    expect(await gone.until((m) => m.type === 'error')).toMatchObject({
      type: 'error',
      error: { code: 'UNAUTHENTICATED', message: '请先登录' },
    });
    expect(await gone.ended).toEqual({ code: 4401, reason: 'UNAUTHENTICATED' });
    const second = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    await stays.until((m) => ordersOf(m).some((o) => o.id === second.id));
    expect(gone.messages.map((m) => m.type)).toEqual(['ready', 'error']);
    expect(gone.messages.flatMap(ordersOf)).toEqual([]);
    expect(stays.messages.filter((m) => m.type === 'error')).toEqual([]);
    stays.ws.close();
  });

  it('the idle re-check closes boards whose session expired, whose person lost the 食堂 role or left the canteen', async () => {
    const expiring = await newCanteenWorker(60_000);
    const demoted = await newCanteenWorker();
    const moved = await newCanteenWorker();
    const boards = await Promise.all(
      [expiring, demoted, moved, { token: canteen1 }].map((w) =>
        openBoard(t.app, `/api/canteens/canteen-1/board/ws?token=${w.token}`),
      ),
    );
    await Promise.all(boards.map((b) => b.until((m) => m.type === 'ready')));
    const [expired, roleless, elsewhere, valid] = boards;

    // An admin takes `moved` off canteen-1's staff; `demoted` loses the 食堂 role; a minute passes
    // (past the expiring session's end, and past the per-instance session memo).
    const admin = (await t.signIn('demo-admin-01')).token;
    const staff = (
      await t.app.inject({ method: 'GET', url: '/api/canteens/canteen-1/staff', headers: t.auth(admin) })
    ).json() as { people: { id: string }[] };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-1/staff',
      headers: t.auth(admin),
      payload: { personIds: staff.people.map((p) => p.id).filter((id) => id !== moved.id) },
    });
    expect(put.statusCode).toBe(200);
    await t.db.db.deleteFrom('person_roles').where('person_id', '=', demoted.id).execute();
    t.clock.advance(61_000);

    await t.app.services.board.recheck();
    expect(await expired.until((m) => m.type === 'error')).toMatchObject({ error: { code: 'TOKEN_EXPIRED' } });
    expect(await roleless.until((m) => m.type === 'error')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await elsewhere.until((m) => m.type === 'error')).toMatchObject({ error: { code: 'NOT_CANTEEN_STAFF' } });
    expect(await expired.ended).toEqual({ code: 4401, reason: 'TOKEN_EXPIRED' });
    expect(await roleless.ended).toEqual({ code: 4403, reason: 'FORBIDDEN' });
    expect(await elsewhere.ended).toEqual({ code: 4403, reason: 'NOT_CANTEEN_STAFF' });

    // The board whose session is fine was left alone and still gets orders; the closed ones got none.
    const [person] = await makePeople(t, 1, { balanceFen: 5000 });
    const later = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    await valid.until((m) => ordersOf(m).some((o) => o.id === later.id));
    expect(valid.messages.filter((m) => m.type === 'error')).toEqual([]);
    for (const board of [expired, roleless, elsewhere])
      expect(board.messages.map((m) => m.type)).toEqual(['ready', 'error']);
    valid.ws.close();
  });

  it('is documented in the OpenAPI document; plain HTTP is told to upgrade', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/canteens/{canteenId}/board/ws']).toBeDefined();
    const plain = await t.app.inject({ method: 'GET', url: '/api/canteens/canteen-1/board/ws' });
    expect(plain.statusCode).toBe(426);
  });

  it('a board that closes stops being watched', async () => {
    // Boards of the tests above close asynchronously: wait (bounded) until the server let them all go.
    for (let i = 0; i < 100 && t.app.services.board.watching('canteen-1') > 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    const before = t.app.services.board.watching('canteen-1');
    expect(before).toBe(0);
    const board = await openBoard(t.app, '/api/canteens/canteen-1/board/ws');
    board.ws.send(JSON.stringify({ type: 'auth', token: canteen1 }));
    await board.until((m) => m.type === 'ready');
    expect(t.app.services.board.watching('canteen-1')).toBe(before + 1);
    board.ws.close();
    await board.closed;
    for (let i = 0; i < 100 && t.app.services.board.watching('canteen-1') > before; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(t.app.services.board.watching('canteen-1')).toBe(before);
  });

  // Several BFF instances share one PostgreSQL: an order placed through one reaches a board
  // connected to another through LISTEN/NOTIFY. The embedded SQLite default is one process.
  // Registered only on the PostgreSQL pass (npm test runs both dialects).
  const itOnPostgres = dialectUnderTest() === 'postgres' ? it : () => undefined;
  itOnPostgres('fans out across instances through LISTEN/NOTIFY', async () => {
    const config = loadConfig({ AUTH_PROVIDERS: 'dev', H5_DIR: '/nonexistent', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
    const second = await buildApp({ config, db: t.db, clock: t.clock, logger: false });
    await listen(second);
    try {
      const board = await openBoard(second, `/api/canteens/canteen-1/board/ws?token=${canteen1}`);
      await board.until((m) => m.type === 'ready');
      const [person] = await makePeople(t, 1, { balanceFen: 5000 });
      const started = Date.now();
      const mine = await placed(t, person.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
      await board.until((m) => ordersOf(m).some((o) => o.id === mine.id));
      expect(Date.now() - started).toBeLessThan(1000);
      board.ws.close();
    } finally {
      await second.close();
    }
  });
});
