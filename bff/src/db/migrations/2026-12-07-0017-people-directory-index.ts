import type { Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// The admin's people directory lists enabled people by unit, name and id, a page at a time:
// without an index in that order every page read and sorted all of them (8,001 in a compound the
// size of the Hangzhou Citizen Center). A full index, not a partial one on `disabled = 0`: SQLite
// uses a partial index only when the query's condition is a literal, and ours is a parameter.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('people_directory_idx')
    .on('people')
    .columns(['disabled', 'unit', 'name', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('people_directory_idx').execute();
}
