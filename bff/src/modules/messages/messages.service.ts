import type { Kysely } from 'kysely';
import type { MessageSubjectRef } from '@contract/messages';
import type {
  Message,
  MessageList,
  MessageListQuery,
  MessagesReadAll,
  MessagesUnread,
} from '@contract/messages.schema';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { OutboxHandler } from '../../outbox/outbox.worker';
import { enqueue } from '../../outbox/outbox.repository';
import { MESSAGE_PUSH_TOPIC, type PushPayload } from './push-delivery';
import { countUnread, findMessage, insertMessage, listMessages, markAllRead, markRead } from './messages.repository';
import type { MessageRow } from './messages.table';

export const MESSAGE_TOPIC = 'message.deliver';

export interface MessageToSend {
  personId: string;
  title: string;
  body: string;
  /** What the message is about: tapping it in the app opens that object. */
  subject?: MessageSubjectRef;
  /**
   * Also push it to the person's phone (浙政钉 work notice or WeChat subscribe message, on the
   * platform they signed in with), through the outbox: for news the person is waiting for.
   */
  push?: boolean;
}

/** The cursor's list name (a cursor of another list is refused). */
const LIST = 'messages';
const DEFAULT_LIMIT = 20;

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  title: row.title,
  body: row.body,
  createdAt: toInstant(row.created_at),
  readAt: row.read_at ? toInstant(row.read_at) : null,
  subject: row.subject_kind && row.subject_id ? { kind: row.subject_kind, id: row.subject_id } : null,
});

function isMessageToSend(value: unknown): value is MessageToSend {
  const v = value as MessageToSend;
  return typeof v?.personId === 'string' && typeof v.title === 'string' && typeof v.body === 'string';
}

const toRow = (id: string, message: MessageToSend, at: string): Omit<MessageRow, 'read_at'> => ({
  id,
  person_id: message.personId,
  title: message.title,
  body: message.body,
  created_at: at,
  subject_kind: message.subject?.kind ?? null,
  subject_id: message.subject?.id ?? null,
});

export function createMessagesService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /** One page of the person's messages, newest first, with their unread count. */
    async list(personId: string, query: MessageListQuery = {}): Promise<MessageList> {
      const limit = query.limit ?? DEFAULT_LIMIT;
      const after = decodeCursor(LIST, query.cursor);
      const [rows, unread] = await Promise.all([listMessages(db, personId, after, limit), countUnread(db, personId)]);
      const page = pageFrom(LIST, rows, limit);
      return { items: page.rows.map(toMessage), nextCursor: page.nextCursor, unread };
    },

    /** The unread count alone, from the unread index. */
    async unread(personId: string): Promise<MessagesUnread> {
      return { unread: await countUnread(db, personId) };
    },

    /** 全部已读: every unread message of the person, at once. */
    async markAllRead(personId: string): Promise<MessagesReadAll> {
      const marked = await markAllRead(db, personId, toStored(clock.now()));
      return { marked, unread: await countUnread(db, personId) };
    },

    /** Another person's message answers the same as a missing one: its existence is not revealed. */
    async markRead(personId: string, id: string): Promise<Message> {
      await markRead(db, personId, id, toStored(clock.now()));
      const row = await findMessage(db, personId, id);
      if (!row) throw notFound('MESSAGE_NOT_FOUND');
      return toMessage(row);
    },

    /**
     * Writes a message in the caller's transaction: it appears with the business change or not at
     * all. The message centre is in the same database, so no outbox row is needed for it (one row
     * per message instead of an outbox row, a delivery and a mark); a push, an effect on another
     * system, is queued in the outbox here, in the same transaction.
     */
    async send(trx: Kysely<Database>, message: MessageToSend): Promise<string> {
      const id = newSortableId();
      const at = toStored(clock.now());
      await insertMessage(trx, toRow(id, message, at));
      if (message.push) await enqueue(trx, MESSAGE_PUSH_TOPIC, { messageId: id } satisfies PushPayload, at);
      return id;
    },

    /**
     * The outbox handler for messages queued before `send` wrote them directly (rows of an older
     * version still waiting): the message id is the outbox row id, so a redelivery changes nothing.
     */
    deliver: (async (payload, { id, db: handlerDb }) => {
      if (!isMessageToSend(payload)) throw new Error('malformed message payload');
      await insertMessage(handlerDb, toRow(id, payload, toStored(clock.now())));
    }) satisfies OutboxHandler,
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
