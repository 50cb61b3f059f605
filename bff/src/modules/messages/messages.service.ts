import type { Kysely } from 'kysely';
import type { Message, MessageList } from '@contract/messages.schema';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { OutboxHandler } from '../../outbox/outbox.worker';
import { countUnread, findMessage, insertMessage, listMessages, markRead } from './messages.repository';
import type { MessageRow } from './messages.table';

export const MESSAGE_TOPIC = 'message.deliver';

export interface MessageToSend {
  personId: string;
  title: string;
  body: string;
}

const LIST_LIMIT = 100;

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  title: row.title,
  body: row.body,
  createdAt: toInstant(row.created_at),
  readAt: row.read_at ? toInstant(row.read_at) : null,
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
});

export function createMessagesService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(personId: string): Promise<MessageList> {
      const [rows, unread] = await Promise.all([listMessages(db, personId, LIST_LIMIT), countUnread(db, personId)]);
      return { items: rows.map(toMessage), unread };
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
     * per message instead of an outbox row, a delivery and a mark); the outbox stays for effects
     * on other systems (a future push of the message would be queued here, with the message).
     */
    async send(trx: Kysely<Database>, message: MessageToSend): Promise<string> {
      const id = newSortableId();
      await insertMessage(trx, toRow(id, message, toStored(clock.now())));
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
