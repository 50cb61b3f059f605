import type { Selectable } from 'kysely';

export interface MailboxCategoriesTable {
  id: string;
  campus_id: string;
  name: string;
  /** The admin who answers letters of this kind. */
  owner_id: string;
  sort: number;
}

export interface MailboxLettersTable {
  id: string;
  writer_id: string;
  category_id: string;
  /** The admin it was routed to when written. */
  owner_id: string;
  body: string;
  /** 1: the writer is hidden from whoever reads it but the writer. */
  anonymous: number;
  /** JSON array of upload ids. */
  photo_ids: string;
  status: 'open' | 'replied';
  reply_body: string | null;
  replied_by: string | null;
  replied_at: string | null;
  score: number | null;
  rated_at: string | null;
  created_at: string;
}

export type MailboxCategoryRow = Selectable<MailboxCategoriesTable>;
export type LetterRow = Selectable<MailboxLettersTable>;

/** The mailbox module's tables. */
export interface MailboxTables {
  mailbox_categories: MailboxCategoriesTable;
  mailbox_letters: MailboxLettersTable;
}
