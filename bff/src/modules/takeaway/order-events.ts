import type { EventBus } from '../../events/event-bus';
import { createInFlight } from '../../lib/in-flight';

// What the orders tell the live boards, on every instance, after each commit.

/** The bus channel of order changes: `{ canteenId, date, orderIds }`. */
export const ORDER_EVENTS = 'takeaway.orders';
/** A canteen closed a day (结束今天): `{canteenId, date, closedAt}`, closedAt an ISO instant. */
export const DAY_CLOSED_EVENTS = 'takeaway.day-closed';

export interface DayClosedPayload {
  canteenId: string;
  date: string;
  closedAt: string;
}
export interface OrderEventPayload {
  canteenId: string;
  date: string;
  orderIds: string[];
}
/** Keeps a NOTIFY payload well under PostgreSQL's 8000 bytes. */
const IDS_PER_EVENT = 100;

/**
 * Announces order changes and closes of day after commit. Orders committed in the same turn of the
 * event loop (a lunch rush) go out as one event per canteen and day, not one each (on PostgreSQL
 * each event is a NOTIFY round trip). Events carry ids only; boards read the orders themselves.
 */
export function createOrderEvents(bus: EventBus) {
  /** Changed orders not yet announced, by canteen and day; sent together after this turn of the event loop. */
  const unannounced = new Map<string, OrderEventPayload>();
  /** Announcements on their way, so a shutdown can wait for them before the bus and database close. */
  const sending = createInFlight();

  function announce(): void {
    const events = [...unannounced.values()];
    unannounced.clear();
    for (const { canteenId, date, orderIds } of events) {
      for (let i = 0; i < orderIds.length; i += IDS_PER_EVENT) {
        // The bus never throws: a lost event only delays a board until it reloads.
        void sending.hold(
          bus.publish(ORDER_EVENTS, {
            canteenId,
            date,
            orderIds: orderIds.slice(i, i + IDS_PER_EVENT),
          } satisfies OrderEventPayload),
        );
      }
    }
  }

  return {
    /** These orders of the canteen's day changed (call after commit). */
    ordersChanged(canteenId: string, date: string, orderIds: string[]): void {
      if (orderIds.length === 0) return;
      const key = `${canteenId}\u0000${date}`;
      const pending = unannounced.get(key);
      if (pending) pending.orderIds.push(...orderIds);
      else {
        if (unannounced.size === 0) setImmediate(announce);
        unannounced.set(key, { canteenId, date, orderIds: [...orderIds] });
      }
    },

    /** Every board of the day, on every instance, learns that the day closed. */
    dayClosed(payload: DayClosedPayload): void {
      void sending.hold(bus.publish(DAY_CLOSED_EVENTS, payload satisfies DayClosedPayload));
    },

    /** Sends what is still waiting to be announced and waits until the bus has it all. */
    async flush(): Promise<void> {
      announce();
      await sending.settled();
    },
  };
}

export type OrderEvents = ReturnType<typeof createOrderEvents>;
