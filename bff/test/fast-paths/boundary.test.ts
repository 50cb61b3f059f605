import fs from 'node:fs';
import path from 'node:path';

// The speed wing (bff/src/fast-paths) serves takeaway orders and canteen menus only: any other
// module must be correct with plain Kysely in transactionWithRetry, without knowing of it.

const SRC = path.resolve(__dirname, '../../src');

/** Files outside the wing that may import it: the two paths it serves, and their wiring. */
const MAY_IMPORT = [
  /^modules\/takeaway\//,
  /^modules\/canteen\/menu[.-][a-z.-]*ts$/,
  /^app\.ts$/, // starts the order writer (orderWriterFor)
  /^db\/database\.ts$/, // hands the wing the raw SQLite connection (registerRawSqlite)
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/\bfrom '([^']+)'/g)].map((m) =>
    path
      .relative(SRC, path.resolve(path.dirname(file), m[1]))
      .split(path.sep)
      .join('/'),
  );

it('only takeaway, canteen menus and their wiring import bff/src/fast-paths', () => {
  const offenders = sourceFiles(SRC)
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .filter((rel) => !rel.startsWith('fast-paths/') && !MAY_IMPORT.some((allowed) => allowed.test(rel)))
    .filter((rel) => importsOf(path.join(SRC, rel)).some((target) => target.startsWith('fast-paths/')));
  expect(offenders).toEqual([]);
});

it('meal-card and messages export nothing for the order writer', () => {
  const files = ['modules/meal-card', 'modules/messages'].flatMap((dir) => sourceFiles(path.join(SRC, dir)));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(fs.readFileSync(file, 'utf8')).not.toMatch(/compiledOnce|order writer/i);
});
