#!/usr/bin/env node
// Size budget: prints the size of every WeChat package and the gzip size of the H5 entry, and
// fails when the weapp main package passes its budget (WeChat allows 2 MB per package; we keep
// the main package far smaller so the first open is fast on a weak phone network).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const WEAPP_DIR = 'dist/weapp';
const H5_DIR = 'dist/h5';
const MAIN_BUDGET = 450 * 1024;
const SUBPACKAGE_BUDGET = 2 * 1024 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

let failed = false;

function checkWeapp() {
  const appJson = path.join(WEAPP_DIR, 'app.json');
  if (!fs.existsSync(appJson)) {
    console.error(`✗ ${appJson} is missing: run npm run build:weapp first`);
    failed = true;
    return;
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = new Map([['(main)', 0], ...roots.map((r) => [r, 0])]);
  for (const file of filesUnder(WEAPP_DIR)) {
    const rel = path.relative(WEAPP_DIR, file).split(path.sep).join('/');
    if (rel.endsWith('.map')) continue;
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? '(main)';
    sizes.set(root, sizes.get(root) + fs.statSync(file).size);
  }
  console.log('weapp packages:');
  for (const [name, size] of sizes) {
    const budget = name === '(main)' ? MAIN_BUDGET : SUBPACKAGE_BUDGET;
    const ok = size <= budget;
    if (!ok) failed = true;
    console.log(`  ${ok ? '✓' : '✗'} ${name.padEnd(32)} ${kb(size).padStart(10)}  (budget ${kb(budget)})`);
  }
}

function checkH5() {
  const indexFile = path.join(H5_DIR, 'index.html');
  if (!fs.existsSync(indexFile)) {
    console.error(`✗ ${indexFile} is missing: run npm run build:h5 first`);
    failed = true;
    return;
  }
  const html = fs.readFileSync(indexFile, 'utf8');
  const entryScripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const entryStyles = [...html.matchAll(/<link[^>]*\bhref="([^"]+\.css)"/g)].map((m) => m[1]);
  const measure = (urls) =>
    urls.reduce(
      (sum, url) => {
        const file = path.join(H5_DIR, url.replace(/^\//, ''));
        if (!fs.existsSync(file)) return sum;
        const raw = fs.readFileSync(file);
        return { raw: sum.raw + raw.length, gzip: sum.gzip + zlib.gzipSync(raw, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const js = measure(entryScripts);
  const css = measure(entryStyles);
  const allJs = filesUnder(H5_DIR).filter((f) => f.endsWith('.js'));
  const allJsRaw = allJs.reduce((s, f) => s + fs.statSync(f).size, 0);
  console.log('h5:');
  console.log(`  entry JS   ${entryScripts.length} files  ${kb(js.raw).padStart(10)}  gzip ${kb(js.gzip)}`);
  console.log(`  entry CSS  ${entryStyles.length} files  ${kb(css.raw).padStart(10)}  gzip ${kb(css.gzip)}`);
  console.log(`  all JS     ${allJs.length} files  ${kb(allJsRaw).padStart(10)}`);
}

checkWeapp();
checkH5();
if (failed) {
  console.error('size check failed');
  process.exit(1);
}
console.log('size check passed');
