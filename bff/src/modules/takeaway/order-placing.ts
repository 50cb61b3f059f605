import type { Kysely } from 'kysely';
import type { NewOrder, Order } from '@contract/takeaway.schema';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { KeyTaken, type OrderWrite } from '../../fast-paths/orders/order-transaction';
import type { OrderWriter } from '../../fast-paths/orders/order-writer';
import { newSortableId, sha256Hex } from '../../lib/ids';
import { yuan } from '../../lib/money';
import { toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { ItemMemo } from './item-memo';
import { decide, isItemRefusal, normaliseLines, type CheckedOrder, type WantedLine } from './order-checks';
import type { OrderEvents } from './order-events';
import { findOrderByKey, linesOf } from './orders.repository';
import { toOrder } from './takeaway.mappers';
import type { OrderLineRow, OrderRow } from './takeaway.table';

/**
 * Placing an order: the checks a read can decide (order-checks.ts), then one transaction run by the
 * order writer (fast-paths/orders), then the board's event. A retried request (same
 * Idempotency-Key) answers the order it made.
 */
export function createOrderPlacing(deps: {
  db: Kysely<Database>;
  clock: Clock;
  writer: OrderWriter;
  items: ItemMemo;
  events: OrderEvents;
}) {
  const { db, clock, writer, items, events } = deps;

  async function replay(personId: string, idempotencyKey: string, requestHash: string): Promise<Order> {
    const earlier = await findOrderByKey(db, personId, idempotencyKey);
    if (!earlier) throw new Error('order replay without a stored order');
    if (earlier.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
    return toOrder(earlier, await linesOf(db, [earlier.id]));
  }

  /**
   * The refusals a read can decide, before any write. Items come from the memo: an order it lets
   * through is still decided by the transaction's conditional updates (which check status, sale
   * window and stock again), and a refusal is only ever answered from a fresh read, so a stale
   * memo never refuses an order.
   */
  async function check(input: NewOrder, wanted: WantedLine[], now: string): Promise<CheckedOrder> {
    const memo = await Promise.all(wanted.map((l) => items.get(l.itemId)));
    try {
      return await decide(db, input, wanted, memo, now);
    } catch (error) {
      if (!isItemRefusal(error)) throw error;
      items.forget(wanted.map((l) => l.itemId));
      const fresh = await Promise.all(wanted.map((l) => items.get(l.itemId)));
      return decide(db, input, wanted, fresh, now);
    }
  }

  /**
   * Places and pays for an order in one transaction. The checks before it answer the common
   * refusals cheaply; inside it, conditional updates on the card, each item (in id order), the
   * per-person counters and the slot are what actually hold the rules under concurrency.
   */
  async function place(
    person: Person,
    idempotencyKey: string,
    input: NewOrder,
  ): Promise<{ order: Order; replayed: boolean }> {
    const wanted = normaliseLines(input.items);
    const requestHash = sha256Hex(
      JSON.stringify({ canteenId: input.canteenId, lines: wanted, slot: input.pickupSlotId ?? null }),
    );
    const now = toStored(clock.now());
    let checked: CheckedOrder;
    try {
      checked = await check(input, wanted, now);
    } catch (error) {
      // Retries are rare, so the key is looked up only here (and on a key collision below): a
      // retry of an order that took the last portion must answer that order, not SOLD_OUT.
      if (error instanceof DomainError && (await findOrderByKey(db, person.id, idempotencyKey))) {
        return { order: await replay(person.id, idempotencyKey, requestHash), replayed: true };
      }
      throw error;
    }
    const { lines, date, slot } = checked;

    const totalFen = lines.reduce((sum, l) => sum + l.item.price_fen * l.quantity, 0);
    const orderId = newSortableId();
    const pickupEndsAt = slot
      ? slot.ends_at
      : lines
          .map((l) => l.item.pickup_ends_at)
          .sort()
          .reverse()[0];
    // Cancel until the sale closes, and never once the pickup window is over (nothing left to cancel).
    const saleEndsAt = lines.map((l) => l.item.sale_ends_at).sort()[0];
    const base: Omit<OrderRow, 'pickup_code'> = {
      id: orderId,
      person_id: person.id,
      canteen_id: input.canteenId,
      date,
      status: 'placed',
      total_fen: totalFen,
      refunded_fen: 0,
      pickup_slot_id: slot?.id ?? null,
      pickup_starts_at: slot ? slot.starts_at : lines.map((l) => l.item.pickup_starts_at).sort()[0],
      pickup_ends_at: pickupEndsAt,
      cancel_until: saleEndsAt < pickupEndsAt ? saleEndsAt : pickupEndsAt,
      idempotency_key: idempotencyKey,
      request_hash: requestHash,
      created_at: now,
      collected_at: null,
      collected_by: null,
      cancelled_at: null,
      expired_at: null,
    };
    const lineRows: OrderLineRow[] = lines.map((l) => ({
      order_id: orderId,
      item_id: l.item.id,
      name: l.item.name,
      quantity: l.quantity,
      price_fen: l.item.price_fen,
    }));

    const write: OrderWrite = {
      order: base,
      lines: lineRows,
      limits: lines.map((l) => l.item.per_person_limit),
      messageLead: `${lines.map((l) => `${l.item.name}×${l.quantity}`).join('、')}，已从餐卡支付 ${yuan(totalFen)}。`,
    };
    let row: OrderRow;
    try {
      row = await writer.write(write);
    } catch (error) {
      if (error instanceof KeyTaken)
        return { order: await replay(person.id, idempotencyKey, requestHash), replayed: true };
      // The memo let through what the transaction refused: the next order reads the items afresh.
      if (isItemRefusal(error)) items.forget(lines.map((l) => l.item.id));
      throw error;
    }
    events.ordersChanged(row.canteen_id, row.date, [row.id]);
    return { order: toOrder(row, lineRows), replayed: false };
  }

  return { place };
}
