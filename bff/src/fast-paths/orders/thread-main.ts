// The order writer thread (see startOrderWriterThread in writer-thread.ts): its own connection to
// the SQLite file, the same group commit and `writeOrder` as the inline writer; one commit's answers
// go back together.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database';
import { createInlineOrderWriter } from './order-writer';
import { decodeWrite, toWire, type FromWriter, type ToWriter, type WriteAnswer } from './thread-messages';

const port = parentPort!;
const { file, backgroundCheckpoints } = workerData as { file: string; backgroundCheckpoints: boolean };
const database = openDatabase({
  sqliteFile: file,
  backgroundCheckpoints,
  onCheckpointError: (message) => console.error(`sqlite checkpoint failed (order writer): ${message}`),
});
const writer = createInlineOrderWriter(database.db);
port.postMessage('ready' satisfies FromWriter);

/** Answers settled in this turn of the event loop (one commit's) go back as one message. */
let answers: WriteAnswer[] = [];
let inFlight = 0;
let closing = false;

function answer(settled: WriteAnswer): void {
  if (answers.length === 0) setImmediate(flush);
  answers.push(settled);
  inFlight--;
  if (closing && inFlight === 0) setImmediate(() => void close());
}

function flush(): void {
  const batch = answers;
  answers = [];
  if (batch.length > 0) port.postMessage(batch satisfies FromWriter);
}

async function close(): Promise<void> {
  flush();
  await database.close();
  port.close();
}

port.on('message', (message: ToWriter) => {
  if (typeof message !== 'string') {
    closing = true;
    if (inFlight === 0) void close();
    return;
  }
  const [id, write] = decodeWrite(message);
  inFlight++;
  writer.write(write).then(
    (row) => answer({ id, pickupCode: row.pickup_code }),
    (error: unknown) => answer({ id, error: toWire(error) }),
  );
});
