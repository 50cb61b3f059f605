import type { Selectable } from 'kysely';

export interface MessagesTable {
  id: string;
  person_id: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
  /** What the message is about (a MessageSubjectKind), null with subject_id when about nothing. */
  subject_kind: string | null;
  subject_id: string | null;
}

export type MessageRow = Selectable<MessagesTable>;

/** The messages module's tables. */
export interface MessagesTables {
  messages: MessagesTable;
}
