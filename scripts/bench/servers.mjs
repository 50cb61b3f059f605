// Child-process servers for the bench and the end-to-end runner: the real BFF and a bare Fastify
// hello-world, each on a free 127.0.0.1 port, ready once /api/health answers 200.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A temp dir removed by `stopAll()`. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const running = new Set();
const cleanups = [];

/**
 * Spawns `node <args>` as a server on a free port and waits for GET /api/health → 200.
 * Output lines are prefixed with `[name]`; `quiet` keeps them only for the error message.
 */
export async function startServer({ name, args, env = {}, quiet = false, healthTries = 600, healthIntervalMs = 100 }) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { name, port, baseUrl, child, tail: [] };
  running.add(server);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  server.exited = exited;
  exited.then(() => running.delete(server));

  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        server.tail.push(line);
        if (server.tail.length > 60) server.tail.shift();
        if (!quiet) process.stderr.write(`[${name}] ${line}\n`);
      }
    });
  }

  let exitedEarly;
  exited.then((info) => (exitedEarly = info));
  for (let attempt = 0; attempt < healthTries; attempt++) {
    if (exitedEarly) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, healthIntervalMs));
  }
  await stopServer(server);
  const why = exitedEarly
    ? `exited (code ${exitedEarly.code}, signal ${exitedEarly.signal})`
    : `did not answer ${baseUrl}/api/health within ${(healthTries * healthIntervalMs) / 1000} s`;
  throw new Error(`${name} ${why}. Last output:\n${server.tail.join('\n') || '(none)'}`);
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopServer(server, graceMs = 5000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...running].map((server) => stopServer(server)));
  while (cleanups.length) cleanups.pop()();
}

/** Stops everything on SIGINT/SIGTERM/SIGHUP, then exits 128+n. Call once per runner. */
export function stopAllOnSignals(extra = async () => {}) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping servers\n`);
      try {
        await extra();
      } finally {
        await stopAll();
        process.exit(128 + os.constants.signals[signal]);
      }
    });
  }
  // Last resort on an unexpected exit: no await possible, so just kill.
  process.on('exit', () => {
    for (const server of running) server.child.kill('SIGKILL');
    while (cleanups.length) cleanups.pop()();
  });
}

/**
 * The real BFF (`node --import tsx bff/src/main.ts`) on a fresh SQLite file in a temp dir, or on
 * PostgreSQL when `databaseUrl` is given. Demo seed and the dev sign-in are on.
 */
export async function startBff({ databaseUrl, env = {}, quiet = false } = {}) {
  const mainFile = path.join(repoRoot, 'bff', 'src', 'main.ts');
  if (!fs.existsSync(mainFile)) throw new Error(`${path.relative(repoRoot, mainFile)} does not exist yet`);
  const dir = tempDir('shuzhi-bff-');
  // Opt-in, for profiling: extra node flags for the BFF only, e.g. BENCH_BFF_NODE_ARGS='--cpu-prof
  // --cpu-prof-dir=/tmp/prof' (the profile is written when the BFF exits on the harness's SIGTERM).
  const nodeArgs = (process.env.BENCH_BFF_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const sqliteFile = path.join(dir, 'app.sqlite');
  const server = await startServer({
    name: 'bff',
    args: [...nodeArgs, '--import', 'tsx', mainFile],
    quiet,
    env: {
      SQLITE_FILE: sqliteFile,
      UPLOADS_DIR: path.join(dir, 'uploads'),
      DATABASE_URL: databaseUrl ?? '',
      AUTH_PROVIDERS: 'dev,wechat,zzd',
      SEED_DEMO: 'true',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      // A bench key (PostgreSQL requires one); visitors' data is encrypted as in production.
      VISITOR_DATA_KEY: process.env.VISITOR_DATA_KEY || `bench:${Buffer.alloc(32, 7).toString('base64')}`,
      ...env,
    },
  });
  // Where its data lives, for scenarios that set up more than the API offers (many people).
  return Object.assign(server, { database: { url: databaseUrl || undefined, sqliteFile } });
}

/**
 * Waits until the BFF's outbox holds nothing left to deliver (pushes and the gate's whitelist
 * changes a scenario's preparation queued), so a measurement is not also the backlog of its set-up.
 */
export async function outboxDrained(database, { timeoutMs = 120_000 } = {}) {
  const require = createRequire(import.meta.url);
  const query = 'select count(*) as n from outbox where delivered_at is null and failed_at is null';
  let count;
  let close;
  if (database.url) {
    const client = new (require('pg').Client)({ connectionString: database.url });
    await client.connect();
    count = async () => Number((await client.query(query)).rows[0].n);
    close = () => client.end();
  } else {
    const db = new (require('better-sqlite3'))(database.sqliteFile, { readonly: true });
    count = async () => db.prepare(query).get().n;
    close = async () => db.close();
  }
  try {
    const until = Date.now() + timeoutMs;
    for (let left = await count(); left > 0; left = await count()) {
      if (Date.now() > until) throw new Error(`outbox still holds ${left} undelivered rows`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await close();
  }
}

/** A bare Fastify hello-world in its own process: the baseline the bench compares against. */
export function startBareFastify() {
  return startServer({ name: 'bare', args: [path.join(repoRoot, 'scripts', 'bench', 'bare-server.mjs')] });
}

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Demo users offered by the dev sign-in (GET /api/auth/dev/users). */
export async function demoUsers(baseUrl) {
  const body = await json(await fetch(`${baseUrl}/api/auth/dev/users`), 'GET /api/auth/dev/users');
  return body.users;
}

/** Signs in the first demo user holding `role`; returns { token, user }. */
export async function signInAs(baseUrl, role = 'staff') {
  const users = await demoUsers(baseUrl);
  const user = users.find((u) => u.roles.includes(role));
  if (!user) throw new Error(`no demo user with role "${role}" in GET /api/auth/dev/users`);
  const session = await json(
    await fetch(`${baseUrl}/api/auth/dev`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    }),
    'POST /api/auth/dev',
  );
  return { token: session.token, user };
}
