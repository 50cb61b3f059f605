import type { Kysely } from 'kysely';
import type { ErrorCode } from '@contract/errors';
import { TAKEAWAY_LIMITS, type NewOrder } from '@contract/takeaway.schema';
import type { Database } from '../../db/schema';
import { DomainError, badRequest, conflict, notFound } from '../../errors';
import { findSlot, slotsOfItems } from './takeaway.repository';
import type { PickupSlotRow, TakeawayItemRow } from './takeaway.table';

// The refusals of a new order that reads can decide, before its transaction.

/** One item of a new order and how many, merged and validated (see normaliseLines). */
export interface WantedLine {
  itemId: string;
  quantity: number;
}

export interface CheckedLine {
  item: TakeawayItemRow;
  quantity: number;
}

/** An order that passed the checks: its lines, its day and its pickup slot, if any. */
export interface CheckedOrder {
  lines: CheckedLine[];
  date: string;
  slot: PickupSlotRow | undefined;
}

/**
 * Refusals that depend on an item's changing state (stock, status, sale window, close of day,
 * limit), which a memoised item may show out of date. Others (slots, balance, mixed orders) are
 * decided from fresh reads or from the request itself.
 */
const ITEM_REFUSALS = new Set<ErrorCode>([
  'ITEM_NOT_FOUND',
  'TAKEAWAY_DAY_CLOSED',
  'ITEM_WITHDRAWN',
  'SALE_NOT_OPEN',
  'SALE_CLOSED',
  'LIMIT_EXCEEDED',
  'SOLD_OUT',
]);
export const isItemRefusal = (error: unknown): boolean => error instanceof DomainError && ITEM_REFUSALS.has(error.code);

/** Quantities must be whole numbers from 1 to the maximum; lines for one item are merged. */
export function normaliseLines(items: NewOrder['items']): WantedLine[] {
  const merged = new Map<string, number>();
  for (const { itemId, quantity } of items) {
    if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > TAKEAWAY_LIMITS.maxQuantity)
      throw badRequest('INVALID_QUANTITY');
    merged.set(itemId, (merged.get(itemId) ?? 0) + quantity);
  }
  const lines = [...merged]
    .map(([itemId, quantity]) => ({ itemId, quantity }))
    .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
  if (lines.some((l) => l.quantity > TAKEAWAY_LIMITS.maxQuantity)) throw badRequest('INVALID_QUANTITY');
  return lines;
}

/**
 * Decides the order from the items as given (`items[i]` is `wanted[i]`'s, undefined when missing)
 * and the slots it reads: unknown, foreign, withdrawn, closed, sold out, slots.
 */
export async function decide(
  db: Kysely<Database>,
  input: NewOrder,
  wanted: WantedLine[],
  items: (TakeawayItemRow | undefined)[],
  now: string,
): Promise<CheckedOrder> {
  const lines: CheckedLine[] = wanted.map(({ quantity }, i) => {
    const item = items[i];
    if (!item) throw notFound('ITEM_NOT_FOUND');
    return { item, quantity };
  });
  for (const { item } of lines) if (item.canteen_id !== input.canteenId) throw conflict('WRONG_CANTEEN');
  const date = lines[0].item.date;
  if (lines.some((l) => l.item.date !== date)) throw badRequest('ORDER_MIXED_DATES');
  // A pickup slot is one item's, and an order names one slot: an item split into slots is
  // ordered without another such item, so every slotted item's places are counted.
  if (lines.filter((l) => l.item.has_slots === 1).length > 1) throw badRequest('ORDER_MIXED_SLOTS');
  for (const { item, quantity } of lines) {
    if (item.closed_at !== null) throw conflict('TAKEAWAY_DAY_CLOSED');
    if (item.status !== 'published') throw conflict('ITEM_WITHDRAWN');
    if (now < item.sale_starts_at) throw conflict('SALE_NOT_OPEN');
    if (now >= item.sale_ends_at) throw conflict('SALE_CLOSED');
    if (item.per_person_limit !== null && quantity > item.per_person_limit) throw conflict('LIMIT_EXCEEDED');
    if (item.remaining < quantity) throw conflict('SOLD_OUT');
  }

  // Slots are read only when they matter: a slot was chosen, or an item is split into slots.
  const slots =
    input.pickupSlotId !== undefined || lines.some((l) => l.item.has_slots === 1)
      ? await slotsOfItems(
          db,
          lines.map((l) => l.item.id),
        )
      : [];
  const slot = input.pickupSlotId ? slots.find((s) => s.id === input.pickupSlotId) : undefined;
  if (input.pickupSlotId && !slot) {
    const elsewhere = await findSlot(db, input.pickupSlotId);
    throw elsewhere && elsewhere.canteen_id !== input.canteenId
      ? conflict('WRONG_CANTEEN')
      : notFound('SLOT_NOT_FOUND');
  }
  if (!slot && slots.length > 0) throw badRequest('PICKUP_SLOT_REQUIRED');
  // A slot that is over could never be collected in (and could no longer be cancelled).
  if (slot && now >= slot.ends_at) throw conflict('SLOT_ENDED');
  if (slot && slot.remaining < 1) throw conflict('SLOT_FULL');
  return { lines, date, slot };
}
