import type { Message, MessageList, MessagesReadAll, MessagesUnread } from '@contract/messages.schema';
import { getJson, postJson } from '@/shared/http';
import { toQuery } from '@/shared/routes';

/** Messages on one page of the list. */
export const PAGE_SIZE = 20;

/** One page of the caller's messages, newest first, with the unread count; the next with its `cursor`. */
export function fetchMessages(cursor?: string): Promise<MessageList> {
  return getJson<MessageList>(`/messages${toQuery({ limit: String(PAGE_SIZE), cursor })}`);
}

/** The caller's unread count alone (the tab's badge). */
export function fetchUnread(): Promise<MessagesUnread> {
  return getJson<MessagesUnread>('/messages/unread');
}

/** Marks one message read; answers the message with `readAt` as the server recorded it. */
export function markMessageRead(id: string): Promise<Message> {
  return postJson<Message>(`/messages/${encodeURIComponent(id)}/read`);
}

/** 全部已读. */
export function markAllMessagesRead(): Promise<MessagesReadAll> {
  return postJson<MessagesReadAll>('/messages/read-all');
}
