#!/usr/bin/env node
// npm run test:e2e — end to end in Debian's Chromium against the real BFF serving the built H5 app.
//
// Starts the fake 浙政钉 gateway (scripts/e2e-zzd-gateway.mjs), the BFF (fresh temp SQLite, demo
// seed, dev sign-in, 浙政钉 sign-in and work notices through that gateway) on a free 127.0.0.1 port
// and one headless Chromium (playwright-core), runs test/e2e/*.e2e.mjs with node:test one file at a
// time, saves screenshots to test-results/screenshots/, stops all three, and ends with
// `N passed, N failed`.
// test/e2e/a11y.e2e.mjs is the accessibility gate: axe-core on every page, normal and 关怀模式
// (one summary line per page; fails on serious or critical violations; see test/README.md).
//
//   node scripts/e2e.mjs                              every test/e2e/*.e2e.mjs
//   node scripts/e2e.mjs test/e2e/foundation.e2e.mjs  only these files
//
// Needs dist/h5 (npm run build:h5) and /usr/bin/chromium (scripts/install-system-deps.sh;
// E2E_CHROMIUM overrides the path; E2E_H5_DIR serves another build).
import fs from 'node:fs';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { chromium } from 'playwright-core';
import { repoRoot, startBff, stopAll, stopAllOnSignals } from './bench/servers.mjs';
import { startZzdGateway } from './e2e-zzd-gateway.mjs';
// The same Chromium and flags as a test file that launches its own (run standalone).
import { chromiumArgs, chromiumPath } from '../test/e2e/support.mjs';

const h5Dir = path.resolve(repoRoot, process.env.E2E_H5_DIR || path.join('dist', 'h5'));
const e2eDir = path.join(repoRoot, 'test', 'e2e');
const screenshotDir = path.join(repoRoot, 'test-results', 'screenshots');

function fail(message) {
  console.error(`e2e: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
  fail(`${path.relative(repoRoot, h5Dir) || h5Dir}/index.html is missing: build the H5 app first (npm run build:h5)`);
}
if (!fs.existsSync(chromiumPath)) {
  fail(`${chromiumPath} not found: install Debian's chromium (bash scripts/install-system-deps.sh as root)`);
}

const requested = process.argv.slice(2).map((f) => path.resolve(f));
const files = requested.length
  ? requested
  : fs
      .readdirSync(e2eDir)
      .filter((f) => f.endsWith('.e2e.mjs'))
      .sort()
      .map((f) => path.join(e2eDir, f));
if (files.length === 0) fail('no test/e2e/*.e2e.mjs files');
for (const file of files) if (!fs.existsSync(file)) fail(`${file} does not exist`);

fs.rmSync(screenshotDir, { recursive: true, force: true });
fs.mkdirSync(screenshotDir, { recursive: true });

let browserServer;
let zzdGateway;
const abort = new AbortController();
const closeBrowser = async () => {
  const server = browserServer;
  browserServer = undefined;
  await server?.close().catch(() => {});
};
const stopZzdGateway = async () => {
  const gateway = zzdGateway;
  zzdGateway = undefined;
  await gateway?.stop().catch(() => {});
};
stopAllOnSignals(async () => {
  abort.abort(); // ends the node:test file processes
  await closeBrowser();
  await stopZzdGateway();
});
process.on('exit', () => browserServer?.process()?.kill('SIGKILL'));

let passed = 0;
let failed = 0;
try {
  // The demo's underground gate signs its events with this secret (test/e2e/parking.e2e.mjs sends one).
  const gates = JSON.stringify([{ id: 'gate-underground', secret: 'e2e-gate-underground-secret' }]);
  // A pass scanned again within the hour after check-in asks the guard to confirm the check-out
  // (test/e2e/visitors.e2e.mjs), however fast the machine runs the journey.
  // 浙政钉 sign-in and work notices go to the fake gateway (test/e2e/repairs.e2e.mjs: the on-duty
  // repairer has signed in through 浙政钉, so a new ticket reaches them as a work notice).
  zzdGateway = await startZzdGateway();
  const bff = await startBff({
    env: {
      H5_DIR: h5Dir,
      GATE_CONTROLLERS: gates,
      VISIT_RESCAN_SECONDS: '3600',
      AUTH_PROVIDERS: 'dev,wechat,zzd',
      ...zzdGateway.env,
    },
  });
  browserServer = await chromium.launchServer({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    host: '127.0.0.1',
  });
  console.log(
    `e2e: BFF at ${bff.baseUrl}, fake 浙政钉 gateway at ${zzdGateway.baseUrl}, Chromium ${chromiumPath}, ${files.length} file(s)`,
  );

  // node:test runs each file in its own process; they inherit this environment.
  process.env.E2E_BASE_URL = bff.baseUrl;
  process.env.E2E_WS_ENDPOINT = browserServer.wsEndpoint();
  process.env.E2E_SCREENSHOT_DIR = screenshotDir;
  process.env.E2E_ZZD_CONTROL_URL = zzdGateway.controlUrl;

  const stream = run({ files, concurrency: 1, timeout: 10 * 60_000, signal: abort.signal });
  stream.on('test:pass', (data) => {
    if (data.details?.type !== 'suite') passed += 1;
  });
  stream.on('test:fail', (data) => {
    if (data.details?.type !== 'suite') failed += 1;
  });
  const report = stream.compose(new spec());
  report.pipe(process.stdout, { end: false });
  await new Promise((resolve, reject) => {
    report.on('end', resolve);
    report.on('error', reject);
  });
} catch (err) {
  console.error(`e2e: ${err instanceof Error ? err.message : err}`);
  failed += 1;
} finally {
  const refused = zzdGateway?.rejections() ?? [];
  if (refused.length)
    console.error(`e2e: the fake 浙政钉 gateway refused ${refused.length} request(s): ${refused.join(', ')}`);
  await closeBrowser();
  await stopAll();
  await stopZzdGateway();
}

const shots = fs.existsSync(screenshotDir) ? fs.readdirSync(screenshotDir).length : 0;
console.log(`\ne2e: ${shots} screenshot(s) in ${path.relative(repoRoot, screenshotDir)}/`);
if (passed + failed === 0) {
  console.error('e2e: no test ran');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
