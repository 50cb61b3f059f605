import { type Kysely, sql } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Takeaway ordering (食堂外卖) and the digital meal card (数字餐卡). Money is integer fen; instants
// are UTC ISO-8601 text; dates are 'YYYY-MM-DD' (Asia/Shanghai); booleans are integers 0/1.
// Every counter that must never go negative also carries a CHECK, so a bug in a conditional update
// fails the transaction instead of overselling or overdrawing.
export async function up(db: Kysely<any>): Promise<void> {
  // Which canteen a canteen-role person works for. The canteen menus migration may create the same
  // link first; `if not exists` lets either land first without depending on the other.
  await db.schema
    .createTable('canteen_staff')
    .ifNotExists()
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('canteen_staff_pk', ['person_id', 'canteen_id'])
    .execute();

  await db.schema
    .createTable('takeaway_settings')
    .addColumn('canteen_id', 'text', (c) => c.primaryKey().references('canteens.id').onDelete('cascade'))
    .addColumn('refund_expired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('people.id'))
    .execute();

  await db.schema
    .createTable('takeaway_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addColumn('sale_starts_at', 'text', (c) => c.notNull())
    .addColumn('sale_ends_at', 'text', (c) => c.notNull())
    .addColumn('pickup_starts_at', 'text', (c) => c.notNull())
    .addColumn('pickup_ends_at', 'text', (c) => c.notNull())
    .addColumn('per_person_limit', 'integer')
    // 1 when the pickup window is split into slots: orders then read the slots, others skip them.
    .addColumn('has_slots', 'integer', (c) => c.notNull().defaultTo(0))
    // The canteen menus' dish library; a plain reference so this migration does not depend on it.
    .addColumn('dish_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('takeaway_items_remaining_ck', sql`remaining >= 0 and remaining <= stock`)
    .addCheckConstraint('takeaway_items_price_ck', sql`price_fen >= 0`)
    .execute();
  await db.schema
    .createIndex('takeaway_items_canteen_date_idx')
    .on('takeaway_items')
    .columns(['canteen_id', 'date'])
    .execute();

  await db.schema
    .createTable('takeaway_pickup_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('takeaway_items.id').onDelete('cascade'))
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull())
    .addCheckConstraint('takeaway_slots_remaining_ck', sql`remaining >= 0 and remaining <= capacity`)
    .execute();
  await db.schema.createIndex('takeaway_slots_item_idx').on('takeaway_pickup_slots').column('item_id').execute();

  await db.schema
    .createTable('takeaway_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('canteen_id', 'text', (c) => c.notNull().references('canteens.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('refunded_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pickup_slot_id', 'text', (c) => c.references('takeaway_pickup_slots.id'))
    .addColumn('pickup_starts_at', 'text', (c) => c.notNull())
    .addColumn('pickup_ends_at', 'text', (c) => c.notNull())
    .addColumn('pickup_code', 'text', (c) => c.notNull())
    .addColumn('cancel_until', 'text', (c) => c.notNull())
    // The client's Idempotency-Key and a hash of the request it came with: a retry answers the
    // same order, the same key with another request is refused.
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text')
    .addColumn('collected_by', 'text', (c) => c.references('people.id'))
    .addColumn('cancelled_at', 'text')
    .addColumn('expired_at', 'text')
    .execute();
  await db.schema
    .createIndex('takeaway_orders_idempotency_uq')
    .on('takeaway_orders')
    .columns(['person_id', 'idempotency_key'])
    .unique()
    .execute();
  // A pickup code names one order per canteen and day; the same digits may recur on other days.
  await db.schema
    .createIndex('takeaway_orders_pickup_code_uq')
    .on('takeaway_orders')
    .columns(['canteen_id', 'date', 'pickup_code'])
    .unique()
    .execute();
  await db.schema
    .createIndex('takeaway_orders_code_idx')
    .on('takeaway_orders')
    .columns(['pickup_code', 'date'])
    .execute();
  // No (person_id, …) index of its own: a person's orders are found through the idempotency index,
  // one index fewer to write on the busiest insert of the day.

  await db.schema
    .createTable('takeaway_order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('takeaway_orders.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('takeaway_items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('takeaway_order_lines_pk', ['order_id', 'item_id'])
    .addCheckConstraint('takeaway_order_lines_quantity_ck', sql`quantity > 0`)
    .execute();

  // How much of an item each person holds in orders that are not cancelled: the per-person limit
  // is a conditional upsert on this row, which holds under concurrent orders on both dialects.
  await db.schema
    .createTable('takeaway_purchases')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('takeaway_items.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('takeaway_purchases_pk', ['person_id', 'item_id'])
    .addCheckConstraint('takeaway_purchases_quantity_ck', sql`quantity >= 0`)
    .execute();

  // One card per person. `seq` counts the card's ledger rows, so each change gets the next number.
  await db.schema
    .createTable('meal_cards')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('balance_fen', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('meal_cards_balance_ck', sql`balance_fen >= 0`)
    .execute();

  await db.schema
    .createTable('meal_card_topups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_by', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meal_card_topups_idempotency_uq')
    .on('meal_card_topups')
    .columns(['created_by', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('meal_card_ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('meal_cards.person_id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('balance_after_fen', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.references('takeaway_orders.id'))
    .addColumn('topup_id', 'text', (c) => c.references('meal_card_topups.id'))
    .addColumn('note', 'text')
    .addColumn('by_person_id', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('meal_card_ledger_seq_uq')
    .on('meal_card_ledger')
    .columns(['person_id', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('meal_card_ledger_order_idx').on('meal_card_ledger').column('order_id').execute();
  await db.schema.createIndex('meal_card_ledger_topup_idx').on('meal_card_ledger').column('topup_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'meal_card_ledger',
    'meal_card_topups',
    'meal_cards',
    'takeaway_purchases',
    'takeaway_order_lines',
    'takeaway_orders',
    'takeaway_pickup_slots',
    'takeaway_items',
    'takeaway_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  // canteen_staff stays: the canteen menus module may own it.
}
