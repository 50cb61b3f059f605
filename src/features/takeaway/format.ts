import type { Order, OrderStatus, PickupSlot, TakeawayItem } from '@contract/takeaway.schema';
import { ORDER_EVENT_LABELS, ORDER_STATUS_LABELS } from '@contract/takeaway';
import { monthDayText } from '@contract/date-words';
import { formatInstant, inShanghai, todayDate } from '@/shared/time';

/**
 * Wall-clock text of an instant on a day: `HH:mm`, with the next day's midnight shown as `24:00`
 * (a window "until the end of the day").
 */
export function clockOn(instant: string, date: string): string {
  const at = inShanghai(instant);
  if (at.format('HH:mm') === '00:00' && at.format('YYYY-MM-DD') > date) return '24:00';
  return at.format('HH:mm');
}

/** `11:00–11:30` for a window on `date`. */
export function windowText(startsAt: string, endsAt: string, date: string): string {
  return `${clockOn(startsAt, date)}–${clockOn(endsAt, date)}`;
}

/** 今天 / 明天 / `11月21日` for a 'YYYY-MM-DD'. */
export function dayText(date: string, now?: string): string {
  const today = todayDate(now);
  if (date === today) return '今天';
  if (date === inShanghai(now).add(1, 'day').format('YYYY-MM-DD')) return '明天';
  if (date === inShanghai(now).subtract(1, 'day').format('YYYY-MM-DD')) return '昨天';
  return monthDayText(date);
}

/** `11月21日 周六` for headers. */
export function longDayText(date: string): string {
  return inShanghai(`${date}T12:00:00+08:00`).format('M月D日 ddd');
}

export type SaleState = 'on-sale' | 'sold-out' | 'not-open' | 'closed' | 'withdrawn';

/** Where an item stands for a diner right now. */
export function saleState(item: TakeawayItem, now: number = Date.now()): SaleState {
  if (item.status !== 'published') return 'withdrawn';
  if (now < Date.parse(item.saleStartsAt)) return 'not-open';
  if (now >= Date.parse(item.saleEndsAt)) return 'closed';
  if (item.remaining <= 0) return 'sold-out';
  return 'on-sale';
}

/** Most of one item one person may put in the cart now: what is left of the stock and of their limit (less what they already bought). */
export function maxOrderable(item: TakeawayItem): number {
  return Math.max(0, Math.min(item.remaining, item.limitLeft ?? item.perPersonLimit ?? Infinity, 99));
}

/**
 * The slotted item already in the cart that `item` cannot join: an order holds at most one item
 * split into pickup slots (the BFF's ORDER_MIXED_SLOTS), so the cart stops the mix when adding.
 */
export function slottedConflict(
  item: TakeawayItem,
  items: readonly TakeawayItem[],
  lines: Readonly<Record<string, number>>,
): TakeawayItem | undefined {
  if (item.pickupSlots.length === 0) return undefined;
  return items.find((other) => other.id !== item.id && other.pickupSlots.length > 0 && (lines[other.id] ?? 0) > 0);
}

/** A placed order waits at the counter: 待取餐 (ORDER_STATUS_LABELS), the same word in every list. */
export const statusLabel = (status: OrderStatus): string => ORDER_STATUS_LABELS[status];

/** A timeline step: the event (placing is 已下单). */
export const eventLabel = (status: OrderStatus): string => ORDER_EVENT_LABELS[status];

/** `红烧肉套餐×1、杂粮馒头（4个）×2` */
export function linesText(order: Pick<Order, 'items'>): string {
  return order.items.map((line) => `${line.name}×${line.quantity}`).join('、');
}

/** When to come for an order: `今天 11:00–11:30`. */
export function pickupText(order: Pick<Order, 'date' | 'pickupStartsAt' | 'pickupEndsAt'>): string {
  return `${dayText(order.date)} ${windowText(order.pickupStartsAt, order.pickupEndsAt, order.date)}`;
}

export function atText(instant: string): string {
  return formatInstant(instant, 'M月D日 HH:mm');
}

/**
 * The pickup slots to offer for a cart: every slot of its items, one per time window (items may
 * each have their own slot with the same times), keeping the one with the most places left.
 */
export function slotChoices(items: readonly TakeawayItem[]): PickupSlot[] {
  const byWindow = new Map<string, PickupSlot>();
  for (const slot of items.flatMap((item) => item.pickupSlots)) {
    const key = `${slot.startsAt}|${slot.endsAt}`;
    const seen = byWindow.get(key);
    if (!seen || slot.remaining > seen.remaining) byWindow.set(key, slot);
  }
  return [...byWindow.values()].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
