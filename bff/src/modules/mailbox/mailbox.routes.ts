import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import {
  LetterCreatedSchema,
  LetterListQuerySchema,
  LetterPageSchema,
  LetterRatingSchema,
  LetterReplySchema,
  LetterSchema,
  MailboxCategoryListSchema,
  MailboxFiguresSchema,
  NewLetterSchema,
} from '@contract/mailbox.schema';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { MailboxService } from './mailbox.service';

const E = ErrorBodySchema;

export function registerMailboxRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; mailbox: MailboxService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = authorize(deps.auth);
  const admin = authorize(deps.auth, ['admin']);
  const common = { tags: ['mailbox'], security: [{ bearer: [] }] };

  api.get(
    '/api/mailbox/categories',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '服务信箱的信件类别（每类由一位管理员负责回复）',
        response: { 200: MailboxCategoryListSchema, 401: E },
      },
    },
    async () => deps.mailbox.categories(),
  );

  api.post(
    '/api/mailbox/letters',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '写信：建议或投诉，可匿名（管理员看不到写信人，回复仍送达写信人），可附最多 9 张图片',
        body: NewLetterSchema,
        response: { 201: LetterCreatedSchema, 400: E, 401: E, 404: E },
      },
    },
    async (request, reply) => {
      const letter = await deps.mailbox.write(personOf(request), request.body);
      return reply.status(201).send({ letter });
    },
  );

  api.get(
    '/api/mailbox/letters',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '我的信件（box=mine）或分派给我的信件（box=inbox，管理员），最新在前，按游标分页',
        querystring: LetterListQuerySchema,
        response: { 200: LetterPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => deps.mailbox.list(personOf(request), request.query),
  );

  api.get(
    '/api/mailbox/letters/:id',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '一封信：写信人本人或负责回复的管理员可见',
        params: IdParamsSchema,
        response: { 200: LetterSchema, 401: E, 404: E },
      },
    },
    async (request) => deps.mailbox.get(personOf(request), request.params.id),
  );

  api.post(
    '/api/mailbox/letters/:id/reply',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '回复一封分派给我的信（只能回复一次）',
        params: IdParamsSchema,
        body: LetterReplySchema,
        response: { 200: LetterSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => deps.mailbox.reply(personOf(request), request.params.id, request.body.body),
  );

  api.post(
    '/api/mailbox/letters/:id/rate',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '评价回复：写信人在回复后打 1–5 分，只能评价一次',
        params: IdParamsSchema,
        body: LetterRatingSchema,
        response: { 200: LetterSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => deps.mailbox.rate(personOf(request), request.params.id, request.body.score),
  );

  api.get(
    '/api/mailbox/figures',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '分派给我的信件统计：待回复、已回复、评价数与平均分，按类别',
        response: { 200: MailboxFiguresSchema, 401: E, 403: E },
      },
    },
    async (request) => deps.mailbox.figures(personOf(request)),
  );
}
