import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';
import type { Database } from '../db/schema';

// Hand-compiled statements for the hot paths: built and compiled once per dialect, and inside a
// SQLite transaction run straight on the connection the transaction holds.

/** The part of a better-sqlite3 connection (behind its statement cache) that runs a statement. */
export interface RawSqlite {
  prepare(text: string): {
    reader: boolean;
    all(parameters: readonly unknown[]): unknown[];
    run(parameters: readonly unknown[]): { changes: number; lastInsertRowid: number | bigint };
  };
}

/**
 * SQLite connections by their Kysely adapter. A Kysely instance and every transaction begun on it
 * share one adapter object, so a transaction can find the connection it holds.
 */
const rawSqliteByAdapter = new WeakMap<object, RawSqlite>();

/** Called once by `openDatabase` for an embedded (SQLite) database. */
export function registerRawSqlite(db: Kysely<Database>, raw: RawSqlite): void {
  rawSqliteByAdapter.set(db.getExecutor().adapter, raw);
}

/**
 * Runs a compiled statement. Inside a SQLite transaction it goes straight to the connection the
 * transaction holds (synchronously, as better-sqlite3 does anyway): Kysely's executor adds a chain
 * of promises, a connection mutex and result mapping per statement, which on the order path cost
 * more than SQLite's own work. Outside a transaction Kysely runs it, so its connection mutex keeps
 * a lone statement out of another caller's open transaction. No Kysely plugins are in use; a
 * plugin that transforms results would be skipped here.
 */
export async function executeCompiled<DB, Row>(db: Kysely<DB>, query: CompiledQuery<Row>): Promise<QueryResult<Row>> {
  const raw = db.isTransaction ? rawSqliteByAdapter.get(db.getExecutor().adapter) : undefined;
  if (!raw) return db.executeQuery(query);
  return runPrepared(raw.prepare(query.sql), query.parameters);
}

type Prepared = ReturnType<RawSqlite['prepare']>;

function runPrepared<Row>(statement: Prepared, parameters: readonly unknown[]): QueryResult<Row> {
  if (statement.reader) return { rows: statement.all(parameters) as Row[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

/**
 * A statement built and compiled once per dialect, then run with fresh values on a database or any
 * of its transactions, answering the driver's result (rows, affected rows).
 *
 * Kysely builds immutable query trees: a large select (CTEs, many joins) costs far more CPU to
 * build and compile than SQLite then needs to run it, and even a small insert costs more to build
 * than to run. Here the builder runs once with a sentinel string in place of
 * each parameter; later calls only swap the sentinels in the compiled parameter list for the real
 * values. Every named parameter must reach the builder as a bound value (not as an identifier or
 * raw SQL), which the first compile checks. The cache is keyed by the dialect's adapter, which a
 * transaction shares with its database (each transaction is a new Kysely instance).
 */
export function compiledOnce<P extends Record<string, unknown>, Row = unknown>(
  build: (db: Kysely<Database>, params: P) => Compilable<Row>,
): (db: Kysely<Database>, params: P) => Promise<QueryResult<Row>> {
  const cache = new WeakMap<
    object,
    { sql: string; slots: (keyof P | undefined)[]; fixed: unknown[]; statement?: Prepared }
  >();
  const sentinel = (key: string) => `\u0000param:${key}\u0000`;

  function compile(db: Kysely<Database>, keys: (keyof P)[]) {
    const placeholders = Object.fromEntries(keys.map((k) => [k, sentinel(String(k))])) as P;
    const compiled = build(db, placeholders).compile();
    const bySentinel = new Map(keys.map((k) => [sentinel(String(k)), k]));
    const slots = compiled.parameters.map((value) => (typeof value === 'string' ? bySentinel.get(value) : undefined));
    const used = new Set(slots.filter((s) => s !== undefined));
    const missing = keys.filter((k) => !used.has(k));
    if (missing.length > 0) throw new Error(`compiledOnce: parameters not bound as values: ${missing.join(', ')}`);
    return { sql: compiled.sql, slots, fixed: [...compiled.parameters] };
  }

  return function run(db, params) {
    const adapter = db.getExecutor().adapter;
    let entry = cache.get(adapter);
    if (!entry) {
      entry = compile(db, Object.keys(params) as (keyof P)[]);
      cache.set(adapter, entry);
    }
    const { sql, slots, fixed } = entry;
    const values = slots.map((slot, i) => (slot === undefined ? fixed[i] : params[slot]));
    // Inside a SQLite transaction, the statement this entry prepared on that connection (the order
    // writer runs a handful per order, thousands a second): no statement-cache lookup, no query object.
    // A failure is a rejected promise, as from executeCompiled, never a throw.
    const raw = db.isTransaction ? rawSqliteByAdapter.get(adapter) : undefined;
    if (raw) {
      try {
        return Promise.resolve(runPrepared<Row>((entry.statement ??= raw.prepare(sql)), values));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    return executeCompiled(db, CompiledQuery.raw(sql, values) as CompiledQuery<Row>);
  };
}

/** `compiledOnce` for a read: answers the rows. */
export function precompiled<P extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, params: P) => Compilable<Row>,
): (db: Kysely<Database>, params: P) => Promise<Row[]> {
  const run = compiledOnce(build);
  return async (db, params) => (await run(db, params)).rows;
}
