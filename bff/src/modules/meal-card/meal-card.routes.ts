import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema } from '@contract/common.schema';
import {
  MealCardPersonParamsSchema,
  MealCardQuerySchema,
  MealCardSchema,
  MealCardTransactionPageSchema,
  TopupRequestSchema,
  TopupResultSchema,
} from '@contract/meal-card.schema';
import { PageQuerySchema } from '@contract/page.schema';
import { PeoplePageSchema, PeopleQuerySchema, UnitListSchema, UnitsQuerySchema } from '@contract/people.schema';
import { authorize, personOf } from '../../plugins/authorize';
import { IdempotencyKeyHeadersSchema, idempotencyKeyOf } from '../../plugins/idempotency-key';
import type { AuthService, PeopleDirectory } from '../auth';
import type { MealCardService } from './meal-card.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export function registerMealCardRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; mealCards: MealCardService; directory: PeopleDirectory },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const common = { tags: ['meal-card'], security: [{ bearer: [] }] };

  api.get(
    '/api/meal-card',
    {
      preHandler: authorize(deps.auth),
      schema: {
        ...common,
        summary: '我的餐卡：余额与交易记录（最新在前）',
        querystring: MealCardQuerySchema,
        response: { 200: MealCardSchema, ...errors },
      },
    },
    async (request) => deps.mealCards.card(personOf(request).id, request.query.limit ?? 50),
  );

  api.get(
    '/api/meal-card/transactions',
    {
      preHandler: authorize(deps.auth),
      schema: {
        ...common,
        summary: '我的餐卡交易记录（最新在前，按 cursor 分页）',
        querystring: PageQuerySchema,
        response: { 200: MealCardTransactionPageSchema, ...errors },
      },
    },
    async (request) => deps.mealCards.transactions(personOf(request).id, request.query),
  );

  api.get(
    '/api/meal-cards/:personId',
    {
      preHandler: authorize(deps.auth, ['admin']),
      schema: {
        ...common,
        summary: '查看某人的餐卡（管理员）',
        params: MealCardPersonParamsSchema,
        querystring: MealCardQuerySchema,
        response: { 200: MealCardSchema, ...errors },
      },
    },
    async (request) => deps.mealCards.cardOfPerson(request.params.personId, request.query.limit ?? 50),
  );

  // The people directory: what an admin picks top-up recipients from (one person, or a whole unit).
  const directory = { tags: ['people'], security: [{ bearer: [] }] };

  api.get(
    '/api/people',
    {
      preHandler: authorize(deps.auth, ['admin']),
      schema: {
        ...directory,
        summary: '查找人员（管理员）：按姓名或单位搜索，分页；含角色与餐卡余额',
        description:
          'q 匹配姓名或单位（包含，不区分大小写）或人员编号（完全一致）；unit 只看该单位（完全一致）。' +
          '按单位、姓名、编号排序；只列出未停用的人员（停用的账号不能充值）。',
        querystring: PeopleQuerySchema,
        response: { 200: PeoplePageSchema, ...errors },
      },
    },
    async (request) => deps.directory.search(request.query),
  );

  api.get(
    '/api/people/units',
    {
      preHandler: authorize(deps.auth, ['admin']),
      schema: {
        ...directory,
        summary: '单位列表（管理员）：每个单位及其人数，用于按单位充值',
        description: 'q 筛选单位名称（包含）。人数只计未停用的人员，即按单位充值时到账的人数。',
        querystring: UnitsQuerySchema,
        response: { 200: UnitListSchema, ...errors },
      },
    },
    async (request) => deps.directory.units(request.query),
  );

  api.post(
    '/api/meal-cards/topups',
    {
      preHandler: authorize(deps.auth, ['admin']),
      schema: {
        ...common,
        summary: '餐卡充值（管理员）：给指定人员或整个单位充值，每笔记录操作人',
        headers: IdempotencyKeyHeadersSchema,
        body: TopupRequestSchema,
        response: { 201: TopupResultSchema, 409: ErrorBodySchema, 422: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await deps.mealCards.topup(personOf(request), idempotencyKeyOf(request), request.body);
      return reply.status(201).send(result);
    },
  );
}
