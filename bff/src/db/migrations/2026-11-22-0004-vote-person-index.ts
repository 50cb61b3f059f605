import type { Kysely } from 'kysely';

/**
 * A person's own votes on a day (the menu read cache loads them per person): without this index
 * the lookup walks every vote of that canteen and day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('dish_votes_person_idx')
    .on('dish_votes')
    .columns(['person_id', 'canteen_id', 'date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dish_votes_person_idx').execute();
}
