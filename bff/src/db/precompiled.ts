import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Builds and compiles a hot query once per database instance and reuses the SQL text.
 *
 * Kysely builds immutable query trees: a large select (CTEs, many joins) costs about a millisecond
 * of CPU to build and compile, ten times what SQLite then needs to run it. Here the builder runs
 * once with a sentinel string in place of each parameter; later calls only swap the sentinels in
 * the compiled parameter list for the real values. Every named parameter must reach the builder
 * as a bound value (not as an identifier or raw SQL), which the first compile checks.
 */
export function precompiled<P extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, params: { [K in keyof P]: P[K] }) => Compilable<Row>,
) {
  const cache = new WeakMap<Kysely<Database>, { sql: string; slots: (keyof P | undefined)[]; fixed: unknown[] }>();
  const sentinel = (key: string) => `\u0000param:${key}\u0000`;

  function compile(db: Kysely<Database>, keys: (keyof P)[]) {
    const placeholders = Object.fromEntries(keys.map((k) => [k, sentinel(String(k))])) as { [K in keyof P]: P[K] };
    const compiled = build(db, placeholders).compile();
    const bySentinel = new Map(keys.map((k) => [sentinel(String(k)), k]));
    const slots = compiled.parameters.map((value) => (typeof value === 'string' ? bySentinel.get(value) : undefined));
    const used = new Set(slots.filter((s) => s !== undefined));
    const missing = keys.filter((k) => !used.has(k));
    if (missing.length > 0) throw new Error(`precompiled: parameters not bound as values: ${missing.join(', ')}`);
    return { sql: compiled.sql, slots, fixed: [...compiled.parameters] };
  }

  return async function run(db: Kysely<Database>, params: P): Promise<Row[]> {
    let entry = cache.get(db);
    if (!entry) {
      entry = compile(db, Object.keys(params) as (keyof P)[]);
      cache.set(db, entry);
    }
    const values = entry.slots.map((slot, i) => (slot === undefined ? entry.fixed[i] : params[slot]));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(entry.sql, values));
    return result.rows;
  };
}
