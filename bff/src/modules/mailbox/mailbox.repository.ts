import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { PagePosition } from '../../lib/page-cursor';
import type { LetterRow, MailboxCategoryRow } from './mailbox.table';

type Db = Kysely<Database>;

/** A letter with the names a reader may be shown (the service decides which). */
export type LetterRecord = LetterRow & {
  category_name: string;
  writer_name: string;
  writer_unit: string;
  replier_name: string | null;
};

export type CategoryRecord = MailboxCategoryRow & { owner_name: string };

export async function listCategories(db: Db): Promise<CategoryRecord[]> {
  return db
    .selectFrom('mailbox_categories as c')
    .innerJoin('people as o', 'o.id', 'c.owner_id')
    .selectAll('c')
    .select('o.name as owner_name')
    .orderBy('c.sort')
    .orderBy('c.id')
    .execute();
}

export async function findCategory(db: Db, id: string): Promise<MailboxCategoryRow | undefined> {
  return db.selectFrom('mailbox_categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCategories(db: Db, rows: MailboxCategoryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('mailbox_categories')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

function letters(db: Db) {
  return db
    .selectFrom('mailbox_letters as l')
    .innerJoin('mailbox_categories as c', 'c.id', 'l.category_id')
    .innerJoin('people as w', 'w.id', 'l.writer_id')
    .leftJoin('people as r', 'r.id', 'l.replied_by')
    .selectAll('l')
    .select(['c.name as category_name', 'w.name as writer_name', 'w.unit as writer_unit', 'r.name as replier_name']);
}

export async function findLetter(db: Db, id: string): Promise<LetterRecord | undefined> {
  return letters(db).where('l.id', '=', id).executeTakeFirst();
}

/**
 * One page, newest first, of the letters a person wrote (`writer_id`) or that are routed to them
 * (`owner_id`): `limit + 1` rows, so the caller knows whether another page follows. Served by the
 * (writer_id, created_at, id), (owner_id, created_at, id) and (owner_id, status, created_at, id)
 * indexes.
 */
export async function listLetters(
  db: Db,
  filter: { by: 'writer_id' | 'owner_id'; personId: string; status?: LetterRow['status'] },
  after: PagePosition | undefined,
  limit: number,
): Promise<LetterRecord[]> {
  let query = letters(db).where(`l.${filter.by}`, '=', filter.personId);
  if (filter.status) query = query.where('l.status', '=', filter.status);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('l.created_at', '<', after.createdAt),
        eb.and([eb('l.created_at', '=', after.createdAt), eb('l.id', '<', after.id)]),
      ]),
    );
  }
  return query
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function insertLetter(db: Db, row: LetterRow): Promise<void> {
  await db.insertInto('mailbox_letters').values(row).execute();
}

/** Replies once: answers false when the letter was no longer open (a reply got there first). */
export async function replyToLetter(
  db: Db,
  id: string,
  reply: { body: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('mailbox_letters')
    .set({ status: 'replied', reply_body: reply.body, replied_by: reply.by, replied_at: reply.at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Rates once: answers false when the letter was already rated (or not yet replied). */
export async function rateLetter(db: Db, id: string, score: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('mailbox_letters')
    .set({ score, rated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'replied')
    .where('score', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface FigureRow {
  category_id: string;
  category_name: string;
  status: LetterRow['status'];
  letters: number;
  rated: number;
  score_sum: number | null;
}

/** Counts of the letters routed to one admin, by category and status (the database adds them up). */
export async function letterFigures(db: Db, ownerId: string): Promise<FigureRow[]> {
  const rows = await db
    .selectFrom('mailbox_letters as l')
    .innerJoin('mailbox_categories as c', 'c.id', 'l.category_id')
    .where('l.owner_id', '=', ownerId)
    .groupBy(['l.category_id', 'c.name', 'l.status'])
    .select((eb) => [
      'l.category_id',
      'c.name as category_name',
      'l.status',
      eb.fn.countAll<number>().as('letters'),
      eb.fn.count<number>('l.score').as('rated'),
      eb.fn.sum<number | null>('l.score').as('score_sum'),
    ])
    .execute();
  // pg answers count and sum as text.
  return rows.map((r) => ({
    ...r,
    letters: Number(r.letters),
    rated: Number(r.rated),
    score_sum: r.score_sum === null ? null : Number(r.score_sum),
  }));
}
