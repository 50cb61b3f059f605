import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { compiledOnce } from '../../fast-paths/compiled-statements';
import type { PickupSlotRow, TakeawayDayRow, TakeawayItemRow } from './takeaway.table';

/** An item as created: its day is open. */
export type NewItemRow = Omit<TakeawayItemRow, 'closed_at'>;

type Db = Kysely<Database>;

// Canteen staff links (the seed) and takeaway settings -------------------------------------------------------------

/** Idempotent: the canteen menus seed may link the same people. */
export async function linkCanteenStaff(db: Db, links: { person_id: string; canteen_id: string }[]): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('canteen_staff')
    .values(links)
    .onConflict((oc) => oc.columns(['person_id', 'canteen_id']).doNothing())
    .execute();
}

export async function findRefundExpired(db: Db, canteenId: string): Promise<boolean> {
  const row = await db
    .selectFrom('takeaway_settings')
    .select('refund_expired')
    .where('canteen_id', '=', canteenId)
    .executeTakeFirst();
  return row?.refund_expired === 1;
}

export async function saveRefundExpired(
  db: Db,
  canteenId: string,
  refundExpired: boolean,
  by: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('takeaway_settings')
    .values({ canteen_id: canteenId, refund_expired: refundExpired ? 1 : 0, updated_at: at, updated_by: by })
    .onConflict((oc) =>
      oc.column('canteen_id').doUpdateSet((eb) => ({
        refund_expired: eb.ref('excluded.refund_expired'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .execute();
}

// Takeaway days (结束今天) ------------------------------------------------------------------------
// Adding an item and closing a day each write the day's row first: on PostgreSQL its row lock puts
// them in order, so no item lands in a day that is closing. Orders never touch this row.

/** Registers an open day before an item is added to it; false when the day is already closed. */
export async function openDay(db: Db, canteenId: string, date: string): Promise<boolean> {
  const row = await db
    .insertInto('takeaway_days')
    .values({ canteen_id: canteenId, date, closed_at: null, closed_by: null })
    .onConflict((oc) =>
      oc
        .columns(['canteen_id', 'date'])
        // A no-op update: it locks the row and answers it only while the day is open.
        .doUpdateSet((eb) => ({ closed_at: eb.ref('takeaway_days.closed_at') }))
        .where('takeaway_days.closed_at', 'is', null),
    )
    .returning('canteen_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Closes the day, then every item of it (which waits for the orders holding an item's row lock,
 * and makes every later conditional stock update refuse). A day closed before keeps its first close.
 * Items are closed one by one in id order, the order in which orders and cancels lock them: one
 * UPDATE over the day would lock them in whatever order the scan meets them, and could deadlock
 * on PostgreSQL with an order of two items that holds one and waits for the other.
 */
export async function closeDayAndItems(
  db: Db,
  canteenId: string,
  date: string,
  at: string,
  by: string | null,
): Promise<void> {
  await db
    .insertInto('takeaway_days')
    .values({ canteen_id: canteenId, date, closed_at: at, closed_by: by })
    .onConflict((oc) =>
      oc.columns(['canteen_id', 'date']).doUpdateSet((eb) => ({
        closed_at: eb.fn.coalesce('takeaway_days.closed_at', 'excluded.closed_at'),
        closed_by: eb.fn.coalesce('takeaway_days.closed_by', 'excluded.closed_by'),
      })),
    )
    .execute();
  const open = await db
    .selectFrom('takeaway_items')
    .select('id')
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .where('closed_at', 'is', null)
    .orderBy('id')
    .execute();
  for (const { id } of open) {
    await db
      .updateTable('takeaway_items')
      .set({ closed_at: at, updated_at: at })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .execute();
  }
}

export async function findDay(db: Db, canteenId: string, date: string): Promise<TakeawayDayRow | undefined> {
  return db
    .selectFrom('takeaway_days')
    .selectAll()
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .executeTakeFirst();
}

// Items and pickup slots -------------------------------------------------------------------------

export async function insertItem(db: Db, item: NewItemRow, slots: PickupSlotRow[]): Promise<void> {
  await db
    .insertInto('takeaway_items')
    .values({ ...item, closed_at: null })
    .execute();
  if (slots.length > 0) await db.insertInto('takeaway_pickup_slots').values(slots).execute();
}

/** For the seed: leaves an existing item (same id) as it is. */
export async function insertItemIfAbsent(db: Db, item: NewItemRow, slots: PickupSlotRow[]): Promise<boolean> {
  const result = await db
    .insertInto('takeaway_items')
    .values({ ...item, closed_at: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (slots.length > 0) await db.insertInto('takeaway_pickup_slots').values(slots).execute();
  return true;
}

const itemById = compiledOnce((db: Db, p: { id: string }) =>
  db.selectFrom('takeaway_items').selectAll().where('id', '=', p.id),
);

export async function findItem(db: Db, id: string): Promise<TakeawayItemRow | undefined> {
  return (await itemById(db, { id })).rows[0];
}

export async function findItems(db: Db, ids: string[]): Promise<TakeawayItemRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('takeaway_items').selectAll().where('id', 'in', ids).execute();
}

export async function listItems(
  db: Db,
  canteenId: string,
  date: string,
  includeWithdrawn: boolean,
): Promise<TakeawayItemRow[]> {
  let query = db.selectFrom('takeaway_items').selectAll().where('canteen_id', '=', canteenId).where('date', '=', date);
  if (!includeWithdrawn) query = query.where('status', '=', 'published');
  return query.orderBy('sale_starts_at').orderBy('name').orderBy('id').execute();
}

export async function slotsOfItems(db: Db, itemIds: string[]): Promise<PickupSlotRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('takeaway_pickup_slots')
    .selectAll()
    .where('item_id', 'in', itemIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function findSlot(db: Db, id: string): Promise<PickupSlotRow | undefined> {
  return db.selectFrom('takeaway_pickup_slots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setItemStatus(
  db: Db,
  canteenId: string,
  id: string,
  status: 'published' | 'withdrawn',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_items')
    .set({ status, updated_at: at })
    .where('id', '=', id)
    .where('canteen_id', '=', canteenId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * New stock, in one conditional statement: what is sold (stock − remaining) stays sold, so the
 * change is refused when the new stock is below it, even while orders are coming in.
 */
export async function changeStock(db: Db, canteenId: string, id: string, stock: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_items')
    .set((eb) => ({ remaining: eb(eb('remaining', '+', stock), '-', eb.ref('stock')), stock, updated_at: at }))
    .where('id', '=', id)
    .where('canteen_id', '=', canteenId)
    .where((eb) => eb(eb('stock', '-', eb.ref('remaining')), '<=', stock))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const takeStockStatement = compiledOnce((db: Db, p: { itemId: string; quantity: number; now: string }) =>
  db
    .updateTable('takeaway_items')
    .set((eb) => ({ remaining: eb('remaining', '-', p.quantity) }))
    .where('id', '=', p.itemId)
    .where('remaining', '>=', p.quantity)
    .where('status', '=', 'published')
    .where('sale_starts_at', '<=', p.now)
    .where('sale_ends_at', '>', p.now)
    .where('closed_at', 'is', null)
    .returning('id'),
);

/**
 * Takes `quantity` off the item if it is on sale now, its day is not closed and enough remains:
 * the conditional UPDATE is the oversell guard (and on PostgreSQL the item's row lock until commit).
 */
export async function takeStock(db: Db, itemId: string, quantity: number, now: string): Promise<boolean> {
  return (await takeStockStatement(db, { itemId, quantity, now })).rows.length > 0;
}

export async function returnStock(db: Db, itemId: string, quantity: number): Promise<void> {
  await db
    .updateTable('takeaway_items')
    .set((eb) => ({ remaining: eb('remaining', '+', quantity) }))
    .where('id', '=', itemId)
    .execute();
}

const takeSlotStatement = compiledOnce((db: Db, p: { slotId: string }) =>
  db
    .updateTable('takeaway_pickup_slots')
    .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
    .where('id', '=', p.slotId)
    .where('remaining', '>=', 1)
    .returning('id'),
);

/** One more order in the slot, if it has room. */
export async function takeSlot(db: Db, slotId: string): Promise<boolean> {
  return (await takeSlotStatement(db, { slotId })).rows.length > 0;
}

export async function returnSlot(db: Db, slotId: string): Promise<void> {
  await db
    .updateTable('takeaway_pickup_slots')
    .set((eb) => ({ remaining: eb('remaining', '+', 1) }))
    .where('id', '=', slotId)
    .execute();
}

const addPurchaseStatement = compiledOnce(
  (db: Db, p: { personId: string; itemId: string; quantity: number; limit: number }) =>
    db
      .insertInto('takeaway_purchases')
      .values({ person_id: p.personId, item_id: p.itemId, quantity: p.quantity })
      .onConflict((oc) =>
        oc
          .columns(['person_id', 'item_id'])
          .doUpdateSet((eb) => ({ quantity: eb('takeaway_purchases.quantity', '+', eb.ref('excluded.quantity')) }))
          .where((eb) => eb(eb('takeaway_purchases.quantity', '+', eb.ref('excluded.quantity')), '<=', p.limit)),
      )
      .returning('person_id'),
);

/**
 * Adds to what the person holds of the item unless that would pass the limit: a conditional
 * upsert, so two orders of one person at once cannot both slip under the limit.
 */
export async function addPurchase(
  db: Db,
  personId: string,
  itemId: string,
  quantity: number,
  limit: number,
): Promise<boolean> {
  if (quantity > limit) return false;
  return (await addPurchaseStatement(db, { personId, itemId, quantity, limit })).rows.length > 0;
}

/** What the person holds of each of these items (orders not cancelled), by item id. */
export async function purchasesOf(db: Db, personId: string, itemIds: string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('takeaway_purchases')
    .select(['item_id', 'quantity'])
    .where('person_id', '=', personId)
    .where('item_id', 'in', itemIds)
    .execute();
  return new Map(rows.map((r) => [r.item_id, r.quantity]));
}

export async function removePurchase(db: Db, personId: string, itemId: string, quantity: number): Promise<void> {
  await db
    .updateTable('takeaway_purchases')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('person_id', '=', personId)
    .where('item_id', '=', itemId)
    .execute();
}
