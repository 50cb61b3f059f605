// Parking, "booking opens" (issue 16): 2,000 signed-in people book one lot of 500 spaces for the same
// day at once — POST /api/parking/bookings, each with its own Idempotency-Key: session lookup, the
// person and plate locks, the conditional increment of every half hour of the window, the booking row
// and its whitelist change with the outbox row. A burst, not a steady load, so this scenario fires it
// itself (all 2,000 requests at once) and prints attempts/s, bookings/s, p50/p99 and the ratio to bare
// Fastify; the harness then measures GET availability (what people reload while it opens).
// Target: ≥ 5% of bare Fastify (SQLite), p99 < 100 ms.
//
// 2,000 people do not exist in the demo: they are written into the BFF's database (SQLite file or
// PostgreSQL) with a session each, as the sign-in would.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const PEOPLE = 2000;
const SPACES = 500;
const WARM_UP_PEOPLE = 400;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const require = createRequire(import.meta.url);

async function call(baseUrl, token, method, path, body, headers = {}) {
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

/** Writes `count` staff members with a session each; answers their tokens. */
async function makePeople(database, count, prefix) {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
  const people = Array.from({ length: count }, (_, i) => {
    const token = randomBytes(32).toString('base64url');
    return {
      id: `${prefix}-${String(i).padStart(4, '0')}`,
      token,
      hash: createHash('sha256').update(token).digest('hex'),
      name: `压测员${i}`,
    };
  });
  if (database.url) {
    const pg = require('pg');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('begin');
    for (const p of people) {
      await client.query(
        `insert into people (id, campus_id, name, unit, is_demo, disabled, created_at) values ($1, null, $2, '压测单位', 0, 0, $3)`,
        [p.id, p.name, now],
      );
      await client.query(`insert into person_roles (person_id, role) values ($1, 'staff')`, [p.id]);
      await client.query(
        `insert into sessions (token_hash, person_id, provider, created_at, expires_at) values ($1, $2, 'dev', $3, $4)`,
        [p.hash, p.id, now, expires],
      );
    }
    await client.query('commit');
    await client.end();
  } else {
    const Database = require('better-sqlite3');
    const db = new Database(database.sqliteFile);
    db.pragma('busy_timeout = 10000');
    const person = db.prepare(
      `insert into people (id, campus_id, name, unit, is_demo, disabled, created_at) values (?, null, ?, '压测单位', 0, 0, ?)`,
    );
    const role = db.prepare(`insert into person_roles (person_id, role) values (?, 'staff')`);
    const session = db.prepare(
      `insert into sessions (token_hash, person_id, provider, created_at, expires_at) values (?, ?, 'dev', ?, ?)`,
    );
    db.transaction(() => {
      for (const p of people) {
        person.run(p.id, p.name, now);
        role.run(p.id);
        session.run(p.hash, p.id, now, expires);
      }
    })();
    db.close();
  }
  return people;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const tomorrow = () => new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);

/** `people` book one lot for tomorrow 08:00–18:00 at once, through CONNECTIONS connections. */
async function burst(baseUrl, lot, people, plateOffset = 0) {
  // Everyone at once, through 50 connections as the other scenarios (a browser per person would
  // queue the same way behind the server): each connection takes the next person until all have tried.
  const date = tomorrow();
  const answers = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < people.length) {
        const i = next++;
        answers.push(
          await call(
            baseUrl,
            people[i].token,
            'POST',
            '/api/parking/bookings',
            {
              lotId: lot.id,
              date,
              startsAt: '08:00',
              endsAt: '18:00',
              plate: `浙A${String(plateOffset + i).padStart(5, '0')}`,
            },
            { 'idempotency-key': `bench-${lot.id}-${i}` },
          ),
        );
      }
    }),
  );
  return { answers, seconds: (performance.now() - started) / 1000, date };
}

async function createLot(baseUrl, token, name, capacity) {
  const created = await call(baseUrl, token, 'POST', '/api/parking/lots', {
    name,
    capacity,
    openTime: '00:00',
    closeTime: '24:00',
    workdaysOnly: false,
  });
  if (created.status !== 201) throw new Error(`parking-booking: lot ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.lot;
}

export default {
  name: 'parking-booking',
  title: 'GET parking availability (after opening)',
  async prepare({ baseUrl, signIn, database, bareRps }) {
    const admin = await signIn('admin');
    const prefix = `bench-${Date.now().toString(36)}`;
    // The server at opening time has been booking all day (other lots, other days): a smaller
    // opening on another lot first, unmeasured, so the measured one does not pay the first calls' compilation.
    const earlier = await makePeople(database, WARM_UP_PEOPLE, `${prefix}-w`);
    await burst(baseUrl, await createLot(baseUrl, admin.token, '压测预热停车场', WARM_UP_PEOPLE / 4), earlier, 50_000);

    const lot = await createLot(baseUrl, admin.token, '压测停车场', SPACES);
    const people = await makePeople(database, PEOPLE, prefix);
    const { answers, seconds, date } = await burst(baseUrl, lot, people);
    const counts = {};
    for (const a of answers) {
      const key = a.status === 201 ? a.body.booking.status : (a.body?.error?.code ?? String(a.status));
      counts[key] = (counts[key] ?? 0) + 1;
    }
    const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
    const attemptsPerSecond = PEOPLE / seconds;
    console.log(
      `parking: booking opens — ${PEOPLE} people at once (${CONNECTIONS} connections) for ${SPACES} spaces in ${seconds.toFixed(2)} s: ` +
        `${JSON.stringify(counts)}; ${attemptsPerSecond.toFixed(0)} attempts/s, ` +
        `${((counts.booked ?? 0) / seconds).toFixed(0)} bookings/s, p50 ${quantile(ms, 0.5).toFixed(1)} ms, ` +
        `p99 ${quantile(ms, 0.99).toFixed(1)} ms, ${Math.round((attemptsPerSecond / bareRps) * 100)}% of bare ` +
        `(target ≥ 5%, p99 < 100 ms)`,
    );
    return {
      method: 'GET',
      path: `/api/parking/lots/${lot.id}/availability?date=${date}`,
      headers: { authorization: `Bearer ${people[0].token}` },
    };
  },
};
