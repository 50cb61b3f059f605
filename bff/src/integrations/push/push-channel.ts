/**
 * What the message centre hands a push channel, and what comes back. A channel throws on a failure
 * worth retrying (the remote is down, busy, or refused us for a reason of ours); it answers
 * `not-subscribed` when the person has not agreed to pushes, which no retry can change.
 */
export interface PushNotice {
  /** The message's id: the remote's dedupe key where it has one (浙政钉 bizMsgId). */
  id: string;
  /** The person's id on that platform (WeChat openid, 浙政钉 accountId). */
  to: string;
  title: string;
  body: string;
  /** When the message was written. */
  at: Date;
  /** What the message is about (contract/messages.ts kinds), so a tap can open it. */
  subject: { kind: string; id: string } | null;
}

export type PushOutcome = 'sent' | 'not-subscribed';

/** The query that opens 消息 at this message and then the object it is about (src/features/messages). */
export function messagePageQuery(notice: Pick<PushNotice, 'id' | 'subject'>): string {
  const query = new URLSearchParams({ message: notice.id });
  if (notice.subject) {
    query.set('kind', notice.subject.kind);
    query.set('subject', notice.subject.id);
  }
  return query.toString();
}

export interface PushChannel {
  send(notice: PushNotice): Promise<PushOutcome>;
}

export class PushFailed extends Error {}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, never cutting a character. */
export function cutUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** The first `max` characters (code points, as WeChat counts a `thing` field), never half of one. */
export function cutChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('');
}
