import type { ErrorCode } from '@contract/errors';
import { DomainError } from '../../errors';
import { KeyTaken, type OrderWrite } from './order-transaction';

// What crosses between the server's event loop and the order writer thread (writer-thread.ts).

/**
 * One order write as it crosses to the order writer thread: JSON text of a flat array of values,
 * `[id, ...order fields, messageLead, lines, ...(item_id, name, quantity, price_fen, limit) per line]`.
 * Structured cloning an OrderWrite costs more than JSON does on both threads, and JSON of the
 * objects spends much of its time on the keys, so only the values cross. A line's order_id is the
 * order's id.
 */
export type WriteRequest = string;

/** Every field of the order row but its pickup code, in wire order. */
const ORDER_FIELDS = [
  'id',
  'person_id',
  'canteen_id',
  'date',
  'status',
  'total_fen',
  'refunded_fen',
  'pickup_slot_id',
  'pickup_starts_at',
  'pickup_ends_at',
  'cancel_until',
  'idempotency_key',
  'request_hash',
  'created_at',
  'collected_at',
  'collected_by',
  'cancelled_at',
  'expired_at',
] as const satisfies readonly (keyof OrderWrite['order'])[];

type Order = OrderWrite['order'];
// A field added to the order row and not to ORDER_FIELDS fails to compile here.
type Unsent = Exclude<keyof Order, (typeof ORDER_FIELDS)[number]>;
const everyFieldSent: [Unsent] extends [never] ? true : Unsent = true;
void everyFieldSent;

const VALUES_PER_LINE = 5;

export function encodeWrite(id: number, write: OrderWrite): WriteRequest {
  const values: unknown[] = [id];
  for (const field of ORDER_FIELDS) values.push(write.order[field]);
  values.push(write.messageLead, write.lines.length);
  write.lines.forEach((line, i) =>
    values.push(line.item_id, line.name, line.quantity, line.price_fen, write.limits[i]),
  );
  return JSON.stringify(values);
}

export function decodeWrite(text: WriteRequest): [number, OrderWrite] {
  const values = JSON.parse(text) as unknown[];
  const order: Record<string, unknown> = {};
  ORDER_FIELDS.forEach((field, i) => (order[field] = values[1 + i]));
  let at = 1 + ORDER_FIELDS.length;
  const messageLead = values[at++] as string;
  const count = values[at++] as number;
  const write: OrderWrite = { order: order as Order, lines: [], limits: [], messageLead };
  for (let i = 0; i < count; i++, at += VALUES_PER_LINE) {
    write.lines.push({
      order_id: write.order.id,
      item_id: values[at] as string,
      name: values[at + 1] as string,
      quantity: values[at + 2] as number,
      price_fen: values[at + 3] as number,
    });
    write.limits.push(values[at + 4] as number | null);
  }
  return [values[0] as number, write];
}

// Of the row it wrote, the writer only needs to tell what it drew: the pickup code.
export type WireError =
  | { kind: 'domain'; code: ErrorCode; status: number; message: string }
  | { kind: 'key-taken' }
  | { kind: 'error'; message: string; code?: string };
export type WriteAnswer = { id: number; pickupCode: string } | { id: number; error: WireError };
/** Main → writer: one write, or 'close' (finish what it was given, close the database, exit). */
export type ToWriter = WriteRequest | { close: true };
/** Writer → main: the answers of one commit, or 'ready' once its database is open. */
export type FromWriter = WriteAnswer[] | 'ready';

export function toWire(error: unknown): WireError {
  if (error instanceof DomainError)
    return { kind: 'domain', code: error.code, status: error.status, message: error.message };
  if (error instanceof KeyTaken) return { kind: 'key-taken' };
  const e = error as { message?: unknown; code?: unknown };
  return {
    kind: 'error',
    message: typeof e?.message === 'string' ? e.message : String(error),
    code: typeof e?.code === 'string' ? e.code : undefined,
  };
}

export function fromWire(error: WireError): Error {
  if (error.kind === 'domain') return new DomainError(error.code, error.status, error.message);
  if (error.kind === 'key-taken') return new KeyTaken();
  return Object.assign(new Error(`order writer: ${error.message}`), error.code ? { code: error.code } : {});
}
