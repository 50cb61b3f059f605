#!/usr/bin/env node
// npm test — the whole gate, in order, stopping at the first failure:
// typecheck, lint, format, unit, BFF+contract on PostgreSQL, weapp build, WeChat's compiler over
// it, H5 build, size budget, e2e.
// Each step prints a header and its duration; the end is a summary table and `N passed, N failed`.
//
//   node scripts/test-all.mjs                 every step
//   node scripts/test-all.mjs unit pg         only the named steps (names as in --list)
//   node scripts/test-all.mjs --list          the steps
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const steps = [
  { name: 'typecheck', cmd: [npm, 'run', 'typecheck'] },
  { name: 'lint', cmd: [npm, 'run', 'lint'] },
  { name: 'format', cmd: [npm, 'run', 'format:check'] },
  { name: 'unit', cmd: [npx, 'jest', '--ci', '--selectProjects', 'app', 'bff', 'contract'] },
  {
    name: 'pg',
    title: 'BFF + contract on PostgreSQL',
    cmd: [process.execPath, 'scripts/with-postgres.mjs', npx, 'jest', '--ci', '--selectProjects', 'bff', 'contract'],
  },
  { name: 'build:weapp', cmd: [npm, 'run', 'build:weapp'] },
  { name: 'weapp:ci', title: 'WeChat compiler (weapp)', cmd: [npm, 'run', 'test:weapp'] },
  { name: 'build:h5', cmd: [npm, 'run', 'build:h5'] },
  {
    name: 'size',
    cmd: [npm, 'run', 'test:size'],
    skip: () =>
      fs.existsSync(path.join(repoRoot, 'scripts', 'size-check.mjs'))
        ? undefined
        : 'scripts/size-check.mjs does not exist yet',
  },
  { name: 'e2e', cmd: [process.execPath, 'scripts/e2e.mjs'] },
];

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const step of steps)
    console.log(`${step.name.padEnd(12)} ${step.cmd.map((c) => (c === process.execPath ? 'node' : c)).join(' ')}`);
  process.exit(0);
}
const unknown = args.filter((a) => !steps.some((s) => s.name === a));
if (unknown.length) {
  console.error(`test-all: unknown step(s) ${unknown.join(', ')}; see --list`);
  process.exit(2);
}
const selected = args.length ? steps.filter((s) => args.includes(s.name)) : steps;

let current;
let interrupted;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = interrupted ?? signal;
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
    else process.exit(128 + os.constants.signals[signal]);
  });
}

function run(cmd) {
  return new Promise((resolve) => {
    current = spawn(cmd[0], cmd.slice(1), {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, CI: 'true', FORCE_COLOR: process.env.FORCE_COLOR ?? (process.stdout.isTTY ? '1' : '0') },
    });
    current.on('error', (err) => {
      console.error(`test-all: cannot run ${cmd[0]}: ${err.message}`);
      resolve(127);
    });
    current.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

const seconds = (ms) => (ms / 1000).toFixed(1);
const results = [];
let failed = false;
const started = Date.now();

for (const step of selected) {
  if (failed || interrupted) {
    results.push({ step, status: 'not run' });
    continue;
  }
  const title = step.title ?? step.name;
  const skipReason = step.skip?.();
  if (skipReason) {
    console.log(`\n━━ ${title} ━━ skipped: ${skipReason}`);
    results.push({ step, status: 'skipped', note: skipReason });
    continue;
  }
  console.log(`\n━━ ${title} ━━ ${step.cmd.map((c) => (c === process.execPath ? 'node' : c)).join(' ')}`);
  const t0 = Date.now();
  const code = await run(step.cmd);
  const ms = Date.now() - t0;
  const ok = code === 0 && !interrupted;
  console.log(`━━ ${title}: ${ok ? 'passed' : `FAILED (exit ${code})`} in ${seconds(ms)} s`);
  results.push({ step, status: ok ? 'passed' : 'failed', ms, code });
  if (!ok) failed = true;
}

const passed = results.filter((r) => r.status === 'passed').length;
const failedCount = results.filter((r) => r.status === 'failed').length;
console.log('\nstep                          result      seconds');
for (const r of results) {
  const title = r.step.title ?? r.step.name;
  console.log(`${title.padEnd(30)}${r.status.padEnd(12)}${r.ms === undefined ? '' : seconds(r.ms).padStart(7)}`);
}
console.log(`${'total'.padEnd(42)}${seconds(Date.now() - started).padStart(7)}`);
console.log(`${passed} passed, ${failedCount} failed`);
process.exit(interrupted ? 128 + os.constants.signals[interrupted] : failedCount ? 1 : 0);
