import type { Message, MessageList } from '@contract/messages.schema';
import { getJson, postJson } from '@/shared/http';

/** The caller's messages, newest first, with the unread count. */
export function fetchMessages(): Promise<MessageList> {
  return getJson<MessageList>('/messages');
}

/** Marks one message read; answers the message with `readAt` as the server recorded it. */
export function markMessageRead(id: string): Promise<Message> {
  return postJson<Message>(`/messages/${encodeURIComponent(id)}/read`);
}
