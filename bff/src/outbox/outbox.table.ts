import type { Selectable } from 'kysely';

export interface OutboxTable {
  id: string;
  topic: string;
  /** JSON text. */
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  /** The worker that holds the row until `locked_until`; a crashed worker's lease simply runs out. */
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  delivered_at: string | null;
  /** Set when retries are exhausted. */
  failed_at: string | null;
}

export type OutboxRow = Selectable<OutboxTable>;

/** The transactional outbox's table. */
export interface OutboxTables {
  outbox: OutboxTable;
}
