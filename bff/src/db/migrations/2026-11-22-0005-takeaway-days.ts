import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Closing a canteen's takeaway day (结束今天) also stops its sales.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per canteen and day that has had items: `closed_at` null while it sells, set once the
  // day is closed. Adding an item and closing the day both write this row first, so on PostgreSQL
  // the row lock orders them: an item is never added to a day that is closing or closed.
  await db.schema
    .createTable('takeaway_days')
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('people.id'))
    .addPrimaryKeyConstraint('takeaway_days_pk', ['canteen_id', 'date'])
    .execute();
  // Set on every item of a day when it closes. The order's conditional stock update requires it
  // null: an order that was waiting on the item's row lock sees the close once it gets the row.
  await db.schema.alterTable('takeaway_items').addColumn('closed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('takeaway_items').dropColumn('closed_at').execute();
  await db.schema.dropTable('takeaway_days').execute();
}
