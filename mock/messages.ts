import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Message, MessageList } from '@contract/messages.schema';
import { errorResponse, signedIn, type Params } from './support';
import { mockState, toInstant, toMessage } from './state';

/** 消息: the caller's messages newest first with the unread count; marking one read. */
export function messagesHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/messages`,
      signedIn((person) => {
        const mine = mockState.messages.filter((message) => message.personId === person.id);
        const items = [...mine].reverse().sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
        const unread = mine.filter((message) => message.readAt === null).length;
        return HttpResponse.json<MessageList>({ items: items.map(toMessage), unread });
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
