#!/usr/bin/env node
// npm run bench — throughput and latency of BFF endpoints beside a bare Fastify hello-world,
// measured in the same run on the same machine. Prints figures; asserts nothing.
//
// Scenarios are the modules scripts/bench/*.scenario.mjs (see scripts/README.md), run in file-name
// order. Each is driven from a separate process (scripts/bench/load-worker.mjs, autocannon).
//
// Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2),
// BENCH_SCENARIOS (comma-separated names; default all), BENCH_DATABASE_URL (run the BFF on
// PostgreSQL instead of a fresh SQLite file). `--bare-only` measures just the bare server.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, signInAs, startBareFastify, startBff, stopAll, stopAllOnSignals } from './bench/servers.mjs';

const seconds = Number(process.env.BENCH_SECONDS || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const only = (process.env.BENCH_SCENARIOS || '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const bareOnly = process.argv.includes('--bare-only') || process.env.BENCH_BARE_ONLY === '1';
const benchDir = path.join(repoRoot, 'scripts', 'bench');

const loadWorkers = new Set();

/** Runs autocannon in a child process (its options in a file); resolves its JSON result. */
function load(options) {
  const optionsFile = path.join(os.tmpdir(), `bench-load-${process.pid}-${loadWorkers.size}-${Date.now()}.json`);
  fs.writeFileSync(optionsFile, JSON.stringify(options));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(benchDir, 'load-worker.mjs'), optionsFile], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    loadWorkers.add(child);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      loadWorkers.delete(child);
      fs.rmSync(optionsFile, { force: true });
      if (code !== 0) return reject(new Error(`load worker exited with code ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (err) {
        reject(err);
      }
    });
  });
}

/** One check request before the load, so a 401 or 404 is not mistaken for throughput. */
async function probe(baseUrl, request) {
  const first = { ...request, ...(request.requests?.[0] ?? request.interleave?.[0] ?? {}) };
  const res = await fetch(`${baseUrl}${first.path ?? '/'}`, {
    method: first.method ?? 'GET',
    headers: { ...request.headers, ...first.headers },
    body: first.body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function measure(baseUrl, request) {
  // autocannon takes the path in the URL (top level) or per entry of `requests`.
  const { path: requestPath = '/', ...rest } = request;
  const options = { url: `${baseUrl}${requestPath}`, connections, pipelining: 1, ...rest };
  if (warmupSeconds > 0) await load({ ...options, duration: warmupSeconds });
  const r = await load({ ...options, duration: seconds });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function loadScenarios() {
  const files = fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith('.scenario.mjs'))
    .sort();
  const scenarios = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(path.join(benchDir, file)).href);
    const scenario = mod.default;
    if (!scenario?.name || typeof scenario.prepare !== 'function') {
      throw new Error(`${file}: default export must be { name, title, target?, prepare(ctx) }`);
    }
    if (only.length === 0 || only.includes(scenario.name)) scenarios.push(scenario);
  }
  if (only.length && scenarios.length === 0) throw new Error(`BENCH_SCENARIOS=${only.join(',')} matched no scenario`);
  return scenarios;
}

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : '-';
const pct = (n) => (Number.isFinite(n) ? `${Math.round(n * 100)}%` : '-');

function printRow(label, m, bareRps, target) {
  const ratio = m.rps / bareRps;
  const verdict = target === undefined ? '' : ratio >= target ? ' (meets target)' : ' (below target)';
  const cells = [
    label.padEnd(34),
    fmt(m.rps).padStart(9),
    fmt(m.p50, 1).padStart(8),
    fmt(m.p99, 1).padStart(8),
    pct(ratio).padStart(8),
    (target === undefined ? '' : `≥ ${pct(target)}${verdict}`).padEnd(24),
  ];
  console.log(cells.join('  ').trimEnd());
  if (m.non2xx || m.errors) {
    console.log(`${''.padEnd(34)}  warning: ${m.non2xx} non-2xx responses, ${m.errors} errors/timeouts of ${m.total}`);
  }
}

async function main() {
  stopAllOnSignals(async () => {
    for (const worker of loadWorkers) worker.kill('SIGTERM');
  });
  const scenarios = bareOnly ? [] : await loadScenarios();
  const dbLabel = process.env.BENCH_DATABASE_URL ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'SQLite (fresh temp file)';
  console.log(
    `bench: ${connections} connections, ${seconds} s per run (+${warmupSeconds} s warm-up), node ${process.version}` +
      (bareOnly ? ', bare server only' : `, BFF on ${dbLabel}`),
  );

  const [bare, bff] = await Promise.all([
    startBareFastify(),
    bareOnly
      ? undefined
      : startBff({
          databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
          // visitors-scan checks each pass in and at once out again (no double-scan pause), after
          // one visitor's session has applied for hundreds of visits (no hourly limit).
          env: { VISIT_RESCAN_SECONDS: '0', VISIT_APPLICATIONS_PER_HOUR: '1000000' },
        }),
  ]);

  console.log('');
  console.log(
    [
      'scenario'.padEnd(34),
      'req/s'.padStart(9),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'vs bare'.padStart(8),
      'target',
    ].join('  '),
  );
  const baseline = await measure(bare.baseUrl, { method: 'GET', path: '/' });
  printRow('bare Fastify GET / (baseline)', baseline, baseline.rps);

  for (const scenario of scenarios) {
    // database: where the BFF keeps its data; bareRps: the baseline, for scenarios that measure a burst themselves.
    const ctx = {
      baseUrl: bff.baseUrl,
      signIn: (role) => signInAs(bff.baseUrl, role),
      database: bff.database,
      bareRps: baseline.rps,
    };
    const request = await scenario.prepare(ctx);
    const status = await probe(bff.baseUrl, request);
    if (status < 200 || status >= 300) {
      console.log(`${(scenario.title ?? scenario.name).padEnd(34)}  skipped: check request answered HTTP ${status}`);
      continue;
    }
    const m = await measure(bff.baseUrl, request);
    printRow(scenario.title ?? scenario.name, m, baseline.rps, scenario.target);
  }
}

try {
  // `npm run bench -- history`: every list and the lunch rush before and after a year of history.
  if (process.argv.includes('history'))
    await (await import('./bench/history.mjs')).runHistory({ load, probe, measure, stopAllOnSignals, loadWorkers });
  else await main();
} catch (err) {
  console.error(`bench: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
