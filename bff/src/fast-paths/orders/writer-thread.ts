import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { OrderRow } from '../../modules/takeaway/takeaway.table';
import type { OrderWrite } from './order-transaction';
import type { OrderWriter } from './order-writer';
import { encodeWrite, fromWire, type FromWriter, type ToWriter } from './thread-messages';

const RESPAWN_MIN_MS = 1_000;
const RESPAWN_MAX_MS = 30_000;

/**
 * On a thread of its own, with its own connection to the SQLite file (thread-main.ts). On
 * SQLite every statement runs synchronously on the thread that issues it, and an order's
 * transaction (six writes, a share of a commit) was a large share of the CPU the lunch rush spends
 * per order, all of it on the thread that also parses, checks and answers every request. Here the
 * event loop decides an order and hands the writer plain data; the writer thread runs the same
 * group commit and answers after its commit, so a 201 still means the order is in the WAL.
 *
 * The answers of one commit travel back as one message. Other writers (cancels, pickups, votes) stay
 * on the main connection: SQLite's write lock and busy_timeout serialise the two connections, as
 * they would two processes.
 */
export function startOrderWriterThread(options: {
  file: string;
  /**
   * The writer's connection checkpoints the WAL in the background (see sqlite-checkpointer.ts); the
   * caller then stops its own checkpointer: one per file.
   */
  backgroundCheckpoints: boolean;
  onError?: (message: string) => void;
  /** A thread has opened the database (its checkpointer runs). */
  onUp?: () => void;
  /** The thread stopped other than by close(): nothing checkpoints for it until the next is up. */
  onDown?: () => void;
}): OrderWriter & { thread(): Worker | undefined } {
  let worker: Worker | undefined;
  let closing = false;
  let nextId = 1;
  const pending = new Map<number, { write: OrderWrite; resolve(row: OrderRow): void; reject(error: Error): void }>();
  // A thread that stops unexpectedly is started again after a pause that doubles while it keeps
  // failing to come up (a broken install must not start a thread per order).
  let respawnMs = RESPAWN_MIN_MS;
  let respawnTimer: NodeJS.Timeout | undefined;

  function spawn(): Worker {
    // The worker's code is TypeScript like the rest of the BFF: tsx's require hook compiles it
    // there, whether this process runs under tsx or under jest's transform.
    const tsx = require.resolve('tsx/cjs/api');
    const entry = path.join(__dirname, 'thread-main.ts');
    const started = new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(entry)});`, {
      eval: true,
      workerData: { file: options.file, backgroundCheckpoints: options.backgroundCheckpoints },
    });
    // Unreferenced while it owes no answers: an idle writer never keeps the process alive.
    started.unref();
    started.on('message', (answers: FromWriter) => {
      if (answers === 'ready') {
        respawnMs = RESPAWN_MIN_MS;
        options.onUp?.();
        return;
      }
      for (const answer of answers) {
        const waiter = pending.get(answer.id);
        if (!waiter) continue;
        pending.delete(answer.id);
        if ('pickupCode' in answer) waiter.resolve({ ...waiter.write.order, pickup_code: answer.pickupCode });
        else waiter.reject(fromWire(answer.error));
      }
      if (pending.size === 0 && !closing) started.unref();
    });
    started.on('error', (error) => options.onError?.(`order writer failed: ${error.message}`));
    started.on('exit', () => {
      if (worker !== started) return;
      worker = undefined;
      // What it had not answered may or may not have committed: the caller's retry with the same
      // Idempotency-Key finds out.
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new Error('order writer stopped before answering'));
      }
      if (closing) return;
      options.onDown?.();
      respawnTimer = setTimeout(() => {
        respawnTimer = undefined;
        if (!closing) worker ??= spawn();
      }, respawnMs);
      respawnTimer.unref();
      respawnMs = Math.min(respawnMs * 2, RESPAWN_MAX_MS);
    });
    return started;
  }

  // At once, not at the first order: with background checkpoints it checkpoints the whole file.
  worker = spawn();

  return {
    write(write) {
      if (closing) return Promise.reject(new Error('order writer closed'));
      const current = worker;
      if (!current) return Promise.reject(new Error('order writer is restarting'));
      return new Promise<OrderRow>((resolve, reject) => {
        const id = nextId++;
        // Handed over at once: the writer's group commit gathers what arrives while it commits.
        current.postMessage(encodeWrite(id, write) satisfies ToWriter);
        pending.set(id, { write, resolve, reject });
        current.ref();
      });
    },
    async close() {
      closing = true;
      clearTimeout(respawnTimer);
      const current = worker;
      if (!current) return;
      const gone = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      // Referenced while it finishes what it was given, or a shutting-down process would end first.
      current.ref();
      current.postMessage({ close: true } satisfies ToWriter);
      await gone;
    },
    thread: () => worker,
  };
}
