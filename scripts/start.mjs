#!/usr/bin/env node
// npm start — builds the H5 app when dist/h5/index.html is missing or older than any file under
// src/, config/ or contract/, then runs the BFF (which serves dist/h5 at `/`). Configuration comes
// from the environment (.env.example). Signals go to the BFF; exits with its code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexHtml = path.join(repoRoot, 'dist', 'h5', 'index.html');
const sourceDirs = ['src', 'config', 'contract'].map((d) => path.join(repoRoot, d));

/** Newest mtime (ms) of any file under `dir`, with the file's path. */
function newest(dir) {
  let best = { mtime: 0, file: undefined };
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return best;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = newest(full);
      if (sub.mtime > best.mtime) best = sub;
    } else if (entry.isFile()) {
      const mtime = fs.statSync(full).mtimeMs;
      if (mtime > best.mtime) best = { mtime, file: full };
    }
  }
  return best;
}

function buildReason() {
  if (!fs.existsSync(indexHtml)) return 'dist/h5/index.html is missing';
  const built = fs.statSync(indexHtml).mtimeMs;
  for (const dir of sourceDirs) {
    const n = newest(dir);
    if (n.mtime > built) return `${path.relative(repoRoot, n.file)} is newer than dist/h5/index.html`;
  }
  return undefined;
}

let child;
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(128 + os.constants.signals[signal]);
  });
}

function run(command, args) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: process.env });
    child.on('error', (err) => {
      console.error(`start: cannot run ${command}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
}

const reason = buildReason();
if (reason) {
  console.log(`start: building the H5 app (${reason})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await run(npm, ['run', 'build:h5']);
  if (code !== 0) {
    console.error(`start: npm run build:h5 failed (exit ${code})`);
    process.exit(code);
  }
} else {
  console.log('start: dist/h5 is up to date');
}

const code = await run(process.execPath, ['--import', 'tsx', path.join('bff', 'src', 'main.ts')]);
process.exit(code);
