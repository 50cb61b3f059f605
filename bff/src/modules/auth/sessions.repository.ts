import type { Kysely } from 'kysely';
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

/** Removes sessions that ended before `before`; answers how many. */
export async function deleteSessionsEndedBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
