import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { MessageRow } from './messages.table';

type Db = Kysely<Database>;

export async function listMessages(db: Db, personId: string, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findMessage(db: Db, personId: string, id: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function markRead(db: Db, personId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('messages')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .execute();
}

/** Idempotent by id: the outbox may deliver the same message twice after a crash. */
export async function insertMessage(db: Db, row: Omit<MessageRow, 'read_at'>): Promise<void> {
  await db
    .insertInto('messages')
    .values({ ...row, read_at: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
