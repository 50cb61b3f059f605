import { sql } from 'kysely';
import WebSocketClient from 'ws';
import type { FastifyInstance } from 'fastify';
import type { BoardServerMessage, CanteenBoard, Order, TakeawayItem } from '@contract/takeaway.schema';
import type { MealCardTransaction } from '@contract/meal-card.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { growBoardDay, growHistory } from '../support/history-data';
import { TODAY, createItem, errorCode, itemInput, makePeople, placed } from './support';

// Cost as history grows (issue 15): lists page by cursor through an index in their own order,
// the board answers what the canteen needs now, and close of day runs in short batches.

jest.setTimeout(60_000);

let t: TestApp;
let cook: string;
let item: TakeawayItem;
const dialect = dialectUnderTest();

beforeAll(async () => {
  t = await createTestApp();
  cook = (await t.signIn('demo-canteen-01')).token;
  item = await createItem(t, cook, itemInput({ name: '翻页套餐', priceFen: 100, stock: 5000 }));
});
afterAll(async () => {
  await t.close();
});

const get = (token: string, url: string) => t.app.inject({ method: 'GET', url, headers: t.auth(token) });

/** Every page of a list, reading with `limit`, calling `between` after each page (rows arriving). */
async function pageThrough<T>(
  token: string,
  url: string,
  limit: number,
  between: () => Promise<void>,
  from: string | null = null,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  for (let cursor: string | null = from; ; ) {
    const res = await get(
      token,
      `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.statusCode).toBe(200);
    const page = res.json() as { items: T[]; nextCursor: string | null };
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    pages++;
    if (page.nextCursor === null) return { items, pages };
    cursor = page.nextCursor;
    await between();
  }
}

describe(`my orders and my card's ledger page by cursor (${dialect})`, () => {
  it('paging while new orders arrive returns every order exactly once, newest first', async () => {
    const [buyer] = await makePeople(t, 1, { balanceFen: 100_000 });
    const order = () => placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const before: Order[] = [];
    for (let i = 0; i < 23; i++) {
      // Some in the same instant: the id breaks the tie.
      if (i % 3 === 0) t.clock.advance(1000);
      before.push(await order());
    }
    const arrived: string[] = [];
    const { items, pages } = await pageThrough<Order>(buyer.token, '/api/orders', 5, async () => {
      t.clock.advance(1000);
      arrived.push((await order()).id);
    });
    expect(pages).toBe(5);
    const newestFirst = [...before].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : Date.parse(b.createdAt) - Date.parse(a.createdAt),
    );
    expect(items.map((o) => o.id)).toEqual(newestFirst.map((o) => o.id));
    // Those that arrived meanwhile are on a first page read now.
    const first = (await get(buyer.token, '/api/orders?limit=4')).json();
    expect(first.items.map((o: Order) => o.id)).toEqual([...arrived].reverse());
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it('paging the ledger while payments arrive returns every row exactly once, newest first', async () => {
    const [buyer] = await makePeople(t, 1, { balanceFen: 100_000 });
    for (let i = 0; i < 11; i++)
      await placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const all = (await get(buyer.token, '/api/meal-card/transactions?limit=100')).json();
    expect(all.items).toHaveLength(12); // the top-up and 11 payments
    expect(all.nextCursor).toBeNull();
    const card = (await get(buyer.token, '/api/meal-card?limit=5')).json();
    expect(card.transactions.map((x: MealCardTransaction) => x.id)).toEqual(
      all.items.slice(0, 5).map((x: MealCardTransaction) => x.id),
    );
    const rest = await pageThrough<MealCardTransaction>(
      buyer.token,
      '/api/meal-card/transactions',
      3,
      async () => {
        await placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
      },
      card.nextCursor,
    );
    expect(rest.items.map((x) => x.id)).toEqual(all.items.slice(5).map((x: MealCardTransaction) => x.id));
    expect(all.items.at(-1).kind).toBe('topup');
  });

  it('refuses a forged cursor, another list’s and another person’s with CURSOR_INVALID', async () => {
    const [a, b] = await makePeople(t, 2, { balanceFen: 10_000 });
    for (const p of [a, b])
      for (let i = 0; i < 3; i++)
        await placed(t, p.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const ordersCursor = (await get(a.token, '/api/orders?limit=1')).json().nextCursor;
    const ledgerCursor = (await get(a.token, '/api/meal-card/transactions?limit=1')).json().nextCursor;
    const boardCursor = (await get(cook, `/api/canteens/canteen-1/board/orders?status=placed&limit=1`)).json()
      .nextCursor;
    const forged = Buffer.from(JSON.stringify(['o/someone', '2026-11-21T02:00:00.000Z', 'x'])).toString('base64url');
    for (const [token, url] of [
      [a.token, '/api/orders?cursor=bm90LWpzb24'],
      [a.token, `/api/orders?cursor=${forged}`],
      [b.token, `/api/orders?cursor=${ordersCursor}`],
      [a.token, `/api/orders?cursor=${ledgerCursor}`],
      [a.token, `/api/meal-card/transactions?cursor=${ordersCursor}`],
      [a.token, '/api/meal-card/transactions?cursor=WyJsZWRnZXIiLC0xXQ'],
      [cook, `/api/canteens/canteen-1/board/orders?status=collected&cursor=${boardCursor}`],
      [cook, `/api/canteens/canteen-1/board/orders?status=placed&cursor=${ordersCursor}`],
    ] as const) {
      const res = await get(token, url);
      expect({ url, status: res.statusCode, code: errorCode(res) }).toEqual({
        url,
        status: 400,
        code: 'CURSOR_INVALID',
      });
    }
    expect((await get(b.token, `/api/orders?cursor=${ordersCursor.replace(/.$/, '')}`)).statusCode).toBe(400);
  });
});

/** The plan's text: SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN with scans of whole tables priced out. */
async function planOf(query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const db = t.db.db;
  if (dialect === 'sqlite') {
    const rows = await sql<{ detail: string }>`explain query plan ${sql.raw(inline(query))}`.execute(db);
    return rows.rows.map((r) => r.detail).join('\n');
  }
  return db.connection().execute(async (conn) => {
    // A test database is tiny, so a sequential scan would win on cost: price it out to see whether
    // an index can serve the query in its order at all (the year's bench shows it does).
    await sql`set enable_seqscan = off`.execute(conn);
    await sql`set enable_bitmapscan = off`.execute(conn);
    try {
      const rows = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(inline(query))}`.execute(conn);
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
      await sql`reset enable_bitmapscan`.execute(conn);
    }
  });
}

/** Binds parameters as literals (EXPLAIN of a statement with placeholders needs them). */
function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  let i = 0;
  return dialect === 'sqlite'
    ? query.sql.replace(/\?/g, () => literal(query.parameters[i++]))
    : query.sql.replace(/\$(\d+)/g, (_, n: string) => literal(query.parameters[Number(n) - 1]));
}

describe(`every list is served by an index in its own order (${dialect})`, () => {
  it('my orders, the ledger, the board’s pages and housekeeping’s open days: no sort, no scan of the table', async () => {
    const db = t.db.db;
    const at = { createdAt: '2026-11-21T02:00:00.000Z', id: '0193' };
    const queries = {
      myOrders: db
        .selectFrom('takeaway_orders')
        .selectAll()
        .where('person_id', '=', 'p')
        .where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(at.createdAt, at.id)))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(21),
      ledger: db
        .selectFrom('meal_card_ledger')
        .selectAll()
        .where('person_id', '=', 'p')
        .where('seq', '<', 100)
        .orderBy('seq', 'desc')
        .limit(21),
      board: db
        .selectFrom('takeaway_orders')
        .selectAll()
        .where('canteen_id', '=', 'canteen-1')
        .where('date', '=', TODAY)
        .where('status', '=', 'collected')
        .where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(at.createdAt, at.id)))
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(21),
      openDays: db
        .selectFrom('takeaway_orders')
        .select(['canteen_id', 'date'])
        .where(sql<boolean>`status = 'placed'`)
        .where('date', '<', TODAY)
        .groupBy(['date', 'canteen_id']),
    };
    const index = {
      myOrders: 'takeaway_orders_person_idx',
      ledger: 'meal_card_ledger_seq_uq',
      board: 'takeaway_orders_board_idx',
      openDays: 'takeaway_orders_placed_idx',
    };
    for (const [name, query] of Object.entries(queries)) {
      const plan = await planOf(query.compile());
      expect({ name, plan }).toEqual({ name, plan: expect.stringContaining(index[name as keyof typeof index]) });
      expect({ name, plan }).not.toEqual({
        name,
        plan: expect.stringMatching(/TEMP B-TREE FOR ORDER BY|Sort\b|Seq Scan/),
      });
    }
  });
});

describe(`the board on the busiest day (${dialect})`, () => {
  const DAY = '2026-11-23';
  let board: CanteenBoard;

  beforeAll(async () => {
    await growHistory(t.db.db, dialect, { people: 300, days: 2, perDay: 20, today: TODAY });
    await growBoardDay(t.db.db, dialect, { date: DAY, orders: 5000, people: 300 });
    const res = await get(cook, `/api/canteens/canteen-1/orders?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    board = res.json();
  });

  it('answers what the canteen needs now: the summary from the database and one page of orders to hand out', async () => {
    // 5,000 orders: 1 in 20 cancelled, 4 in 20 collected, the rest (3,750) still to hand out.
    expect(board.summary.counts).toEqual({ placed: 3750, collected: 1000, cancelled: 250, expired: 0 });
    expect(board.summary.slots).toHaveLength(6);
    expect(board.summary.slots.every((s) => s.slotted)).toBe(true);
    expect(board.summary.slots.reduce((n, s) => n + s.counts.placed, 0)).toBe(3750);
    const handOut = board.summary.slots.flatMap((s) => s.toHandOut).reduce((n, l) => n + l.quantity, 0);
    const prep = board.summary.prepList.find((l) => l.name === '高峰套餐');
    // Quantities are 1 and 2 by turns: in each 20 orders, 23 portions to hand out and 5 handed out.
    expect(prep).toEqual({ itemId: `hb-canteen-1-${DAY}`, name: '高峰套餐', quantity: 7000, collected: 1250 });
    expect(handOut).toBe(5750);
    expect(board.orders).toHaveLength(50);
    expect(board.orders.every((o) => o.status === 'placed')).toBe(true);
    expect(board.nextCursor).toEqual(expect.any(String));
    expect(JSON.stringify(board).length).toBeLessThan(200_000);
  });

  it('pages collected and cancelled orders on demand, each exactly once, newest first', async () => {
    const { items } = await pageThrough<{ id: string; status: string; createdAt: string }>(
      cook,
      `/api/canteens/canteen-1/board/orders?date=${DAY}&status=cancelled`,
      100,
      async () => undefined,
    );
    expect(items).toHaveLength(250);
    expect(new Set(items.map((o) => o.id)).size).toBe(250);
    expect(items.every((o) => o.status === 'cancelled')).toBe(true);
    const times = items.map((o) => Date.parse(o.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const stranger = (await t.signIn('demo-staff-01')).token;
    expect((await get(stranger, `/api/canteens/canteen-1/board/orders?date=${DAY}&status=placed`)).statusCode).toBe(
      403,
    );
  });

  it('the socket sends that board first, then only the new order, then the summary summed again', async () => {
    const dayItem = await createItem(
      t,
      cook,
      itemInput({
        date: DAY,
        name: '高峰加餐',
        pickupStartsAt: `${DAY}T11:00:00.000+08:00`,
        pickupEndsAt: `${DAY}T14:00:00.000+08:00`,
      }),
    );
    await listen(t.app);
    const ws = new WebSocketClient(
      `${baseUrlOf(t.app).replace('http', 'ws')}/api/canteens/canteen-1/board/ws?date=${DAY}&token=${cook}`,
    );
    const raw: string[] = [];
    const arrived = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${raw.length} messages: ${raw.map((m) => m.slice(0, 80)).join(' | ')}`)),
          5000,
        );
        const check = () => {
          if (raw.length < n) return;
          clearTimeout(timer);
          resolve();
        };
        ws.on('message', check);
        check();
      });
    ws.on('message', (data) => raw.push(data.toString()));
    await arrived(1);
    const ready = JSON.parse(raw[0]) as BoardServerMessage;
    expect(ready.type).toBe('ready');
    expect(raw[0].length).toBeLessThan(200_000);
    if (ready.type === 'ready') expect(ready.board.summary.counts.placed).toBe(3750);

    const [buyer] = await makePeople(t, 1, { balanceFen: 10_000 });
    const mine = await placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: dayItem.id, quantity: 1 }] });
    await arrived(3);
    const [pushed, summary] = raw.slice(1, 3).map((m) => JSON.parse(m) as BoardServerMessage);
    expect(pushed).toMatchObject({ type: 'orders', orders: [{ id: mine.id, status: 'placed' }] });
    if (pushed.type === 'orders') expect(pushed.orders).toHaveLength(1);
    expect(summary).toMatchObject({ type: 'summary', summary: { counts: { placed: 3751 } } });
    ws.close();
  });
});

describe(`housekeeping never stalls (${dialect})`, () => {
  it('closes a day of many open orders in short batches, letting the event loop run between them', async () => {
    const yesterday = '2026-11-20';
    await growBoardDay(t.db.db, dialect, { date: yesterday, orders: 400, people: 300 });
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const results = await t.app.services.orders.closeOverdueDays();
    running = false;
    const closed = results.find((r) => r.date === yesterday);
    expect(closed?.expired).toBe(300);
    // 300 orders in batches of 50: the loop turned between them (one transaction would not let it).
    expect(turns).toBeGreaterThanOrEqual(5);
    const left = await t.db.db
      .selectFrom('takeaway_orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('date', '=', yesterday)
      .where('status', '=', 'placed')
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect(await t.app.services.orders.closeOverdueDays()).toEqual([]);
  });
});

async function listen(app: FastifyInstance): Promise<void> {
  if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
}

function baseUrlOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}
