import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Parking (停车预约): the foundation's lots gain their rules; cars, bookings counted per half hour,
// the standing list, the gate's whitelist changes, gate events, suspensions.
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds one column per statement.
  const lotColumns: [string, 'text' | 'integer', string | number | null][] = [
    ['kind', 'text', 'staff'], // staff | visitor
    ['open_time', 'text', '07:00'],
    ['close_time', 'text', '20:00'],
    ['horizon_days', 'integer', 7],
    ['workdays_only', 'integer', 1],
    ['booking_opens_at', 'text', null], // 'HH:mm' the day before; null = at any hour
    ['cancel_deadline_minutes', 'integer', 0],
    ['grace_minutes', 'integer', 30],
    ['tolerance_minutes', 'integer', 15],
    ['per_day_limit', 'integer', 1],
    ['per_week_limit', 'integer', 5],
    ['gate_id', 'text', null],
    ['created_at', 'text', null],
  ];
  for (const [name, type, fallback] of lotColumns) {
    await db.schema
      .alterTable('parking_lots')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }

  await db.schema
    .createTable('parking_standing')
    .addColumn('lot_id', 'text', (c) => c.notNull().references('parking_lots.id'))
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parking_standing_pk', ['lot_id', 'plate'])
    .execute();

  await db.schema
    .createTable('parking_cars')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parking_cars_pk', ['person_id', 'plate'])
    .execute();

  await db.schema
    .createTable('parking_bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lot_id', 'text', (c) => c.notNull().references('parking_lots.id'))
    // A staff booking has a person; a visitor's car has the visit it belongs to.
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('visit_id', 'text')
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    // Minutes after midnight (Asia/Shanghai), on half hours; and the same window as stored instants.
    .addColumn('start_min', 'integer', (c) => c.notNull())
    .addColumn('end_min', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    // Set while booked and not entered: when the no-show release is due (housekeeping's index).
    .addColumn('release_due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text')
    .addColumn('left_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('released_at', 'text')
    .execute();
  await db.schema
    .createIndex('parking_bookings_person_idx')
    .on('parking_bookings')
    .columns(['person_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('parking_bookings_lot_day_idx')
    .on('parking_bookings')
    .columns(['lot_id', 'date', 'status'])
    .execute();
  await db.schema.createIndex('parking_bookings_plate_idx').on('parking_bookings').columns(['plate', 'date']).execute();
  await db.schema.createIndex('parking_bookings_release_idx').on('parking_bookings').column('release_due_at').execute();
  await db.schema
    .createIndex('parking_bookings_released_idx')
    .on('parking_bookings')
    .columns(['released_at', 'id'])
    .execute();
  await db.schema.createIndex('parking_bookings_visit_idx').on('parking_bookings').column('visit_id').execute();
  await db.schema
    .createIndex('parking_bookings_idem_idx')
    .on('parking_bookings')
    .columns(['person_id', 'idempotency_key'])
    .unique()
    .execute();

  // Spaces taken per lot, day and half hour (slot 0 = 00:00–00:30): a booking is a conditional
  // increment of every slot of its window, so no instant ever holds more bookings than spaces.
  await db.schema
    .createTable('parking_slots')
    .addColumn('lot_id', 'text', (c) => c.notNull().references('parking_lots.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('parking_slots_pk', ['lot_id', 'date', 'slot'])
    .execute();

  // One row per person and per plate, taken (upserted) first in a booking's transaction: requests
  // of one person, or for one plate, then run one after another (PostgreSQL row lock).
  await db.schema
    .createTable('parking_locks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // What each gate's whitelist must receive, in id order; sent_at once the gate acknowledged it.
  await db.schema
    .createTable('parking_gate_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('gate_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull()) // add | remove
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('parking_gate_changes_pending_idx')
    .on('parking_gate_changes')
    .columns(['gate_id', 'sent_at', 'id'])
    .execute();

  await db.schema
    .createTable('parking_gate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().unique())
    .addColumn('gate_id', 'text', (c) => c.notNull())
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text')
    // Manual let-in from the guard's console: who and why (the audit).
    .addColumn('manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('by_person_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('parking_gate_events_lot_idx')
    .on('parking_gate_events')
    .columns(['lot_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('parking_gate_nonces')
    .addColumn('gate_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('parking_gate_nonces_pk', ['gate_id', 'nonce'])
    .execute();
  await db.schema.createIndex('parking_gate_nonces_age_idx').on('parking_gate_nonces').column('created_at').execute();

  await db.schema
    .createTable('parking_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text', (c) => c.references('people.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('parking_suspensions_person_idx')
    .on('parking_suspensions')
    .columns(['person_id', 'ends_at'])
    .execute();
  await db.schema
    .createIndex('parking_suspensions_ends_idx')
    .on('parking_suspensions')
    .columns(['ends_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'parking_suspensions',
    'parking_gate_nonces',
    'parking_gate_events',
    'parking_gate_changes',
    'parking_locks',
    'parking_slots',
    'parking_bookings',
    'parking_cars',
    'parking_standing',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  for (const column of [
    'created_at',
    'gate_id',
    'per_week_limit',
    'per_day_limit',
    'tolerance_minutes',
    'grace_minutes',
    'cancel_deadline_minutes',
    'booking_opens_at',
    'workdays_only',
    'horizon_days',
    'close_time',
    'open_time',
    'kind',
  ]) {
    await db.schema.alterTable('parking_lots').dropColumn(column).execute();
  }
}
