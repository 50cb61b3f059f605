#!/usr/bin/env node
// Usage: node scripts/with-postgres.mjs <command> [args...]
//
// Starts a throwaway PostgreSQL cluster in a temp dir (Debian's server binaries under
// /usr/lib/postgresql/<version>/bin, newest version found; PG_BIN_DIR overrides; PG_TMPDIR sets
// where the temp dir goes), listening on 127.0.0.1 on a free port and on a unix socket inside the
// temp dir, trust auth. Runs the command
// with TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres, exits with its code, and
// always stops the cluster and removes the dir (also on SIGINT/SIGTERM).
// As root the server runs as the `postgres` OS user (initdb refuses root); otherwise as the caller.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const log = (msg) => process.stderr.write(`with-postgres: ${msg}\n`);

function fail(msg, code = 1) {
  log(msg);
  process.exit(code);
}

/** The newest /usr/lib/postgresql/<ver>/bin that has initdb, pg_ctl and postgres. */
function findBinDir() {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return undefined;
  }
  const usable = versions
    .filter((v) => ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(root, v, 'bin', b))))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return usable.length ? path.join(root, usable[0], 'bin') : undefined;
}

function freePort() {
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

function idOf(user, flag) {
  const res = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return res.status === 0 ? Number(res.stdout.trim()) : undefined;
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

const command = process.argv.slice(2);
if (command.length === 0) fail('usage: node scripts/with-postgres.mjs <command> [args...]', 2);

const binDir = findBinDir();
if (!binDir)
  fail('no PostgreSQL server found under /usr/lib/postgresql/<version>/bin; run: bash scripts/install-system-deps.sh');
const version = path.basename(path.dirname(binDir));

// Who runs the server: root → the postgres OS user; anyone else → themselves.
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
let asUser;
if (isRoot) {
  const uid = idOf('postgres', '-u');
  const gid = idOf('postgres', '-g');
  if (uid === undefined || gid === undefined)
    fail('running as root but there is no "postgres" OS user to run the server');
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => fs.existsSync(p));
  asUser = { uid, gid, runuser };
}

/** Runs a PostgreSQL binary as the server user, synchronously; returns { status, output }. */
function pgRun(bin, args, cwd) {
  const exe = path.join(binDir, bin);
  let cmd = exe;
  let argv = args;
  if (asUser && asUser.runuser) {
    cmd = asUser.runuser;
    argv = ['-u', 'postgres', '--', exe, ...args];
  } else if (asUser) {
    cmd = 'su';
    argv = ['postgres', '-s', '/bin/sh', '-c', [exe, ...args].map(shellQuote).join(' ')];
  }
  const res = spawnSync(cmd, argv, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    status: res.status ?? 1,
    output: `${res.stdout ?? ''}${res.stderr ?? ''}${res.error ? String(res.error) : ''}`,
  };
}

// As root, TMPDIR may point somewhere the postgres user cannot enter (e.g. under /root): use /tmp.
const tmpRoot = process.env.PG_TMPDIR || (isRoot ? '/tmp' : os.tmpdir());
const baseDir = fs.mkdtempSync(path.join(tmpRoot, 'with-postgres-'));
const dataDir = path.join(baseDir, 'data');
const logFile = path.join(baseDir, 'server.log');
let started = false;
let cleanedUp = false;

function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (started) {
    const res = pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], baseDir);
    if (res.status !== 0) {
      log(`pg_ctl stop failed:\n${res.output}`);
      // Last resort: the postmaster pid is the first line of postmaster.pid.
      try {
        const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        // already gone
      }
    }
  }
  fs.rmSync(baseDir, { recursive: true, force: true });
}

function printServerLog() {
  try {
    process.stderr.write(fs.readFileSync(logFile, 'utf8'));
  } catch {
    // no log written
  }
}

let child;
let stopSignal;
function onSignal(signal) {
  stopSignal = stopSignal ?? signal;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    // A child that ignores the signal is killed after a grace period, then we clean up.
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  } else {
    cleanup();
    process.exit(128 + os.constants.signals[signal]);
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
process.on('exit', cleanup);

try {
  if (asUser) fs.chownSync(baseDir, asUser.uid, asUser.gid);

  let res = pgRun(
    'initdb',
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
    baseDir,
  );
  if (res.status !== 0) throw new Error(`initdb failed:\n${res.output}`);

  // Fast and disposable: no durability, enough connections for parallel test workers.
  const conf = (port) =>
    [
      '',
      '# with-postgres.mjs',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${baseDir.replace(/'/g, "''")}'`,
      'max_connections = 200',
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      "timezone = 'Asia/Shanghai'",
      '',
    ].join('\n');
  const confFile = path.join(dataDir, 'postgresql.conf');
  const baseConf = fs.readFileSync(confFile, 'utf8');

  // The free port can be taken between probing and binding: retry a few times.
  let port;
  for (let attempt = 1; attempt <= 5 && !started; attempt++) {
    if (stopSignal) break;
    port = await freePort();
    fs.writeFileSync(confFile, baseConf + conf(port));
    res = pgRun('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start'], baseDir);
    if (res.status === 0) {
      started = true;
    } else if (attempt === 5) {
      printServerLog();
      throw new Error(`pg_ctl start failed:\n${res.output}`);
    }
  }
  if (stopSignal) {
    cleanup();
    process.exit(128 + os.constants.signals[stopSignal]);
  }

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`PostgreSQL ${version} on 127.0.0.1:${port} (${baseDir}); TEST_DATABASE_URL=${url}`);

  child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  const code = await new Promise((resolve) => {
    child.on('error', (err) => {
      log(`cannot run ${command[0]}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (exitCode, signal) => {
      resolve(exitCode ?? 128 + (os.constants.signals[signal] ?? 0));
    });
  });
  cleanup();
  process.exit(stopSignal && code === 0 ? 128 + os.constants.signals[stopSignal] : code);
} catch (err) {
  log(err instanceof Error ? err.message : String(err));
  cleanup();
  process.exit(1);
}
