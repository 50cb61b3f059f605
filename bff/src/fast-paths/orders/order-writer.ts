import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/database';
import type { Database } from '../../db/schema';
import type { OrderRow } from '../../modules/takeaway/takeaway.table';
import { createGroupCommit } from '../group-commit';
import { writeOrder, type OrderWrite } from './order-transaction';
import { startOrderWriterThread } from './writer-thread';

/**
 * Runs order transactions (`writeOrder`) and answers each order's row once it is committed, or the
 * error that refused it (a DomainError, KeyTaken, or the database's own).
 */
export interface OrderWriter {
  write(write: OrderWrite): Promise<OrderRow>;
  /** Waits for the writes in flight, then stops. */
  close(): Promise<void>;
}

/** On this thread: orders placed at the same moment share a commit (SQLite); see createGroupCommit. */
export function createInlineOrderWriter(db: Kysely<Database>): OrderWriter {
  const placing = createGroupCommit(db);
  return {
    write: (write) => placing.run((trx) => writeOrder(trx, write)),
    close: async () => {},
  };
}

/**
 * The order writer a database gets: on a SQLite file (unless `thread` is off), a thread of its own
 * that also takes over the file's WAL checkpoints; otherwise none, and the orders service writes
 * inline.
 */
export async function orderWriterFor(
  database: DatabaseHandle,
  options: { thread: boolean; onError: (message: string) => void },
): Promise<OrderWriter | undefined> {
  const { dialect, file, checkpointer } = database;
  if (dialect !== 'sqlite' || !file || file === ':memory:' || !options.thread) return undefined;
  // One checkpointer per file, beside the busiest writer: two would race (a PASSIVE checkpoint that
  // finds another running reports nothing, so the WAL restart is never asked for), and the restart
  // needs a writer that pauses for it, which this thread's group commit does. While the thread is
  // down, the server's connection checkpoints in its own commits again.
  const handOver = checkpointer !== undefined;
  if (handOver) await checkpointer.stop();
  return startOrderWriterThread({
    file,
    backgroundCheckpoints: handOver,
    onError: options.onError,
    onUp: handOver ? () => database.setAutoCheckpoint?.(false) : undefined,
    onDown: handOver ? () => database.setAutoCheckpoint?.(true) : undefined,
  });
}
