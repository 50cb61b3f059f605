import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Messages carry the object they are about (subject_kind + subject_id, both null for a message
// about nothing to open). The message centre pages newest first by (created_at, id): the list
// index gains `id`, so a page is read from the index in its order with no sort. The unread count
// reads a partial, covering index of the unread messages only, never a person's history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('subject_kind', 'text').execute();
  await db.schema.alterTable('messages').addColumn('subject_id', 'text').execute();
  await db.schema.dropIndex('messages_person_created_idx').execute();
  await db.schema
    .createIndex('messages_person_created_idx')
    .on('messages')
    .columns(['person_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_person_unread_idx')
    .on('messages')
    // read_at (always null here) makes the index cover the count's whole WHERE: SQLite otherwise
    // reads each unread row from the table to check the condition the index already implies.
    .columns(['person_id', 'read_at'])
    .where(sql.ref('read_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_person_unread_idx').execute();
  await db.schema.dropIndex('messages_person_created_idx').execute();
  await db.schema
    .createIndex('messages_person_created_idx')
    .on('messages')
    .columns(['person_id', 'created_at'])
    .execute();
  await db.schema.alterTable('messages').dropColumn('subject_id').execute();
  await db.schema.alterTable('messages').dropColumn('subject_kind').execute();
}
