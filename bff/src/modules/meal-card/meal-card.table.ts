import type { Selectable } from 'kysely';

export interface MealCardsTable {
  person_id: string;
  /** Never below zero (a CHECK and every debit's condition). Equals the sum of the card's ledger. */
  balance_fen: number;
  /** Number of ledger rows; each change takes the next one. */
  seq: number;
  updated_at: string;
}

export interface MealCardTopupsTable {
  id: string;
  created_by: string;
  idempotency_key: string;
  request_hash: string;
  amount_fen: number;
  note: string;
  recipients: number;
  created_at: string;
}

export interface MealCardLedgerTable {
  id: string;
  person_id: string;
  seq: number;
  kind: 'topup' | 'payment' | 'refund';
  /** Signed: payments are negative. */
  amount_fen: number;
  balance_after_fen: number;
  order_id: string | null;
  topup_id: string | null;
  note: string | null;
  by_person_id: string | null;
  created_at: string;
}

export type MealCardRow = Selectable<MealCardsTable>;
export type LedgerRow = Selectable<MealCardLedgerTable>;
export type TopupRow = Selectable<MealCardTopupsTable>;

/** The meal-card module's tables. */
export interface MealCardTables {
  meal_cards: MealCardsTable;
  meal_card_topups: MealCardTopupsTable;
  meal_card_ledger: MealCardLedgerTable;
}
