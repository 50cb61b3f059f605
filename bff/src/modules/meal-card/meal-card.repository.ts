import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { LedgerRow, MealCardRow, TopupRow } from './meal-card.table';

type Db = Kysely<Database>;

/** Rows per multi-row statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export interface CardChange {
  person_id: string;
  balance_fen: number;
  seq: number;
}

export async function findCard(db: Db, personId: string): Promise<MealCardRow | undefined> {
  return db.selectFrom('meal_cards').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

/**
 * Adds the same amount to each card, creating missing cards, in one statement per chunk. Callers
 * pass distinct ids sorted, so concurrent writers lock cards in one order.
 */
export async function creditCards(db: Db, personIds: string[], amountFen: number, at: string): Promise<CardChange[]> {
  const changes: CardChange[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK) {
    const rows = await db
      .insertInto('meal_cards')
      .values(
        personIds
          .slice(i, i + CHUNK)
          .map((person_id) => ({ person_id, balance_fen: amountFen, seq: 1, updated_at: at })),
      )
      .onConflict((oc) =>
        oc.column('person_id').doUpdateSet((eb) => ({
          balance_fen: eb('meal_cards.balance_fen', '+', eb.ref('excluded.balance_fen')),
          seq: eb('meal_cards.seq', '+', 1),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(['person_id', 'balance_fen', 'seq'])
      .execute();
    changes.push(...rows);
  }
  return changes;
}

export async function insertLedgerRows(db: Db, rows: LedgerRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('meal_card_ledger')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

export type LedgerEntry = LedgerRow & { by_name: string | null };

/**
 * Newest first; the card's own sequence orders rows written within the same instant and is the
 * keyset (`beforeSeq`): the unique (person_id, seq) index serves the order and the range, so a page
 * costs the same after a year of rows.
 */
export async function listLedger(db: Db, personId: string, limit: number, beforeSeq?: number): Promise<LedgerEntry[]> {
  let query = db
    .selectFrom('meal_card_ledger as l')
    .leftJoin('people as p', 'p.id', 'l.by_person_id')
    .selectAll('l')
    .select('p.name as by_name')
    .where('l.person_id', '=', personId);
  if (beforeSeq !== undefined) query = query.where('l.seq', '<', beforeSeq);
  return query.orderBy('l.seq', 'desc').limit(limit).execute();
}

export async function findTopup(db: Db, createdBy: string, idempotencyKey: string): Promise<TopupRow | undefined> {
  return db
    .selectFrom('meal_card_topups')
    .selectAll()
    .where('created_by', '=', createdBy)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Answers false when this admin already used the key (a concurrent or earlier retry). */
export async function insertTopup(db: Db, row: TopupRow): Promise<boolean> {
  const result = await db
    .insertInto('meal_card_topups')
    .values(row)
    .onConflict((oc) => oc.columns(['created_by', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function topupRecipients(
  db: Db,
  topupId: string,
): Promise<{ person_id: string; name: string; balance_after_fen: number }[]> {
  return db
    .selectFrom('meal_card_ledger as l')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .select(['l.person_id', 'p.name', 'l.balance_after_fen'])
    .where('l.topup_id', '=', topupId)
    .orderBy('l.person_id')
    .execute();
}

/** Enabled people, by id or by unit, sorted by id. */
export async function findRecipients(
  db: Db,
  who: { personIds: string[] } | { unit: string },
): Promise<{ id: string; name: string }[]> {
  let query = db.selectFrom('people').select(['id', 'name']).where('disabled', '=', 0);
  query = 'unit' in who ? query.where('unit', '=', who.unit) : query.where('id', 'in', who.personIds);
  return query.orderBy('id').execute();
}
