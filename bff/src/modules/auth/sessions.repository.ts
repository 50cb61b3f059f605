import type { Kysely } from 'kysely';
import { yieldToEventLoop } from '../../lib/yield';
import type { Database } from '../../db/schema';
import type { SessionRow } from './auth.table';

type Db = Kysely<Database>;

export async function insertSession(db: Db, row: Omit<SessionRow, 'revoked_at'>): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...row, revoked_at: null })
    .execute();
}

export async function revokeSession(db: Db, tokenHash: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Sessions deleted per statement by the purge: a few milliseconds of SQLite work each. */
const PURGE_BATCH = 500;

/**
 * Removes sessions that ended before `before`; answers how many. Found through sessions_expires_idx
 * and deleted in batches, yielding to the event loop between them (SQLite runs on it).
 */
export async function deleteSessionsEndedBefore(db: Db, before: string): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db
      .deleteFrom('sessions')
      .where('token_hash', 'in', (eb) =>
        eb.selectFrom('sessions').select('token_hash').where('expires_at', '<', before).limit(PURGE_BATCH),
      )
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
    await yieldToEventLoop();
  }
}
