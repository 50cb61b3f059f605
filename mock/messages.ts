import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Message, MessageList, MessagesReadAll, MessagesUnread } from '@contract/messages.schema';
import { errorResponse, signedIn, type Params } from './support';
import { mockState, toInstant, toMessage, type MockMessage } from './state';

const mineNewestFirst = (personId: string): MockMessage[] =>
  mockState.messages
    .filter((message) => message.personId === personId)
    .reverse()
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

/**
 * 消息: the caller's messages newest first, a page at a time (the cursor here is simply the last
 * id shown), with the unread count; marking one read; 全部已读.
 */
export function messagesHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/messages`,
      signedIn((person, _params, request) => {
        const query = new URL(request.url).searchParams;
        const limit = Number(query.get('limit') ?? 20);
        const cursor = query.get('cursor');
        const mine = mineNewestFirst(person.id);
        const start = cursor ? mine.findIndex((m) => m.id === cursor) + 1 : 0;
        if (cursor && start === 0) return errorResponse(400, 'CURSOR_INVALID');
        const page = mine.slice(start, start + limit);
        const more = start + limit < mine.length;
        const unread = mine.filter((message) => message.readAt === null).length;
        return HttpResponse.json<MessageList>({
          items: page.map(toMessage),
          nextCursor: more ? page[page.length - 1].id : null,
          unread,
        });
      }),
    ),

    http.get<Params>(
      `${base}/messages/unread`,
      signedIn((person) =>
        HttpResponse.json<MessagesUnread>({
          unread: mineNewestFirst(person.id).filter((message) => message.readAt === null).length,
        }),
      ),
    ),

    http.post<Params>(
      `${base}/messages/read-all`,
      signedIn((person) => {
        const at = toInstant(mockState.now());
        let marked = 0;
        for (const message of mockState.messages) {
          if (message.personId !== person.id || message.readAt !== null) continue;
          message.readAt = at;
          marked += 1;
        }
        return HttpResponse.json<MessagesReadAll>({ marked, unread: 0 });
      }),
    ),

    http.post<Params>(
      `${base}/messages/:id/read`,
      signedIn((person, params) => {
        const message = mockState.messages.find((m) => m.id === params.id && m.personId === person.id);
        if (!message) return errorResponse(404, 'MESSAGE_NOT_FOUND');
        message.readAt ??= toInstant(mockState.now());
        return HttpResponse.json<Message>(toMessage(message));
      }),
    ),
  ];
}
