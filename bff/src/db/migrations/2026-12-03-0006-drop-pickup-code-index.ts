import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// A pickup code is looked up through takeaway_orders_pickup_code_uq (canteen, date, code), probing
// each canteen and day of the search window; the second index on (code, date) only made the
// busiest insert of the day write one more page of random position per order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('takeaway_orders_code_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('takeaway_orders_code_idx')
    .on('takeaway_orders')
    .columns(['pickup_code', 'date'])
    .execute();
}
