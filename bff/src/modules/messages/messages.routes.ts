import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import {
  MessageListQuerySchema,
  MessageListSchema,
  MessageSchema,
  MessagesReadAllSchema,
  MessagesUnreadSchema,
} from '@contract/messages.schema';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { MessagesService } from './messages.service';

export function registerMessageRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; messages: MessagesService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = authorize(deps.auth);
  const common = { tags: ['messages'], security: [{ bearer: [] }] };

  api.get(
    '/api/messages',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '我的消息（最新在前，按游标分页）与未读数',
        querystring: MessageListQuerySchema,
        response: { 200: MessageListSchema, 400: ErrorBodySchema, 401: ErrorBodySchema },
      },
    },
    async (request) => deps.messages.list(personOf(request).id, request.query),
  );

  api.get(
    '/api/messages/unread',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '未读消息数（消息角标）',
        response: { 200: MessagesUnreadSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => deps.messages.unread(personOf(request).id),
  );

  api.post(
    '/api/messages/read-all',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '全部已读',
        response: { 200: MessagesReadAllSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => deps.messages.markAllRead(personOf(request).id),
  );

  api.post(
    '/api/messages/:id/read',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '标记已读',
        params: IdParamsSchema,
        response: { 200: MessageSchema, 401: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => deps.messages.markRead(personOf(request).id, request.params.id),
  );
}
