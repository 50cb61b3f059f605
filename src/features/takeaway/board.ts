import type { BoardOrder, BoardSlot } from '@contract/takeaway.schema';
import { windowText } from './format';

export interface SlotGroup {
  key: string;
  /** `11:00–11:30`, or the items' pickup window for orders without a slot. */
  label: string;
  startsAt: string;
  orders: BoardOrder[];
  waiting: number;
  collected: number;
}

/**
 * Orders by pickup slot (earliest first); cancelled and expired ones stay in their slot, dimmed.
 * With the database's slots (the summary), every slot shows with its counts, even before any of
 * its orders is loaded.
 */
export function groupBySlot(orders: readonly BoardOrder[], slots?: readonly BoardSlot[]): SlotGroup[] {
  const groups = new Map<string, SlotGroup>();
  for (const slot of slots ?? []) {
    const key = `${slot.startsAt}|${slot.endsAt}`;
    const date = orders.find((o) => o.pickupStartsAt === slot.startsAt)?.date;
    groups.set(key, {
      key,
      label: `${slot.slotted ? '' : '不分时段 '}${windowText(slot.startsAt, slot.endsAt, date ?? slot.startsAt.slice(0, 10))}`,
      startsAt: slot.startsAt,
      orders: [],
      waiting: slot.counts.placed,
      collected: slot.counts.collected,
    });
  }
  const counted = slots !== undefined;
  for (const order of orders) {
    const key = `${order.pickupStartsAt}|${order.pickupEndsAt}`;
    const group = groups.get(key) ?? {
      key,
      label: `${order.pickupSlot ? '' : '不分时段 '}${windowText(order.pickupStartsAt, order.pickupEndsAt, order.date)}`,
      startsAt: order.pickupStartsAt,
      orders: [],
      waiting: 0,
      collected: 0,
    };
    group.orders.push(order);
    groups.set(key, group);
    if (counted) continue;
    if (order.status === 'placed') group.waiting += 1;
    if (order.status === 'collected') group.collected += 1;
  }
  return [...groups.values()].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.key < b.key ? -1 : 1),
  );
}

/** A 6-digit pickup code from what was typed or scanned (the QR holds exactly the digits). */
export function pickupCodeFrom(text: string): string | null {
  const digits = text.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
