import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema } from '../../../../contract/common.schema';
import {
  MealCardPersonParamsSchema,
  MealCardQuerySchema,
  MealCardSchema,
  TopupRequestSchema,
  TopupResultSchema,
} from '../../../../contract/meal-card.schema';
import { authorize, personOf } from '../../plugins/authorize';
import { IdempotencyKeyHeadersSchema, idempotencyKeyOf } from '../../plugins/idempotency-key';
import type { AuthService } from '../auth/auth.service';
import type { MealCardService } from './meal-card.service';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export function registerMealCardRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; mealCards: MealCardService },
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
