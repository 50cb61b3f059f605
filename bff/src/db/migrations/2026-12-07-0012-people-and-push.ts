import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// The second half of migration number 0012 (after message-subjects, by name):
// - message_pushes: what became of each pushed message (sent on which platform, the person had not
//   subscribed, or no platform to push to), one row per message: written once, after delivery.
// - role_changes: the audit of every grant and removal of a role (who, when, before → after), read
//   newest first per person and across everyone by admins.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_pushes')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('role_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('changed_by', 'text', (c) => c.notNull().references('people.id'))
    // JSON: { roles: [...], canteens: [...] } before and after the change.
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('role_changes_person_idx')
    .on('role_changes')
    .columns(['person_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('role_changes_created_idx').on('role_changes').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('role_changes').execute();
  await db.schema.dropTable('message_pushes').execute();
}
