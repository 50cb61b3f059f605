import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { PagePosition } from '../../lib/page-cursor';
import type { MessagePushesTable, MessageRow } from './messages.table';

type MessagePushRow = Selectable<MessagePushesTable>;

type Db = Kysely<Database>;

/**
 * One page of a person's messages, newest first: `limit + 1` rows, so the caller knows whether
 * another page follows. Read in order from the (person_id, created_at, id) index.
 */
export async function listMessages(
  db: Db,
  personId: string,
  after: PagePosition | undefined,
  limit: number,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('person_id', '=', personId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Counted from the partial index of unread messages (messages_person_unread_idx): never the history. */
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

/** Marks every unread message of the person read (found through the unread index); answers how many. */
export async function markAllRead(db: Db, personId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ read_at: at })
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Idempotent by id: the outbox may deliver the same message twice after a crash. */
export async function insertMessage(db: Db, row: Omit<MessageRow, 'read_at'>): Promise<void> {
  await db
    .insertInto('messages')
    .values({ ...row, read_at: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findMessageById(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPush(db: Db, messageId: string): Promise<MessagePushRow | undefined> {
  return db.selectFrom('message_pushes').selectAll().where('message_id', '=', messageId).executeTakeFirst();
}

/** Once per message: a second delivery of the same outbox row records nothing new. */
export async function recordPush(db: Db, row: MessagePushRow): Promise<void> {
  await db
    .insertInto('message_pushes')
    .values(row)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}
