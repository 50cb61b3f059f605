import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// A year of history (about a million orders) must slow nothing: every list that grows with time
// pages by an index in its own order, and housekeeping finds its work without reading history.
// On a year's data these take seconds (README: "Upgrading a populated database").
export async function up(db: Kysely<any>): Promise<void> {
  // My orders, newest first (keyset on created_at, id). 0003 left it out to save a write per
  // order; without it the list read and sorted all of a person's orders on every call.
  await db.schema
    .createIndex('takeaway_orders_person_idx')
    .on('takeaway_orders')
    .columns(['person_id', 'created_at', 'id'])
    .execute();
  // The board's lists of a canteen's day by status (still to hand out, collected, cancelled,
  // expired), newest first, and its counts and prep summary from the same index.
  await db.schema
    .createIndex('takeaway_orders_board_idx')
    .on('takeaway_orders')
    .columns(['canteen_id', 'date', 'status', 'created_at', 'id'])
    .execute();
  // Housekeeping's open days: only placed orders are in it (today's, once earlier days are
  // closed), so finding the days nobody closed reads a handful of rows, not the year.
  await db.schema
    .createIndex('takeaway_orders_placed_idx')
    .on('takeaway_orders')
    .columns(['date', 'canteen_id'])
    .where(sql.ref('status'), '=', 'placed')
    .execute();
  // Purging expired sessions by a range of expires_at instead of reading every session.
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').execute();
  await db.schema.dropIndex('takeaway_orders_placed_idx').execute();
  await db.schema.dropIndex('takeaway_orders_board_idx').execute();
  await db.schema.dropIndex('takeaway_orders_person_idx').execute();
}
