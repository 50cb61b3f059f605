// Run by repairs-sla.scenario.mjs as `node --import tsx scripts/bench/repairs-sla-tick.mjs`: the
// repairs SLA timer on a database of its own (a fresh SQLite file, or a fresh database on the
// PostgreSQL server of BENCH_DATABASE_URL) holding 100,000 open tickets. Prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../bff/src/app.ts';
import { loadConfig } from '../../bff/src/config.ts';
import { openDatabase } from '../../bff/src/db/database.ts';
import { migrateToLatest } from '../../bff/src/db/migrate.ts';
import { NO_PROGRESS } from '../../bff/src/modules/repairs/repairs.repository.ts';

const OPEN_TICKETS = 100_000;
const BATCH = 500;
const serverUrl = process.env.BENCH_DATABASE_URL || '';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sla-'));

let dbName;
let databaseUrl;
if (serverUrl) {
  dbName = `bench_sla_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
}

const database = openDatabase({ databaseUrl, sqliteFile: path.join(dir, 'sla.sqlite'), poolSize: 4 });
let now = Date.parse('2026-12-07T02:00:00.000Z');
const clock = { now: () => new Date(now) };
try {
  await migrateToLatest(database.db);
  const config = loadConfig({
    AUTH_PROVIDERS: 'dev',
    H5_DIR: '/nonexistent',
    UPLOADS_DIR: path.join(dir, 'uploads'),
    LOG_LEVEL: 'warn',
  });
  const app = await buildApp({ config, db: database, clock, logger: false });
  await app.seedDemo();
  const db = database.db;

  // 100,000 open tickets whose deadlines lie ahead (spread over the next days), as a busy campus
  // would hold only in a pathological backlog; the timer must not read them to find the due few.
  const iso = (ms) => new Date(ms).toISOString();
  const row = (i, dueMs) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    number: `BXBENCH${i}`,
    requester_id: 'demo-staff-01',
    idempotency_key: `bench-${i}`,
    category_id: 'rc-plumbing',
    building_id: null,
    room_id: null,
    location_text: '压测',
    description: '压测工单',
    photo_ids: '[]',
    urgent: 0,
    status: 'assigned',
    assignee_id: 'demo-repairer-01',
    version: 0,
    created_at: iso(now - 60_000),
    accept_due: iso(dueMs),
    arrive_due: iso(dueMs + 600_000),
    finish_due: iso(dueMs + 4 * 3600_000),
    due_at: iso(dueMs),
    check_at: iso(dueMs),
    escalation_level: 0,
    ...NO_PROGRESS,
  });
  for (let i = 0; i < OPEN_TICKETS; i += BATCH) {
    const rows = [];
    for (let j = i; j < Math.min(i + BATCH, OPEN_TICKETS); j++) rows.push(row(j, now + 60_000 + j * 5_000));
    await db.insertInto('repair_tickets').values(rows).execute();
  }
  // Fresh statistics, as autovacuum would have them after such a load.
  await sql`analyze repair_tickets`.execute(db);

  const time = async () => {
    const started = process.hrtime.bigint();
    const { escalated } = await app.services.repairSla.tick();
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, escalated };
  };
  await time(); // warm the statement caches
  const idle = [];
  for (let i = 0; i < 5; i++) idle.push((await time()).ms);
  // A 15-second tick on a busy campus: the tickets that came due since the last one (3 here).
  now += 60_000 + 3 * 5_000;
  const busy = await time();
  // A backlog: 100 tickets due at once (after an outage of the timer).
  now += 100 * 5_000;
  const backlog = await time();
  await app.close();
  console.log(
    JSON.stringify({
      dialect: database.dialect,
      openTickets: OPEN_TICKETS,
      idleMs: Math.min(...idle),
      busy,
      backlog,
    }),
  );
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (dbName) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
