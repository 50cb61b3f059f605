import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DomainError, conflict, notFound } from '../../errors';
import { findOrderByKey, insertLines, insertOrder } from '../../modules/takeaway/orders.repository';
import { addPurchase, findItem, takeSlot, takeStock } from '../../modules/takeaway/takeaway.repository';
import type { OrderLineRow, OrderRow, TakeawayItemRow } from '../../modules/takeaway/takeaway.table';
import { payForOrder, writeOrderMessage } from './card-and-message-writes';

/**
 * Everything the order transaction writes, decided before it: plain data, so the transaction can
 * run on this thread or on the order writer thread (writer-thread.ts) alike.
 */
export interface OrderWrite {
  /** The order row but its pickup code, which each attempt draws afresh. */
  order: Omit<OrderRow, 'pickup_code'>;
  lines: OrderLineRow[];
  /** Each line's item's per-person limit (null: none), in the order of `lines`. */
  limits: (number | null)[];
  /** The message's text before its pickup code: `…，已从餐卡支付 ¥12.00。` */
  messageLead: string;
}

/** Thrown by `writeOrder` when this person's idempotency key already has an order. */
export class KeyTaken extends Error {
  constructor() {
    super('idempotency key taken');
    this.name = 'KeyTaken';
  }
}

/**
 * Codes drawn before giving up. A canteen's day with 100,000 orders takes a tenth of the million
 * codes, so each draw collides with that chance: 20 draws all collide about once in 10^20 orders.
 */
const PICKUP_CODE_DRAWS = 20;

export const newPickupCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Why a conditional stock update refused: the item as it is now. */
export function refuseItem(item: TakeawayItemRow | undefined, now: string): DomainError {
  if (!item) return notFound('ITEM_NOT_FOUND');
  if (item.closed_at !== null) return conflict('TAKEAWAY_DAY_CLOSED');
  if (item.status !== 'published') return conflict('ITEM_WITHDRAWN');
  if (now < item.sale_starts_at) return conflict('SALE_NOT_OPEN');
  if (now >= item.sale_ends_at) return conflict('SALE_CLOSED');
  return conflict('SOLD_OUT');
}

/**
 * Places and pays for an order in the caller's transaction. Conditional updates on the card, each
 * item (in id order), the per-person counters and the slot are what hold the rules under
 * concurrency; any refusal throws and the caller rolls the transaction (or its savepoint) back.
 *
 * Lock order everywhere: the order row, then the card, then items by id, then per-person counters,
 * then the slot. Cancel and close-of-day follow the same order: no deadlocks.
 */
export async function writeOrder(trx: Kysely<Database>, write: OrderWrite): Promise<OrderRow> {
  const { order, lines, limits } = write;
  const now = order.created_at;
  const row = await insertWithFreeCode(trx, order);
  await payForOrder(trx, {
    personId: order.person_id,
    amountFen: order.total_fen,
    orderId: order.id,
    at: now,
    note: '外卖订单',
  });
  // New rows only (no lock another order waits for) before the items: on PostgreSQL every order of
  // a popular item queues for its row, which is then held only until the commit.
  await insertLines(trx, lines);
  await writeOrderMessage(
    trx,
    {
      personId: order.person_id,
      title: '外卖下单成功',
      body: `${write.messageLead}取餐码 ${row.pickup_code}。`,
      subject: { kind: 'takeaway-order', id: order.id },
    },
    now,
  );
  for (const { item_id, quantity } of lines) {
    if (!(await takeStock(trx, item_id, quantity, now))) throw refuseItem(await findItem(trx, item_id), now);
  }
  for (const [i, { item_id, quantity }] of lines.entries()) {
    const limit = limits[i];
    if (limit !== null && !(await addPurchase(trx, order.person_id, item_id, quantity, limit))) {
      throw conflict('LIMIT_EXCEEDED');
    }
  }
  if (order.pickup_slot_id && !(await takeSlot(trx, order.pickup_slot_id))) throw conflict('SLOT_FULL');
  return row;
}

/**
 * Inserts the order with a pickup code no other order of the canteen's day has, drawing again on a
 * collision; a taken idempotency key throws KeyTaken.
 */
async function insertWithFreeCode(trx: Kysely<Database>, order: OrderWrite['order']): Promise<OrderRow> {
  for (let draw = 1; draw <= PICKUP_CODE_DRAWS; draw++) {
    const row: OrderRow = { ...order, pickup_code: newPickupCode() };
    if (await insertOrder(trx, row)) return row;
    if (await findOrderByKey(trx, order.person_id, order.idempotency_key)) throw new KeyTaken();
  }
  throw new Error(`no free pickup code in ${PICKUP_CODE_DRAWS} draws for ${order.canteen_id} on ${order.date}`);
}
