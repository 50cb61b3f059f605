import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema } from './common.schema';

/** One in-app message in the person's message centre. */
export const MessageSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: InstantSchema,
  /** null while unread. */
  readAt: Type.Union([InstantSchema, Type.Null()]),
});
export type Message = Static<typeof MessageSchema>;

export const MessageListSchema = Type.Object({
  items: Type.Array(MessageSchema),
  unread: Type.Integer({ minimum: 0 }),
});
export type MessageList = Static<typeof MessageListSchema>;
