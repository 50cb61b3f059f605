import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema';
import { newId } from '../lib/ids';
import { addMs, toStored, type Clock } from '../lib/time';
import { claimDue, markAttemptFailed, markDelivered, renewLease } from './outbox.repository';

/** Delivers one row. Must be idempotent: a row may be delivered again after a crash. */
export type OutboxHandler = (payload: unknown, context: { id: string; db: Kysely<Database> }) => Promise<void>;

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  handlers: Record<string, OutboxHandler>;
  log?: FastifyBaseLogger;
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  batchSize?: number;
}

/** Exponential backoff: base·2^(attempts−1), capped. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, clock, handlers } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const baseDelayMs = options.baseDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 10 * 60_000;
  const batchSize = options.batchSize ?? 50;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function runBatch(): Promise<number> {
    const now = clock.now();
    // A fresh lease holder per batch, so overlapping drains of one worker never share rows.
    const workerId = newId();
    const rows = await claimDue(db, workerId, toStored(now), toStored(addMs(now, leaseMs)), batchSize);
    for (const row of rows) {
      // The batch's lease may run out while earlier rows wait on a slow remote: each row gets a
      // full lease of its own, or is left to the worker that took it over.
      if (!(await renewLease(db, row.id, workerId, toStored(addMs(clock.now(), leaseMs))))) continue;
      const handler = handlers[row.topic];
      try {
        if (!handler) throw new Error(`no handler for topic ${row.topic}`);
        await handler(JSON.parse(row.payload), { id: row.id, db });
        await markDelivered(db, row.id, workerId, toStored(clock.now()));
      } catch (error) {
        const attempts = row.attempts + 1;
        const at = clock.now();
        await markAttemptFailed(db, row.id, workerId, {
          attempts,
          error: error instanceof Error ? error.message : String(error),
          nextAttemptAt: toStored(addMs(at, backoffMs(attempts, baseDelayMs, maxDelayMs))),
          giveUpAt: attempts >= maxAttempts ? toStored(at) : undefined,
        });
        options.log?.warn({ outboxId: row.id, topic: row.topic, attempts }, 'outbox delivery failed');
      }
    }
    return rows.length;
  }

  /** Delivers everything due now, batch after batch; answers how many rows were attempted. */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await runBatch();
      total += n;
      if (n < batchSize) return total;
    }
  }

  function tick(intervalMs: number) {
    timer = setTimeout(() => {
      running = drain().catch((error) => {
        options.log?.error({ err: error }, 'outbox worker batch failed');
        return 0;
      });
      void running.then(() => {
        running = undefined;
        if (timer) tick(intervalMs);
      });
    }, intervalMs);
  }

  return {
    drain,
    start(intervalMs: number) {
      if (!timer) tick(intervalMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
