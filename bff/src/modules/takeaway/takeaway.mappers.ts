import type { BoardOrder, Order, OrderEvent, PickupSlot, TakeawayItem } from '@contract/takeaway.schema';
import { toInstant } from '../../lib/time';
import type { OrderWithPerson } from './orders.repository';
import type { OrderLineRow, OrderRow, PickupSlotRow, TakeawayItemRow } from './takeaway.table';

// Rows → contract types: the only place a takeaway row's shape meets the wire's.

export const toSlot = (row: PickupSlotRow): PickupSlot => ({
  id: row.id,
  startsAt: toInstant(row.starts_at),
  endsAt: toInstant(row.ends_at),
  capacity: row.capacity,
  remaining: row.remaining,
});

export function toItem(row: TakeawayItemRow, slots: PickupSlotRow[]): TakeawayItem {
  return {
    id: row.id,
    canteenId: row.canteen_id,
    date: row.date,
    name: row.name,
    priceFen: row.price_fen,
    stock: row.stock,
    remaining: row.remaining,
    saleStartsAt: toInstant(row.sale_starts_at),
    saleEndsAt: toInstant(row.sale_ends_at),
    pickupStartsAt: toInstant(row.pickup_starts_at),
    pickupEndsAt: toInstant(row.pickup_ends_at),
    perPersonLimit: row.per_person_limit,
    ...(row.dish_id ? { dishId: row.dish_id } : {}),
    pickupSlots: slots.map(toSlot),
    status: row.status,
  };
}

/** Items with their slots, from two queries' rows. */
export function toItems(rows: TakeawayItemRow[], slots: PickupSlotRow[]): TakeawayItem[] {
  const byItem = new Map<string, PickupSlotRow[]>();
  for (const slot of slots) {
    const list = byItem.get(slot.item_id);
    if (list) list.push(slot);
    else byItem.set(slot.item_id, [slot]);
  }
  return rows.map((row) => toItem(row, byItem.get(row.id) ?? []));
}

function timeline(row: OrderRow): OrderEvent[] {
  const events: OrderEvent[] = [{ status: 'placed', at: toInstant(row.created_at) }];
  if (row.collected_at) events.push({ status: 'collected', at: toInstant(row.collected_at) });
  if (row.cancelled_at) events.push({ status: 'cancelled', at: toInstant(row.cancelled_at) });
  if (row.expired_at) events.push({ status: 'expired', at: toInstant(row.expired_at) });
  return events;
}

export function toOrder(row: OrderRow, lines: OrderLineRow[]): Order {
  return {
    id: row.id,
    canteenId: row.canteen_id,
    date: row.date,
    status: row.status,
    items: lines.map((l) => ({
      itemId: l.item_id,
      name: l.name,
      quantity: l.quantity,
      priceFen: l.price_fen,
      amountFen: l.quantity * l.price_fen,
    })),
    totalFen: row.total_fen,
    pickupSlot: row.pickup_slot_id
      ? { id: row.pickup_slot_id, startsAt: toInstant(row.pickup_starts_at), endsAt: toInstant(row.pickup_ends_at) }
      : null,
    pickupStartsAt: toInstant(row.pickup_starts_at),
    pickupEndsAt: toInstant(row.pickup_ends_at),
    pickupCode: row.pickup_code,
    cancellableUntil: toInstant(row.cancel_until),
    refundedFen: row.refunded_fen,
    timeline: timeline(row),
    createdAt: toInstant(row.created_at),
  };
}

/** Lines grouped by their order, to pair with the orders of a second query. */
export function linesByOrder(lines: OrderLineRow[]): Map<string, OrderLineRow[]> {
  const byOrder = new Map<string, OrderLineRow[]>();
  for (const line of lines) {
    const list = byOrder.get(line.order_id);
    if (list) list.push(line);
    else byOrder.set(line.order_id, [line]);
  }
  return byOrder;
}

export const toBoardOrder = (row: OrderWithPerson, lines: OrderLineRow[]): BoardOrder => ({
  ...toOrder(row, lines),
  person: { id: row.person_id, name: row.person_name, unit: row.person_unit },
});
