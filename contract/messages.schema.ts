import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema } from './common.schema';
import { PageQuerySchema } from './page.schema';

/**
 * The object a message is about (an order, a letter, a booking …): `kind` is one of
 * MESSAGE_SUBJECT_KINDS (contract/messages.ts) when sent; on the wire it is any text, because an
 * app older than the BFF must still show a message about a kind it does not know yet.
 */
export const MessageSubjectSchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
});
export type MessageSubject = Static<typeof MessageSubjectSchema>;

/** One in-app message in the person's message centre. */
export const MessageSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: InstantSchema,
  /** null while unread. */
  readAt: Type.Union([InstantSchema, Type.Null()]),
  /** What the message is about; tapping it opens that. null: about nothing to open. */
  subject: Type.Union([MessageSubjectSchema, Type.Null()]),
});
export type Message = Static<typeof MessageSchema>;

export const MessageListQuerySchema = PageQuerySchema;
export type MessageListQuery = Static<typeof MessageListQuerySchema>;

/** A page of messages, newest first (`?limit=&cursor=`), with the person's unread count. */
export const MessageListSchema = Type.Object({
  items: Type.Array(MessageSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  /** All the person's unread messages, not only this page's. */
  unread: Type.Integer({ minimum: 0 }),
});
export type MessageList = Static<typeof MessageListSchema>;

/** The person's unread count alone (the 消息 tab's badge). */
export const MessagesUnreadSchema = Type.Object({ unread: Type.Integer({ minimum: 0 }) });
export type MessagesUnread = Static<typeof MessagesUnreadSchema>;

/** After 全部已读: how many were marked now, and the unread count (0). */
export const MessagesReadAllSchema = Type.Object({
  marked: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0 }),
});
export type MessagesReadAll = Static<typeof MessagesReadAllSchema>;
