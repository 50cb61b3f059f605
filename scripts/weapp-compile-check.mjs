#!/usr/bin/env node
// WeChat's own compiler over dist/weapp: miniprogram-ci compiles the package offline (no app
// attributes fetched, no key uploaded, every connection off this machine refused) and runs its
// code-quality check. Fails when compilation fails, a page of app.json (main package or
// subpackage) is missing from the compiled result, a quality item fails, the compiler tried a
// network call other than the one known below, or it all takes longer than
// WEAPP_CHECK_TIMEOUT_MS (120000). `--verbose` prints the compiler's own output; a directory
// argument checks that build instead of dist/weapp.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const WEAPP_DIR = path.resolve(
  process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? path.join(repoRoot, 'dist', 'weapp'),
);
const TIMEOUT_MS = Number(process.env.WEAPP_CHECK_TIMEOUT_MS ?? 120_000);
// miniprogram-ci asks for the list of file types a package may hold and, refused, uses the list
// it ships with. Any other attempt is new: look at it before allowing it here.
const KNOWN_ATTEMPTS = ['https://servicewechat.com/wxa/ci/getwhiteextlist'];

const verbose = process.argv.includes('--verbose');
const problems = [];

function expectedPages() {
  const app = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8'));
  const subPackages = app.subPackages ?? app.subpackages ?? [];
  return [
    ...app.pages.map((page) => ({ pkg: '(main)', page })),
    ...subPackages.flatMap((sub) =>
      sub.pages.map((page) => ({ pkg: sub.root.replace(/\/$/, ''), page: path.posix.join(sub.root, page) })),
    ),
  ];
}

// miniprogram-ci sends its calls through any proxy in the environment or in npm's settings
// (.npmrc included) unless no_proxy names servicewechat.com: then each call is one refused
// request to its own URL, which judgeNetwork can recognise.
function withoutProxySettings(env) {
  const kept = Object.entries(env).filter(([name]) => !/(^|_)(https?_|no_)?proxy$/i.test(name));
  return { ...Object.fromEntries(kept), no_proxy: 'servicewechat.com' };
}

function runCompiler(tmp) {
  const resultFile = path.join(tmp, 'result.json');
  const networkLog = path.join(tmp, 'network.jsonl');
  const guard = path.join(here, 'weapp-compile', 'no-network.cjs');
  const output = [];
  const child = spawn(process.execPath, [path.join(here, 'weapp-compile', 'compile.mjs'), WEAPP_DIR], {
    cwd: repoRoot,
    // Its own process group, so that the compiler's forked helpers go when it is stopped.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...withoutProxySettings(process.env),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(guard)}`.trim(),
      WEAPP_CHECK_RESULT: resultFile,
      WEAPP_CHECK_NETWORK_LOG: networkLog,
    },
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk));
  const stopGroup = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      stopGroup();
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(128 + os.constants.signals[signal]);
    });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      problems.push(`timed out after ${TIMEOUT_MS / 1000} s (stopped; a network call left waiting hangs like this)`);
      stopGroup();
    }, TIMEOUT_MS);
    // The worker's exit stops whatever it forked; its output is complete once its pipes close.
    child.on('exit', () => {
      clearTimeout(timer);
      stopGroup();
    });
    child.on('close', (code, signal) => {
      const log = Buffer.concat(output).toString('utf8');
      const attempts = fs.existsSync(networkLog)
        ? fs
            .readFileSync(networkLog, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : [];
      const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
      if (!result && !problems.length)
        problems.push(`the compiler process ended without a result (${signal ?? `exit ${code}`})`);
      resolve({ result, attempts, log });
    });
  });
}

function withoutQuery(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function judgeNetwork(attempts) {
  // Without the cache-busting query and the default port, as KNOWN_ATTEMPTS spells them.
  const urls = attempts.filter((a) => a.kind === 'http').map((a) => withoutQuery(a.url));
  const sockets = attempts.filter((a) => a.kind === 'socket').map((a) => `${a.host}:${a.port}`);
  const unknown = urls.filter((url) => !KNOWN_ATTEMPTS.includes(url));
  for (const url of new Set(urls))
    console.log(`  network call refused: ${url}${unknown.includes(url) ? '  ✗ not expected' : ''}`);
  if (unknown.length) problems.push(`unexpected network call(s): ${[...new Set(unknown)].join(', ')}`);
  // A connection made below HTTP would show as a socket without a URL beside it.
  if (sockets.length > urls.length)
    problems.push(`connection(s) attempted outside HTTP: ${[...new Set(sockets)].join(', ')}`);
}

function judgeCompile(result, pages) {
  if (result.compileError) {
    const { message, code, path: file } = result.compileError;
    problems.push(`compilation failed${file ? ` in ${file}` : ''}${code ? ` (code ${code})` : ''}: ${message}`);
    return;
  }
  const compiled = new Set(result.compiled);
  const byPackage = new Map();
  for (const { pkg, page } of pages) {
    const missing = ['js', 'json', 'wxml'].filter((ext) => !compiled.has(`${page}.${ext}`));
    if (missing.length) problems.push(`page ${page} is missing from the compiled result (${missing.join(', ')})`);
    const counts = byPackage.get(pkg) ?? { pages: 0, ok: 0 };
    counts.pages += 1;
    if (!missing.length) counts.ok += 1;
    byPackage.set(pkg, counts);
  }
  console.log(`compiled ${compiled.size} files; pages compiled per package:`);
  for (const [pkg, { pages: total, ok }] of byPackage)
    console.log(`  ${ok === total ? '✓' : '✗'} ${pkg.padEnd(32)} ${ok}/${total}`);
}

function judgeQuality(result) {
  if (result.qualityError) {
    problems.push(`checkCodeQuality threw: ${result.qualityError}`);
    return;
  }
  if (!result.quality?.length) {
    problems.push('checkCodeQuality returned no items');
    return;
  }
  console.log('checkCodeQuality:');
  for (const item of result.quality) {
    // An item's text names the fault it looks for, so it is printed only when the item fails.
    const text = item.success ? '' : ` ${item.text}`;
    const detail =
      item.detail === undefined || (item.success && item.name !== 'PACKAGE_SIZE_LIMIT')
        ? ''
        : ` ${JSON.stringify(item.detail)}`;
    console.log(`  ${item.success ? '✓' : '✗'} ${item.name}${text}${detail}`);
    if (!item.success) problems.push(`code quality: ${item.name} (${item.text})`);
  }
}

if (!fs.existsSync(path.join(WEAPP_DIR, 'app.json'))) {
  console.error(`✗ ${path.relative(repoRoot, WEAPP_DIR)}/app.json is missing: run npm run build:weapp first`);
  process.exit(1);
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-compile-check-'));
try {
  const { result, attempts, log } = await runCompiler(tmp);
  if (verbose || !result) process.stdout.write(log);
  judgeNetwork(attempts);
  if (result) {
    judgeCompile(result, expectedPages());
    judgeQuality(result);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (problems.length) {
  console.error('\nweapp compile check failed:');
  for (const problem of problems) console.error(`  ✗ ${problem}`);
  process.exit(1);
}
console.log('weapp compile check passed');
