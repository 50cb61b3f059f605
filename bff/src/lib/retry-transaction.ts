import type { Kysely, Transaction } from 'kysely';

// The project's transaction helper: every transaction runs through `transactionWithRetry`, which
// runs it again after a transient failure (serialization, deadlock, SQLite busy).

interface DriverError {
  code?: string;
  message?: string;
}

/**
 * Transient failures a whole transaction may simply be run again after: PostgreSQL serialization
 * failures and deadlocks (our lock order should prevent them, the retry is the safety net), and
 * SQLite's "busy" when another process holds the write lock past busy_timeout.
 *
 * Also PostgreSQL's internal error "new multixact has more than one updating member" (XX000): in
 * an order storm many transactions hold KEY SHARE locks on an item or slot row (their foreign keys)
 * while others update it and some of those roll back (sold out, slot full); about once in tens of
 * thousands of orders PostgreSQL 15 then refuses the next update of that row. The transaction is
 * rolled back; run again, it is decided afresh.
 */
export function isTransientDbError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as DriverError;
  if (code === 'XX000') return (message ?? '').startsWith('new multixact has more than one updating member');
  return code === '40001' || code === '40P01' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * One transaction, failing with the error its work threw. When SQLite has already rolled the
 * transaction back by itself (disk full, I/O error), Kysely's own rollback then fails too, and
 * its "no transaction is active" would otherwise replace the error that caused it.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let failed: { error: unknown } | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      try {
        return await work(trx);
      } catch (error) {
        failed = { error };
        throw error;
      }
    });
  } catch (error) {
    throw failed ? failed.error : error;
  }
}

/** A little jitter before a retry, so two losers of the same race do not collide again in lockstep. */
export const pauseBeforeRetry = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * attempt)));

/**
 * Runs `work` in one transaction, again from the start (bounded) when it fails transiently. Work
 * must therefore be free of side effects outside the database.
 */
export async function transactionWithRetry<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
  options: { attempts?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, work);
    } catch (error) {
      if (!isTransientDbError(error) || attempt >= attempts) throw error;
      await pauseBeforeRetry(attempt);
    }
  }
}
