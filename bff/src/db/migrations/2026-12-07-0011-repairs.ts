import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Repairs (报修 · 派单): categories with their SLA, floors and rooms of the campus's buildings,
// the dispatch area of each building, repairer profiles, tickets and their timeline.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repair_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campus_id', 'text', (c) => c.notNull().references('campuses.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Dispatch rule category → skill.
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('accept_minutes', 'integer', (c) => c.notNull())
    .addColumn('arrive_minutes', 'integer', (c) => c.notNull())
    .addColumn('finish_hours', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Dispatch rule building → area (the foundation's buildings have no area of their own).
  await db.schema
    .createTable('repair_building_areas')
    .addColumn('building_id', 'text', (c) => c.primaryKey().references('buildings.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('repair_floors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('building_id', 'text', (c) => c.notNull().references('buildings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('repair_rooms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('floor_id', 'text', (c) => c.notNull().references('repair_floors.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // One row per repairer: the row automatic dispatch locks (FOR UPDATE on PostgreSQL) while it
  // counts open tickets and chooses. Skills, areas and shifts are small JSON arrays read whole.
  await db.schema
    .createTable('repairers')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id'))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('areas', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('shifts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('repair_tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('requester_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull().references('repair_categories.id'))
    .addColumn('building_id', 'text', (c) => c.references('buildings.id'))
    .addColumn('room_id', 'text', (c) => c.references('repair_rooms.id'))
    .addColumn('location_text', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('people.id'))
    // Every change bumps it; a change is written only WHERE version = the one it read (one wins).
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accept_due', 'text', (c) => c.notNull())
    .addColumn('arrive_due', 'text', (c) => c.notNull())
    .addColumn('finish_due', 'text', (c) => c.notNull())
    // The deadline of the current phase; null while paused or closed.
    .addColumn('due_at', 'text')
    // When the SLA timer must next look at it (due_at, then due_at + the admin's limit); null when
    // nothing more is to be escalated. The timer reads only this index.
    .addColumn('check_at', 'text')
    // 0 none, 1 dispatchers told, 2 admins told (for the current phase).
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('closed_at', 'text')
    // Figures the board averages, written when the step happens (plain integers on both dialects).
    .addColumn('response_ms', 'integer')
    .addColumn('onsite_ms', 'integer')
    .addColumn('on_time', 'integer')
    .addColumn('finish_note', 'text')
    .addColumn('finish_photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .execute();

  // A retried report (same Idempotency-Key) finds the ticket it made.
  await db.schema
    .createIndex('repair_tickets_idempotency_uq')
    .on('repair_tickets')
    .columns(['requester_id', 'idempotency_key'])
    .unique()
    .execute();
  // Lists newest first by (created_at, id): mine, assigned to me, the dispatch queue, all.
  await db.schema
    .createIndex('repair_tickets_requester_idx')
    .on('repair_tickets')
    .columns(['requester_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('repair_tickets_assignee_idx')
    .on('repair_tickets')
    .columns(['assignee_id', 'created_at', 'id'])
    .execute();
  // Open tickets per repairer (dispatch counts them) and per status (the queue, the board).
  await db.schema
    .createIndex('repair_tickets_assignee_status_idx')
    .on('repair_tickets')
    .columns(['assignee_id', 'status'])
    .execute();
  await db.schema
    .createIndex('repair_tickets_status_idx')
    .on('repair_tickets')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('repair_tickets_created_idx')
    .on('repair_tickets')
    .columns(['created_at', 'id'])
    .execute();
  // The SLA timer's index: only tickets with something still to escalate are in it.
  await db.schema
    .createIndex('repair_tickets_check_idx')
    .on('repair_tickets')
    .column('check_at')
    .where('check_at', 'is not', null)
    .execute();
  // The board's open tickets by deadline.
  await db.schema
    .createIndex('repair_tickets_due_idx')
    .on('repair_tickets')
    .column('due_at')
    .where('due_at', 'is not', null)
    .execute();

  await db.schema
    .createTable('repair_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('repair_tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('people.id'))
    .addColumn('target_id', 'text', (c) => c.references('people.id'))
    .addColumn('note', 'text')
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('repair_events_ticket_idx')
    .on('repair_events')
    .columns(['ticket_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('repair_events').execute();
  await db.schema.dropTable('repair_tickets').execute();
  await db.schema.dropTable('repairers').execute();
  await db.schema.dropTable('repair_rooms').execute();
  await db.schema.dropTable('repair_floors').execute();
  await db.schema.dropTable('repair_building_areas').execute();
  await db.schema.dropTable('repair_categories').execute();
}
