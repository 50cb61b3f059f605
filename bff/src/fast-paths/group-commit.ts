import { CompiledQuery, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import { checkpointBeforeWrite } from '../db/sqlite-checkpointer';
import { inTransaction, isTransientDbError, pauseBeforeRetry, transactionWithRetry } from '../lib/retry-transaction';
import { executeCompiled } from './compiled-statements';

export interface GroupCommit<DB> {
  /**
   * Runs `work` as its own unit inside a shared transaction and answers its result once that
   * transaction has committed. A unit that throws is rolled back alone (a savepoint) and its
   * error is answered to it. Work must be free of side effects outside the database: a unit may
   * run more than once (a transient error runs the whole transaction again).
   */
  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T>;
}

interface Unit<DB> {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = CompiledQuery.raw('savepoint unit');
const ROLLBACK_TO_SAVEPOINT = CompiledQuery.raw('rollback to savepoint unit');
const RELEASE_SAVEPOINT = CompiledQuery.raw('release savepoint unit');

/**
 * Group commit where the database has a single writer (SQLite): units that arrive while a
 * transaction runs wait and then share the next one, so one commit (and one WAL write of the pages
 * they share) serves many requests. A unit's result is answered only after the commit, so
 * whatever a caller was told has been made durable.
 *
 * A batch first runs without savepoints: SQLite copies every page a savepoint's unit changes into
 * a statement journal, and with the SAVEPOINT and RELEASE statements that was a measurable share of
 * an order's cost on the writer. If a unit throws, nothing of that attempt is kept: the batch runs
 * again with each unit in its own savepoint, as does the next batch, until a batch passes with
 * none refused (a sold-out storm refuses in every batch, and would otherwise pay twice).
 *
 * On PostgreSQL every unit is its own transaction, run at once, as `transactionWithRetry` does:
 * row locks let unrelated transactions proceed in parallel, and a shared transaction would hold
 * the locks of all its units until the last one is done, against the lock order the writers keep
 * (order row → card → items → purchases → slot).
 */
export function createGroupCommit<DB>(db: Kysely<DB>): GroupCommit<DB> {
  const attempts = 5;
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    return { run: (work) => transactionWithRetry(db, work, { attempts }) };
  }
  // Bounds one transaction (and the event-loop turn it holds); the rest wait for the next.
  const maxUnits = 64;
  const queue: Unit<DB>[] = [];
  let draining = false;

  /** One unit in its savepoint; a transient error dooms the whole transaction and is rethrown. */
  async function runUnit(trx: Transaction<DB>, unit: Unit<DB>): Promise<Outcome> {
    await executeCompiled(trx, SAVEPOINT);
    try {
      const value = await unit.work(trx);
      await executeCompiled(trx, RELEASE_SAVEPOINT);
      return { ok: true, value };
    } catch (error) {
      if (isTransientDbError(error)) throw error;
      try {
        await executeCompiled(trx, ROLLBACK_TO_SAVEPOINT);
        await executeCompiled(trx, RELEASE_SAVEPOINT);
      } catch {
        // SQLite rolled the whole transaction back by itself (disk full, I/O error): the savepoint
        // is gone with it. The batch fails with the error that caused it, not "no such savepoint".
        throw error;
      }
      return { ok: false, error };
    }
  }

  /** Set by a batch with a refused unit: the next one goes straight to savepoints. */
  let expectRefusals = false;

  /** Every unit in one transaction, no savepoints: true once committed and answered. */
  async function runWithoutSavepoints(units: Unit<DB>[]): Promise<boolean> {
    let values: unknown[];
    try {
      values = await inTransaction(db, async (trx) => {
        const done: unknown[] = [];
        for (const unit of units) done.push(await unit.work(trx));
        return done;
      });
    } catch {
      // Rolled back whole, whatever failed: the savepoint run decides each unit's answer.
      return false;
    }
    values.forEach((value, i) => units[i].resolve(value));
    return true;
  }

  async function runBatch(units: Unit<DB>[]): Promise<void> {
    if (units.length === 1) {
      // Alone, the transaction itself is the unit: no savepoint needed.
      const [unit] = units;
      await transactionWithRetry(db, unit.work, { attempts }).then(unit.resolve, unit.reject);
      return;
    }
    if (!expectRefusals && (await runWithoutSavepoints(units))) return;
    for (let attempt = 1; ; attempt++) {
      try {
        const outcomes = await inTransaction(db, async (trx) => {
          const done: Outcome[] = [];
          for (const unit of units) done.push(await runUnit(trx, unit));
          return done;
        });
        expectRefusals = outcomes.some((outcome) => !outcome.ok);
        outcomes.forEach((outcome, i) =>
          outcome.ok ? units[i].resolve(outcome.value) : units[i].reject(outcome.error),
        );
        return;
      } catch (error) {
        if (!isTransientDbError(error) || attempt >= attempts) {
          for (const unit of units) unit.reject(error);
          return;
        }
        await pauseBeforeRetry(attempt);
      }
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      for (;;) {
        // A long WAL is started over now and then: the queue waits (and grows) meanwhile.
        const checkpoint = checkpointBeforeWrite(db);
        if (checkpoint) await checkpoint;
        await runBatch(queue.splice(0, maxUnits));
        if (queue.length === 0) return;
        // Between transactions, the rest of the process gets its turn (other requests' reads and
        // writes, new connections): SQLite's calls are synchronous, so without this a long queue
        // would hold the event loop until it is empty.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(work: (trx: Transaction<DB>) => Promise<T>) {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        // After the current turn of the event loop, so the requests read in it share a transaction.
        if (!draining && queue.length === 1) setImmediate(() => void drain());
      });
    },
  };
}
