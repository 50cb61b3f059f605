import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// The service mailbox (服务信箱): categories routed to an admin, letters, replies and ratings.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mailbox_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campus_id', 'text', (c) => c.notNull().references('campuses.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('mailbox_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('writer_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('mailbox_categories.id'))
    // Routed when written: a category changing hands later does not move letters already sent.
    .addColumn('owner_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of upload ids.
    .addColumn('photo_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('reply_body', 'text')
    .addColumn('replied_by', 'text', (c) => c.references('people.id'))
    .addColumn('replied_at', 'text')
    .addColumn('score', 'integer')
    .addColumn('rated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Each list pages newest first by (created_at, id): the writer's letters, the owner's inbox
  // (全部), and the owner's inbox by status (待回复 / 已回复).
  await db.schema
    .createIndex('mailbox_letters_writer_idx')
    .on('mailbox_letters')
    .columns(['writer_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('mailbox_letters_owner_idx')
    .on('mailbox_letters')
    .columns(['owner_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('mailbox_letters_owner_status_idx')
    .on('mailbox_letters')
    .columns(['owner_id', 'status', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mailbox_letters').execute();
  await db.schema.dropTable('mailbox_categories').execute();
}
