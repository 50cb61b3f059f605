import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';

/** SQLite's default: a commit that finds this many pages in the WAL checkpoints them itself. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** A WAL of about 16 MB (4 KB pages) is started over; see startSqliteCheckpointer. */
const DEFAULT_RESTART_AFTER_FRAMES = 4096;
/**
 * How often the worker checkpoints. A page written many times between two checkpoints is copied
 * once, and each checkpoint competes with the writer for the CPU: in the lunch-rush bench once a
 * second beat every 250 ms on both throughput and p99. The WAL then holds up to a second of
 * commits before it is copied (and started over past restartAfterFrames).
 */
const DEFAULT_CHECKPOINT_EVERY_MS = 1000;

// Plain CommonJS, run with `eval`: the worker must not depend on the TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = (requested) => {
  try {
    // PASSIVE never waits for the writer: it copies what it can and leaves the rest for next time.
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', requested, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'error', requested, message: String(error && error.message) });
  }
};
const timer = setInterval(() => checkpoint(false), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message === 'now') checkpoint(true);
  if (message === 'stop') { clearInterval(timer); db.close(); parentPort.close(); }
});
`;

export interface CheckpointReport {
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface SqliteCheckpointer {
  /** Asks for a checkpoint at once; answers its report (tests, shutdown). */
  now(): Promise<CheckpointReport>;
  /**
   * For a writer that can wait between transactions (the group commit): undefined while the WAL is
   * small, otherwise a promise of a checkpoint taken while that writer holds back. See below.
   */
  beforeWrite(): Promise<void> | undefined;
  /**
   * Stops checkpointing. The connection's own checkpoints stay off: another connection's
   * checkpointer takes over (the order writer thread's), or the database is closing.
   */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside the commit that
 * fills the WAL past 1000 pages: that commit copies the pages into the database file and syncs it,
 * which the lunch-rush bench measured at about half of all commit time, on the one thread that
 * serves every request. Here the connection's own checkpoints are switched off and a worker thread
 * with a second connection checkpoints every `everyMs` (a second by default). Durability is unchanged: a commit is in
 * the WAL before it is answered, whoever copies it later. If the worker dies, the connection
 * checkpoints itself again.
 *
 * A checkpoint running beside a busy writer never finishes the WAL: frames keep arriving while it
 * copies. SQLite writes from the start of the WAL again only when a write transaction begins on a
 * fully copied WAL, so under a steady stream of orders the file grew without end (770 MB in the
 * 10-second lunch-rush bench), and every frame written past its end made the filesystem allocate
 * and zero a new block, an eighth of the server's CPU. So once a periodic report finds more than
 * `restartAfterFrames` frames, the next `beforeWrite()` asks for one more checkpoint and the group
 * commit holds its next transaction until it is done (requests keep arriving and queue meanwhile):
 * that checkpoint copies the few frames left, and the transaction after it starts the WAL over.
 */
export function startSqliteCheckpointer(
  sqlite: SQLite.Database,
  options: { file: string; everyMs?: number; restartAfterFrames?: number; onError?: (message: string) => void },
): SqliteCheckpointer {
  const driver = createRequire(__filename).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: options.file, everyMs: options.everyMs ?? DEFAULT_CHECKPOINT_EVERY_MS },
  });
  const restartAfterFrames = options.restartAfterFrames ?? DEFAULT_RESTART_AFTER_FRAMES;
  // Unreferenced, it never keeps a process alive by itself; stop() references it while it waits.
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  let exited = false;
  let restartWanted = false;
  let restarting: Promise<void> | undefined;
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const waiting: { resolve(report: CheckpointReport): void; reject(error: Error): void }[] = [];
  const fallBack = () => {
    if (!stopped && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (message: { type: string; requested: boolean; message?: string } & CheckpointReport) => {
    const waiter = message.requested ? waiting.shift() : undefined;
    if (message.type === 'error') {
      options.onError?.(message.message ?? 'checkpoint failed');
      waiter?.reject(new Error(message.message));
    } else {
      if (!message.requested && message.log >= restartAfterFrames) restartWanted = true;
      waiter?.resolve({ log: message.log, checkpointed: message.checkpointed });
    }
  });
  worker.on('error', (error) => {
    options.onError?.(error.message);
    fallBack();
  });
  worker.on('exit', () => {
    exited = true;
    fallBack();
    for (const waiter of waiting.splice(0)) waiter.reject(new Error('the checkpoint worker has stopped'));
  });
  function now(): Promise<CheckpointReport> {
    if (exited) return Promise.reject(new Error('the checkpoint worker has stopped'));
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage('now');
    });
  }
  return {
    now,
    beforeWrite() {
      if (!restartWanted || exited || stopped) return undefined;
      // Only a checkpoint that copied the whole WAL lets the next transaction start it over; if
      // another writer added frames meanwhile, the next batch asks again. A failed checkpoint was
      // reported through onError; the writer goes on either way.
      restarting ??= now().then(
        (report) => {
          restartWanted = report.checkpointed < report.log;
          restarting = undefined;
        },
        () => {
          restartWanted = false;
          restarting = undefined;
        },
      );
      return restarting;
    },
    async stop() {
      if (stopped) return gone;
      stopped = true;
      if (exited) return;
      // Referenced while it finishes, or a shutting-down process would end before the database closes.
      worker.ref();
      worker.postMessage('stop');
      await gone;
    },
  };
}

/** Checkpointers by the Kysely adapter of their database, which its transactions share. */
const checkpointerByAdapter = new WeakMap<object, SqliteCheckpointer>();

/** Called once by `openDatabase` when it starts a checkpointer for a database. */
export function registerCheckpointer<DB>(db: Kysely<DB>, checkpointer: SqliteCheckpointer): void {
  checkpointerByAdapter.set(db.getExecutor().adapter, checkpointer);
}

/** `beforeWrite()` of the database's checkpointer; undefined when it has none or nothing is due. */
export function checkpointBeforeWrite<DB>(db: Kysely<DB>): Promise<void> | undefined {
  return checkpointerByAdapter.get(db.getExecutor().adapter)?.beforeWrite();
}
