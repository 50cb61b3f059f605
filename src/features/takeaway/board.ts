import type { BoardOrder, PrepLine } from '@contract/takeaway.schema';
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

/** Orders by pickup slot (earliest first); cancelled and expired ones stay in their slot, dimmed. */
export function groupBySlot(orders: readonly BoardOrder[]): SlotGroup[] {
  const groups = new Map<string, SlotGroup>();
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
    if (order.status === 'placed') group.waiting += 1;
    if (order.status === 'collected') group.collected += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.key < b.key ? -1 : 1),
  );
}

/** What the kitchen prepares: every item of orders not cancelled or expired, summed; of which handed out. */
export function prepListOf(orders: readonly BoardOrder[]): PrepLine[] {
  const lines = new Map<string, PrepLine>();
  for (const order of orders) {
    if (order.status === 'cancelled' || order.status === 'expired') continue;
    for (const item of order.items) {
      const line = lines.get(item.itemId) ?? { itemId: item.itemId, name: item.name, quantity: 0, collected: 0 };
      line.quantity += item.quantity;
      if (order.status === 'collected') line.collected += item.quantity;
      lines.set(item.itemId, line);
    }
  }
  return [...lines.values()].sort((a, b) => b.quantity - a.quantity || (a.name < b.name ? -1 : 1));
}

/** A 6-digit pickup code from what was typed or scanned (the QR holds exactly the digits). */
export function pickupCodeFrom(text: string): string | null {
  const digits = text.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
