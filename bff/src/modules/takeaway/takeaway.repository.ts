import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PickupSlotRow, TakeawayItemRow } from './takeaway.table';

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

// Items and pickup slots -------------------------------------------------------------------------

export async function insertItem(db: Db, item: TakeawayItemRow, slots: PickupSlotRow[]): Promise<void> {
  await db.insertInto('takeaway_items').values(item).execute();
  if (slots.length > 0) await db.insertInto('takeaway_pickup_slots').values(slots).execute();
}

/** For the seed: leaves an existing item (same id) as it is. */
export async function insertItemIfAbsent(db: Db, item: TakeawayItemRow, slots: PickupSlotRow[]): Promise<boolean> {
  const result = await db
    .insertInto('takeaway_items')
    .values(item)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  if (slots.length > 0) await db.insertInto('takeaway_pickup_slots').values(slots).execute();
  return true;
}

export async function findItem(db: Db, id: string): Promise<TakeawayItemRow | undefined> {
  return db.selectFrom('takeaway_items').selectAll().where('id', '=', id).executeTakeFirst();
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

/**
 * Takes `quantity` off the item if it is on sale now and enough remains: the conditional UPDATE is
 * the oversell guard (and on PostgreSQL the item's row lock until commit).
 */
export async function takeStock(db: Db, itemId: string, quantity: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_items')
    .set((eb) => ({ remaining: eb('remaining', '-', quantity) }))
    .where('id', '=', itemId)
    .where('remaining', '>=', quantity)
    .where('status', '=', 'published')
    .where('sale_starts_at', '<=', now)
    .where('sale_ends_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function returnStock(db: Db, itemId: string, quantity: number): Promise<void> {
  await db
    .updateTable('takeaway_items')
    .set((eb) => ({ remaining: eb('remaining', '+', quantity) }))
    .where('id', '=', itemId)
    .execute();
}

/** One more order in the slot, if it has room. */
export async function takeSlot(db: Db, slotId: string): Promise<boolean> {
  const result = await db
    .updateTable('takeaway_pickup_slots')
    .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
    .where('id', '=', slotId)
    .where('remaining', '>=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function returnSlot(db: Db, slotId: string): Promise<void> {
  await db
    .updateTable('takeaway_pickup_slots')
    .set((eb) => ({ remaining: eb('remaining', '+', 1) }))
    .where('id', '=', slotId)
    .execute();
}

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
  const result = await db
    .insertInto('takeaway_purchases')
    .values({ person_id: personId, item_id: itemId, quantity })
    .onConflict((oc) =>
      oc
        .columns(['person_id', 'item_id'])
        .doUpdateSet((eb) => ({ quantity: eb('takeaway_purchases.quantity', '+', eb.ref('excluded.quantity')) }))
        .where((eb) => eb(eb('takeaway_purchases.quantity', '+', eb.ref('excluded.quantity')), '<=', limit)),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removePurchase(db: Db, personId: string, itemId: string, quantity: number): Promise<void> {
  await db
    .updateTable('takeaway_purchases')
    .set((eb) => ({ quantity: eb('quantity', '-', quantity) }))
    .where('person_id', '=', personId)
    .where('item_id', '=', itemId)
    .execute();
}
