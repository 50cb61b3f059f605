import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { EventBus } from '../../events/event-bus';
import { createInlineOrderWriter, type OrderWriter } from '../../fast-paths/orders/order-writer';
import { createInFlight } from '../../lib/in-flight';
import type { Clock } from '../../lib/time';
import type { MealCardService } from '../meal-card';
import type { MessagesService } from '../messages';
import { createDayClosing } from './day-closing';
import { createItemMemo } from './item-memo';
import { createOrderCancelling } from './order-cancelling';
import { createOrderEvents } from './order-events';
import { createOrderPickup } from './order-pickup';
import { createOrderPlacing } from './order-placing';
import { createOrderReads } from './order-reads';
import type { TakeawayService } from './takeaway.service';

/** How long a shutdown waits for orders still being placed (see flush) before it goes on. */
const FLUSH_WAIT_MS = 10_000;

/**
 * The orders of 食堂外卖, one job per file: placing (order-placing.ts), reading and the board
 * (order-reads.ts), cancelling (order-cancelling.ts), pickup (order-pickup.ts), close of day and
 * its housekeeping (day-closing.ts), the boards' events (order-events.ts). Here they are put
 * together, and what writes is tracked so that a shutdown can let it finish (see flush).
 */
export function createOrdersService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  bus: EventBus;
  messages: MessagesService;
  mealCards: MealCardService;
  takeaway: TakeawayService;
  /** Runs the order transactions; by default on this thread (see fast-paths/orders/order-writer.ts). */
  writer?: OrderWriter;
}) {
  const { db, clock, messages, mealCards, takeaway } = deps;
  const writer = deps.writer ?? createInlineOrderWriter(db);
  const events = createOrderEvents(deps.bus);
  const items = createItemMemo(db);
  const placing = createOrderPlacing({ db, clock, writer, items, events });
  const reads = createOrderReads({ db, clock, takeaway });
  const cancelling = createOrderCancelling({ db, clock, mealCards, messages, events });
  const pickups = createOrderPickup({ db, clock, messages, takeaway, events });
  const closing = createDayClosing({ db, clock, mealCards, messages, takeaway, items, events });
  /**
   * Placings, cancels, pickups and closes of day still running: each writes, then announces, so a
   * shutdown lets them finish before the bus and the database close (see flush). A request whose
   * client has gone is still running when the server has closed its last connection.
   */
  const running = createInFlight();

  return {
    place: (...args: Parameters<typeof placing.place>) => running.hold(placing.place(...args)),
    list: reads.list,
    get: reads.get,
    cancel: (...args: Parameters<typeof cancelling.cancel>) => running.hold(cancelling.cancel(...args)),
    pickup: (...args: Parameters<typeof pickups.pickup>) => running.hold(pickups.pickup(...args)),
    board: reads.board,
    boardOf: reads.boardOf,
    boardOrders: reads.boardOrders,
    boardOrderPage: reads.boardOrderPage,
    summaryOf: reads.summaryOf,
    closeDay: (...args: Parameters<typeof closing.closeDay>) => running.hold(closing.closeDay(...args)),
    closeOverdueDays: () => running.hold(closing.closeOverdueDays()),

    /**
     * On shutdown, before the bus and the database close: waits (a while at most) for the orders
     * being placed, cancelled or picked up and the days being closed, then for the order writer,
     * then sends what is still waiting to be announced and waits for that.
     */
    async flush(): Promise<void> {
      await running.settled(FLUSH_WAIT_MS);
      await writer.close();
      await events.flush();
    },
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
