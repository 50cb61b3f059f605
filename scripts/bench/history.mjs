// `npm run bench -- history` (issue 15): every list endpoint and the lunch rush on a database of
// 8,001 people with 5 days of history ("before": every list has its full first page), then again after the database has grown by a year
// ("after": 1 M orders, 1.5 M lines, ~1.15 M ledger rows, ~1.1 M messages, today's board of 5,000
// orders), on SQLite or, with BENCH_DATABASE_URL, PostgreSQL (there also the rush on two BFF
// instances beside one). Prints figures beside the issue's targets; asserts nothing.
//
// The rush: 2,000 distinct buyers (sessions hist-1 … hist-2000, cards with ample balance), three
// items, requests interleaved across connections (load-worker.mjs `interleave`). Housekeeping runs
// every HOUSEKEEPING_MS (3 s) meanwhile, and the BFF's event-loop delay (monitorEventLoopDelay,
// loop-delay.mjs) over the rush is printed. The board: GET …/orders of canteen-2's 5,000 orders today under
// load, and the size of a socket's first message.
//
// Environment: BENCH_SECONDS (8), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (20),
// BENCH_DATABASE_URL, HISTORY_DAYS (250) × HISTORY_PER_DAY (4000) orders.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { putRushItemsOnSale } from './lunch-rush.scenario.mjs';
import { repoRoot, signInAs, startBff, stopServer, tempDir } from './servers.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 8);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS || 20);
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function grow(phase, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'scripts/bench/grow-history.ts'), phase],
      {
        cwd: repoRoot,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`grow ${phase}: code ${code}`)),
    );
  });
}

async function call(baseUrl, token, method, url, body) {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** The lunch-rush scenario's three items, on sale now in canteen-1. */
async function rushItems(baseUrl) {
  const canteen = await signInAs(baseUrl, 'canteen');
  return { items: await putRushItemsOnSale(baseUrl, canteen.token) };
}

const orderRequest = (token, item) => ({
  method: 'POST',
  path: '/api/orders',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': '[<id>]' },
  body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] }),
});

