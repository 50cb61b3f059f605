import type { Kysely, Transaction } from 'kysely';

interface DriverError {
  code?: string;
  constraint?: string;
  message?: string;
}

/**
 * Transient failures a whole transaction may simply be run again after: PostgreSQL serialization
 * failures and deadlocks (our lock order should prevent them, the retry is the safety net), and
 * SQLite's "busy" when another process holds the write lock past busy_timeout.
 */
export function isTransientDbError(error: unknown): boolean {
  const code = (error as DriverError)?.code;
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * A unique violation of one index: PostgreSQL names the index in `constraint`; SQLite lists the
 * indexed columns in its message ("UNIQUE constraint failed: t.a, t.b").
 */
export function isUniqueViolation(error: unknown, index: { name: string; table: string; columns: string[] }): boolean {
  const e = error as DriverError;
  if (e?.code === '23505') return e.constraint === index.name;
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return (e.message ?? '').includes(index.columns.map((c) => `${index.table}.${c}`).join(', '));
  }
  return false;
}

/**
 * Runs `work` in one transaction, again from the start (bounded) when it fails transiently or
 * with an error `retryIf` accepts. Work must therefore be free of side effects outside the database.
 */
export async function transactionWithRetry<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: { attempts?: number; retryIf?: (error: unknown) => boolean } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const retry = isTransientDbError(error) || (options.retryIf?.(error) ?? false);
      if (!retry || attempt >= attempts) throw error;
      // A little jitter so two losers of the same race do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * attempt)));
    }
  }
}
