import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { registerRawSqlite } from '../fast-paths/compiled-statements';
import {
  DEFAULT_AUTOCHECKPOINT_PAGES,
  registerCheckpointer,
  startSqliteCheckpointer,
  type SqliteCheckpointer,
} from './sqlite-checkpointer';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The postgres:// URL on PostgreSQL: LISTEN needs a connection of its own, outside the pool. */
  url?: string;
  /** SQLite: the database file (absolute), or ':memory:'. */
  file?: string;
  /**
   * SQLite with `backgroundCheckpoints`: the worker that checkpoints the WAL (stopped when the order
   * writer thread's connection checkpoints instead; see orderWriterFor in fast-paths/orders).
   */
  checkpointer?: SqliteCheckpointer;
  /** SQLite: whether this connection checkpoints in its own commits (SQLite's default, 1000 pages). */
  setAutoCheckpoint?(on: boolean): void;
  close(): Promise<void>;
}

// count(*) and bigint come back from pg as strings; every count we keep fits a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(options: {
  databaseUrl?: string;
  sqliteFile: string;
  poolSize?: number;
  /**
   * SQLite file: checkpoint the WAL from a worker thread, not in the commits of requests (the
   * server). An object tunes the checkpointer (tests).
   */
  backgroundCheckpoints?: boolean | { everyMs?: number; restartAfterFrames?: number };
  onCheckpointError?: (message: string) => void;
}): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle pooled connection that the server ends (restart, failover, a terminated backend)
    // emits 'error' on the pool; unheard, that crashes the process. The pool has already dropped
    // the broken client and opens a fresh one on the next query, so there is nothing else to do.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url: options.databaseUrl, close: () => db.destroy() };
  }
  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SQLite(options.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoints (one per order in a group commit) keep the pages they change in a statement journal,
  // by default a temporary file: two write calls per page, more than the WAL itself took. In memory
  // (with temporary tables and sorts), each is a copy.
  sqlite.pragma('temp_store = MEMORY');
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  registerRawSqlite(db, statements);
  const checkpointer =
    options.backgroundCheckpoints && options.sqliteFile !== ':memory:'
      ? startSqliteCheckpointer(sqlite, {
          ...(typeof options.backgroundCheckpoints === 'object' ? options.backgroundCheckpoints : {}),
          file: options.sqliteFile,
          onError: options.onCheckpointError,
        })
      : undefined;
  if (checkpointer) registerCheckpointer(db, checkpointer);
  return {
    db,
    dialect: 'sqlite',
    file: options.sqliteFile === ':memory:' ? options.sqliteFile : path.resolve(options.sqliteFile),
    checkpointer,
    setAutoCheckpoint: (on) => {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${on ? DEFAULT_AUTOCHECKPOINT_PAGES : 0}`);
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely's SQLite driver prepares every statement anew, about a tenth of the CPU of a write-heavy
 * request (the lunch-rush bench). The SQL texts are parameterised and few, so prepared statements
 * are kept, least recently used dropped past `max`. A statement still iterating (a streamed query)
 * is busy and never handed out twice: a fresh one is prepared instead.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string): SQLite.Statement {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close: () => {
      cache.clear();
      sqlite.close();
    },
  };
}

export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
