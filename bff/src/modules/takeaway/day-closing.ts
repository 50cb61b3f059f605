import type { Kysely } from 'kysely';
import { ORDER_STATUS_LABELS, type CloseDayResult } from '@contract/takeaway.schema';
import { monthDayText } from '@contract/date-words';
import { shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { badRequest } from '../../errors';
import { requireDate } from '../../lib/date-params';
import { yuan } from '../../lib/money';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MealCardService } from '../meal-card';
import type { MessagesService } from '../messages';
import type { ItemMemo } from './item-memo';
import type { OrderEvents } from './order-events';
import {
  closedDaysWithEndedOrders,
  countPlaced,
  expirePlaced,
  markRefunded,
  openDaysBefore,
} from './orders.repository';
import { closeDayAndItems, findDay, findRefundExpired } from './takeaway.repository';
import type { TakeawayService } from './takeaway.service';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The diner's message for an expired order: what happened, and what happened to the money. */
function expiredMessage(date: string, pickupCode: string, totalFen: number, refunded: boolean): string {
  const lead = `${monthDayText(date)}取餐码 ${pickupCode} 的外卖订单在取餐时间内未取餐，已过期`;
  if (totalFen === 0) return `${lead}。`;
  return refunded
    ? `${lead}，${yuan(totalFen)} 已退回餐卡。`
    : `${lead}。本食堂过期订单不退款，已付的 ${yuan(totalFen)} 不退回餐卡。`;
}

/**
 * 结束今天: a canteen stops a day's sales and expires the orders nobody collected in their pickup
 * window. An order whose window has not ended is a paid promise of food at that time, so closing
 * early never takes it away: it stays 待取餐 and expires only once its window is over (a later close,
 * or housekeeping).
 */
export function createDayClosing(deps: {
  db: Kysely<Database>;
  clock: Clock;
  mealCards: MealCardService;
  messages: MessagesService;
  takeaway: TakeawayService;
  items: ItemMemo;
  events: OrderEvents;
}) {
  const { db, clock, mealCards, messages, takeaway, items, events } = deps;

  /**
   * Close of day: the day's items stop selling (for good), then every still-placed order of the
   * canteen's day whose pickup window has ended becomes expired; with the canteen's refundExpired
   * setting its money returns to the card. Orders still to be collected stay placed (`waiting`).
   * Run again (or by housekeeping after a crash in between, or once the waiting ones' windows have
   * ended), it finishes the job.
   * Without a person: housekeeping (closeOverdueDays), no access check.
   */
  async function closeDay(person: Person | undefined, canteenId: string, date: string): Promise<CloseDayResult> {
    if (person) await takeaway.assertManagerOf(person, canteenId);
    requireDate(date);
    if (date > shanghaiDate(clock.now())) throw badRequest('CLOSE_DAY_IN_FUTURE');
    const refund = await findRefundExpired(db, canteenId);
    const at = toStored(clock.now());
    // First the sales stop: once this commits, no order of the day can commit any more (an order
    // holding an item's row lock commits before the items are closed, so the expiry below sees it).
    // Its own transaction: it locks items, the expiry then cards, and orders lock cards before
    // items, so one transaction holding both could deadlock with an order on PostgreSQL.
    await transactionWithRetry(db, (trx) => closeDayAndItems(trx, canteenId, date, at, person?.id ?? null));
    items.clear();
    // Every board of the day, on every instance, learns of it (the first close counts).
    const day = await findDay(db, canteenId, date);
    if (day?.closed_at) events.dayClosed({ canteenId, date, closedAt: toInstant(day.closed_at) });
    const expired = await transactionWithRetry(db, async (trx) => {
      const rows = await expirePlaced(trx, canteenId, date, at);
      // Cards in person order, like every other writer that takes several card locks.
      const refundable = refund
        ? rows
            .filter((r) => r.total_fen > 0)
            .sort((a, b) => (a.person_id < b.person_id ? -1 : a.person_id > b.person_id ? 1 : byId(a, b)))
        : [];
      for (const r of refundable) {
        await mealCards.refund(trx, {
          personId: r.person_id,
          amountFen: r.total_fen,
          orderId: r.id,
          at,
          note: '过期订单退款',
        });
      }
      await markRefunded(
        trx,
        refundable.map((r) => r.id),
      );
      for (const r of rows) {
        await messages.send(trx, {
          personId: r.person_id,
          title: `外卖订单${ORDER_STATUS_LABELS.expired}`,
          body: expiredMessage(date, r.pickup_code, r.total_fen, refund),
          subject: { kind: 'takeaway-order', id: r.id },
          push: true,
        });
      }
      return { rows, refundable };
    });
    const waiting = await countPlaced(db, canteenId, date);
    events.ordersChanged(
      canteenId,
      date,
      expired.rows.map((r) => r.id),
    );
    return {
      date,
      expired: expired.rows.length,
      waiting,
      refunded: expired.refundable.length,
      refundedFen: expired.refundable.reduce((sum, r) => sum + r.total_fen, 0),
    };
  }

  /**
   * Closes every earlier day someone left open, and finishes days closed early whose waiting
   * orders' pickup windows have since ended (for a periodic job); answers what it did per day.
   */
  async function closeOverdueDays(): Promise<(CloseDayResult & { canteenId: string })[]> {
    const today = shanghaiDate(clock.now());
    const results: (CloseDayResult & { canteenId: string })[] = [];
    const overdue = [
      ...(await openDaysBefore(db, today)),
      ...(await closedDaysWithEndedOrders(db, today, toStored(clock.now()))),
    ];
    for (const day of overdue) {
      results.push({ canteenId: day.canteen_id, ...(await closeDay(undefined, day.canteen_id, day.date)) });
    }
    return results;
  }

  return { closeDay, closeOverdueDays };
}