function rushRequest(items, buyers) {
  const tokens = buyers.map((n) => `hist-${n}`);
  return {
    ...orderRequest(tokens[0], items[0]),
    idReplacement: true,
    interleave: tokens.flatMap((token, i) => items.map((_, j) => orderRequest(token, items[(i + j) % items.length]))),
  };
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** The size of the board socket's first message (bytes), and how long it took to arrive. */
function firstSocketMessage(baseUrl, token) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const ws = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/canteens/canteen-2/board/ws?token=${token}`);
    ws.once('message', (data) => {
      resolve({ bytes: Buffer.byteLength(data), ms: Date.now() - started });
      ws.close();
    });
    ws.once('error', reject);
  });
}

export async function runHistory({ load, probe, measure: _unused, stopAllOnSignals, loadWorkers }) {
  stopAllOnSignals(async () => {
    for (const worker of loadWorkers) worker.kill('SIGTERM');
  });
  const dir = tempDir('shuzhi-history-');
  const loopFile = path.join(dir, 'loop-delay.json');
  const dbEnv = databaseUrl ? { DATABASE_URL: databaseUrl } : { SQLITE_FILE: path.join(dir, 'app.sqlite') };
  const bffEnv = { ...dbEnv, HOUSEKEEPING_MS: '3000', LOOP_DELAY_FILE: loopFile };
  process.env.BENCH_BFF_NODE_ARGS = `--import ${path.join(repoRoot, 'scripts/bench/loop-delay.mjs')}`;
  const label = databaseUrl ? 'PostgreSQL' : 'SQLite';
  console.log(`history bench on ${label}: ${connections} connections, ${seconds} s per run (+${warmup} s warm-up)`);

  const run = async (baseUrl, request, conns = connections) => {
    const { path: p = '/', ...rest } = request;
    const options = { url: `${baseUrl}${p}`, connections: conns, pipelining: 1, ...rest };
    if (warmup > 0) await load({ ...options, duration: warmup });
    const r = await load({ ...options, duration: seconds });
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      bad: r.non2xx + r.errors + r.timeouts,
      total: r.requests.total,
    };
  };

  // The schema and the demo campus, then 8,001 people with cards and sessions.
  let bff = await startBff({ databaseUrl, env: bffEnv, quiet: true });
  await stopServer(bff);
  const people = await grow('people', dbEnv);
  console.log('grown:', JSON.stringify(people));

  const lists = (admin) => [
    [
      'GET /api/orders (h-00000)',
      { method: 'GET', path: '/api/orders?limit=20', headers: { authorization: 'Bearer hist-0' } },
    ],
    ['GET /api/orders page 50', null],
    [
      'GET /api/meal-card',
      { method: 'GET', path: '/api/meal-card?limit=20', headers: { authorization: 'Bearer hist-0' } },
    ],
    [
      'GET /api/meal-card/transactions',
      { method: 'GET', path: '/api/meal-card/transactions?limit=20', headers: { authorization: 'Bearer hist-0' } },
    ],
    ['GET /api/messages', { method: 'GET', path: '/api/messages', headers: { authorization: 'Bearer hist-0' } }],
    [
      'GET /api/people (admin)',
      { method: 'GET', path: '/api/people?pageSize=20', headers: { authorization: `Bearer ${admin}` } },
    ],
  ];

  const results = { rowsBefore: people.rows };
  for (const phase of ['before', 'after']) {
    if (phase === 'after') {
      const grown = await grow('year', dbEnv);
      console.log('grown:', JSON.stringify(grown));
      results.migration = grown.migration0015Seconds;
      results.rows = grown.rows;
    }
    bff = await startBff({ databaseUrl, env: { ...bffEnv, SEED_DEMO: 'false' }, quiet: true });
    const admin = (await signInAs(bff.baseUrl, 'admin')).token;
    const out = (results[phase] = {});
    for (const [name, request] of lists(admin)) {
      let r = request;
      if (name === 'GET /api/orders page 50') {
        // A deep page: the cursor after 49 pages of 20 (the person's 981st order on).
        let cursor = null;
        for (let i = 0; i < 49; i++) {
          const page = await call(
            bff.baseUrl,
            'hist-0',
            'GET',
            `/api/orders?limit=20${cursor ? `&cursor=${cursor}` : ''}`,
          );
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        if (!cursor) continue;
        r = {
          method: 'GET',
          path: `/api/orders?limit=20&cursor=${cursor}`,
          headers: { authorization: 'Bearer hist-0' },
        };
      }
      const status = await probe(bff.baseUrl, r);
      if (status !== 200) {
        out[name] = { skipped: status };
        continue;
      }
      out[name] = await run(bff.baseUrl, r);
    }
    const { items } = await rushItems(bff.baseUrl);
    process.kill(bff.child.pid, 'SIGUSR2'); // starts the loop-delay histogram over
    out.rush = await run(bff.baseUrl, rushRequest(items, range(1, 2000)), 50);
    process.kill(bff.child.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 200));
    out.loop = JSON.parse(fs.readFileSync(loopFile, 'utf8'));
    if (phase === 'after') {
      const cook2 = (await call(bff.baseUrl, undefined, 'POST', '/api/auth/dev', { userId: 'demo-canteen-02' })).token;
      out.board = await run(bff.baseUrl, {
        method: 'GET',
        path: `/api/canteens/canteen-2/orders?date=${shanghaiToday()}`,
        headers: { authorization: `Bearer ${cook2}` },
      });
      out.boardBytes = Buffer.byteLength(
        JSON.stringify(await call(bff.baseUrl, cook2, 'GET', `/api/canteens/canteen-2/orders?date=${shanghaiToday()}`)),
      );
      out.socket = await firstSocketMessage(bff.baseUrl, cook2);
      if (databaseUrl) {
        // Two instances on the same database, each driven by half the connections and buyers.
        const second = await startBff({ databaseUrl, env: { ...bffEnv, SEED_DEMO: 'false' }, quiet: true });
        const halves = await Promise.all([
          run(bff.baseUrl, rushRequest(items, range(1, 1000)), 25),
          run(second.baseUrl, rushRequest(items, range(1001, 2000)), 25),
        ]);
        out.rush2 = {
          rps: halves[0].rps + halves[1].rps,
          p50: Math.max(halves[0].p50, halves[1].p50),
          p99: Math.max(halves[0].p99, halves[1].p99),
          bad: halves[0].bad + halves[1].bad,
        };
        await stopServer(second);
      }
    }
    await stopServer(bff);
  }
  print(results, label);
}

function print(results, label) {
  const f = (m) => (m?.rps === undefined ? '-' : `${Math.round(m.rps).toLocaleString('en-US')} · ${m.p50} · ${m.p99}`);
  const { before, after } = results;
  console.log('');
  console.log(`${label}: req/s · p50 ms · p99 ms, before (5 days of history) → after (a year)`);
  console.log(
    `rows grown before: ${JSON.stringify(results.rowsBefore)}; then: ${JSON.stringify(results.rows)}; migration 0015 on them: ${results.migration} s`,
  );
  console.log(['endpoint'.padEnd(36), 'before'.padEnd(22), 'after'.padEnd(22), 'kept', 'target'].join('  '));
  for (const name of Object.keys(after).filter((k) => k.startsWith('GET'))) {
    const b = before[name];
    const a = after[name];
    // A deep page exists only after the year (before, nobody has 50 pages): its p99 alone is judged.
    const kept = b?.rps ? a.rps / b.rps : undefined;
    const ok = (kept === undefined || kept >= 0.7) && a.p99 < 50;
    console.log(
      [
        name.padEnd(36),
        f(b).padEnd(22),
        f(a).padEnd(22),
        (kept === undefined ? '-' : `${Math.round(kept * 100)}%`).padStart(4),
        `${kept === undefined ? '' : '≥70%, '}p99<50: ${ok ? 'met' : 'missed'}`,
      ].join('  '),
    );
    if (a.bad) console.log(`${''.padEnd(36)}  warning: ${a.bad} non-2xx/errors`);
  }
  const kept = after.rush.rps / before.rush.rps;
  console.log(
    [
      'POST /api/orders (rush, 2,000 buyers)'.padEnd(36),
      f(before.rush).padEnd(22),
      f(after.rush).padEnd(22),
      `${Math.round(kept * 100)}%`.padStart(4),
      `≥90%: ${kept >= 0.9 ? 'met' : 'missed'}`,
    ].join('  '),
  );
  if (after.rush2)
    console.log(['  … two BFF instances'.padEnd(36), ''.padEnd(22), f(after.rush2).padEnd(22)].join('  '));
  console.log(
    `event-loop delay in the rush (housekeeping every 3 s): before max ${before.loop.max} ms (p99 ${before.loop.p99}); after max ${after.loop.max} ms (p99 ${after.loop.p99}); target max < 50: ${after.loop.max < 50 ? 'met' : 'missed'}`,
  );
  console.log(
    `board, 5,000 orders today: GET …/orders ${f(after.board)} (p99 < 50: ${after.board.p99 < 50 ? 'met' : 'missed'}), ${after.boardBytes.toLocaleString('en-US')} bytes; first socket message ${after.socket.bytes.toLocaleString('en-US')} bytes in ${after.socket.ms} ms (< 200 KB: ${after.socket.bytes < 200_000 ? 'met' : 'missed'})`,
  );
}
