import { sql, type Kysely } from 'kysely';

// Frozen: never edit after it has shipped; add a new file instead. Types only from kysely.
// Only top-up rows have a topup_id; every payment and refund (one per order) wrote a NULL entry
// into this index. Lookups by topup (`topup_id = ?`) use the partial index on both dialects.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meal_card_ledger_topup_idx').execute();
  await db.schema
    .createIndex('meal_card_ledger_topup_idx')
    .on('meal_card_ledger')
    .column('topup_id')
    .where(sql.ref('topup_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('meal_card_ledger_topup_idx').execute();
  await db.schema.createIndex('meal_card_ledger_topup_idx').on('meal_card_ledger').column('topup_id').execute();
}
