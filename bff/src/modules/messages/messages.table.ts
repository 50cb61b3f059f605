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

/** What became of a pushed message (one row per message, written after delivery). */
export interface MessagePushesTable {
  message_id: string;
  /** wechat | zzd; null when there was no platform to push to. */
  channel: string | null;
  outcome: PushRecord;
  at: string;
}

/** sent; not-subscribed (WeChat 43101: never retried); no-channel (no platform sign-in, or not configured). */
export type PushRecord = 'sent' | 'not-subscribed' | 'no-channel';

/** The messages module's tables. */
export interface MessagesTables {
  messages: MessagesTable;
  message_pushes: MessagePushesTable;
}
