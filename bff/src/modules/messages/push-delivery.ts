import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { toStored, type Clock } from '../../lib/time';
import type { OutboxHandler } from '../../outbox/outbox.worker';
import type { PushChannels } from '../module';
import type { PushAddress } from '../auth';
import { findMessageById, findPush, recordPush } from './messages.repository';

/** The outbox topic of a message's push; its payload names the message. */
export const MESSAGE_PUSH_TOPIC = 'message.push';

export interface PushPayload {
  messageId: string;
}

const isPushPayload = (value: unknown): value is PushPayload => typeof (value as PushPayload)?.messageId === 'string';

/**
 * Delivers a message's push on the platform the person signed in with. A remote that is down or
 * refuses throws, and the outbox tries again later with back-off; the outcome is recorded once,
 * after which a repeated delivery of the row sends nothing. 浙政钉 also drops a repeated bizMsgId
 * (the message id) itself; a WeChat subscribe message spends the person's one-time consent, so a
 * second send would be refused (43101) rather than shown twice.
 */
export function createPushDelivery(deps: {
  clock: Clock;
  channels: PushChannels;
  addressOf: (db: Kysely<Database>, personId: string) => Promise<PushAddress | undefined>;
}): OutboxHandler {
  const { clock, channels, addressOf } = deps;
  return async (payload, { db }) => {
    if (!isPushPayload(payload)) throw new Error('malformed push payload');
    if (await findPush(db, payload.messageId)) return;
    const message = await findMessageById(db, payload.messageId);
    if (!message) return; // the person is gone (their messages went with them)
    const address = await addressOf(db, message.person_id);
    const channel = address ? channels[address.platform] : undefined;
    if (!address || !channel) {
      await recordPush(db, { message_id: message.id, channel: null, outcome: 'no-channel', at: toStored(clock.now()) });
      return;
    }
    const outcome = await channel.send({
      id: message.id,
      to: address.to,
      title: message.title,
      body: message.body,
      at: new Date(message.created_at),
      subject:
        message.subject_kind && message.subject_id ? { kind: message.subject_kind, id: message.subject_id } : null,
    });
    await recordPush(db, { message_id: message.id, channel: address.platform, outcome, at: toStored(clock.now()) });
  };
}
