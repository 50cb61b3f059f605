import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { UploadRow } from './uploads.table';

type Db = Kysely<Database>;

/** Idempotent: the same bytes uploaded twice are one file and one row. */
export async function insertUpload(db: Db, row: UploadRow): Promise<void> {
  await db
    .insertInto('uploads')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function insertUploads(db: Db, rows: UploadRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('uploads')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}
