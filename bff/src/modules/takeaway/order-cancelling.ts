import type { Kysely } from 'kysely';
import type { Order } from '@contract/takeaway.schema';
import type { Database } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { yuan } from '../../lib/money';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MealCardService } from '../meal-card';
import type { MessagesService } from '../messages';
import type { OrderEvents } from './order-events';
import { OrderMoved, refuseFinished } from './order-outcomes';
import { findOrder, linesOf, markCancelled } from './orders.repository';
import { toOrder } from './takeaway.mappers';
import { findItems, removePurchase, returnSlot, returnStock } from './takeaway.repository';
import type { OrderRow } from './takeaway.table';

/** A person cancels their own order, until its sale window closes. */
export function createOrderCancelling(deps: {
  db: Kysely<Database>;
  clock: Clock;
  mealCards: MealCardService;
  messages: MessagesService;
  events: OrderEvents;
}) {
  const { db, clock, mealCards, messages, events } = deps;

  const withLines = async (row: OrderRow): Promise<Order> => toOrder(row, await linesOf(db, [row.id]));

  /** Stock, slot, limit and money all return, in one transaction (the lock order of README.md). */
  async function cancel(person: Person, orderId: string): Promise<Order> {
    const row = await findOrder(db, orderId);
    if (!row || row.person_id !== person.id) throw notFound('ORDER_NOT_FOUND');
    if (row.status === 'cancelled') return withLines(row);
    if (row.status !== 'placed') throw refuseFinished(row.status);
    const at = toStored(clock.now());
    if (at >= row.cancel_until) throw conflict('ORDER_NOT_CANCELLABLE');
    const lines = await linesOf(db, [row.id]);
    const limited = new Set(
      (
        await findItems(
          db,
          lines.map((l) => l.item_id),
        )
      )
        .filter((i) => i.per_person_limit !== null)
        .map((i) => i.id),
    );
    try {
      await transactionWithRetry(db, async (trx) => {
        if (!(await markCancelled(trx, row.id, at))) throw new OrderMoved();
        if (row.total_fen > 0)
          await mealCards.refund(trx, {
            personId: row.person_id,
            amountFen: row.total_fen,
            orderId: row.id,
            at,
            note: '取消订单退款',
          });
        for (const line of lines) {
          await returnStock(trx, line.item_id, line.quantity);
          if (limited.has(line.item_id)) await removePurchase(trx, row.person_id, line.item_id, line.quantity);
        }
        if (row.pickup_slot_id) await returnSlot(trx, row.pickup_slot_id);
        await messages.send(trx, {
          personId: row.person_id,
          title: '外卖订单已取消',
          body: `取餐码 ${row.pickup_code} 的订单已取消，${yuan(row.total_fen)} 已退回餐卡。`,
          subject: { kind: 'takeaway-order', id: row.id },
        });
      });
    } catch (error) {
      if (!(error instanceof OrderMoved)) throw error;
      // Someone else changed it first (a pickup, close of day, or a second cancel).
      const now = await findOrder(db, row.id);
      if (now?.status === 'cancelled') return withLines(now);
      throw refuseFinished(now?.status ?? 'expired');
    }
    events.ordersChanged(row.canteen_id, row.date, [row.id]);
    return withLines((await findOrder(db, row.id))!);
  }

  return { cancel };
}
