import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import { NewOrderSchema, OrderListQuerySchema, OrderListSchema, OrderSchema } from '@contract/takeaway.schema';
import { authorize, personOf } from '../../plugins/authorize';
import { IdempotencyKeyHeadersSchema, idempotencyKeyOf } from '../../plugins/idempotency-key';
import type { AuthService } from '../auth';
import type { OrdersService } from './orders.service';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** The staff member's side of takeaway: place, list, read and cancel their own orders. */
export function registerOrderRoutes(app: FastifyInstance, deps: { auth: AuthService; orders: OrdersService }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { orders } = deps;
  const common = { tags: ['takeaway'], security: [{ bearer: [] }] };
  const signedIn = authorize(deps.auth);

  api.post(
    '/api/orders',
    {
      preHandler: authorize(deps.auth, ['staff', 'admin']),
      schema: {
        ...common,
        summary: '下单并从餐卡支付（需 Idempotency-Key；重发同一请求得到同一订单）',
        headers: IdempotencyKeyHeadersSchema,
        body: NewOrderSchema,
        response: { 201: OrderSchema, 422: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { order, replayed } = await orders.place(personOf(request), idempotencyKeyOf(request), request.body);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(order);
    },
  );

  api.get(
    '/api/orders',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '我的外卖订单（最新在前）',
        querystring: OrderListQuerySchema,
        response: { 200: OrderListSchema, ...errors },
      },
    },
    async (request) => orders.list(personOf(request), request.query),
  );

  api.get(
    '/api/orders/:id',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '订单详情与状态时间线',
        params: IdParamsSchema,
        response: { 200: OrderSchema, ...errors },
      },
    },
    async (request) => orders.get(personOf(request), request.params.id),
  );

  api.post(
    '/api/orders/:id/cancel',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '取消订单（售卖截止前；退回库存与餐卡）',
        params: IdParamsSchema,
        response: { 200: OrderSchema, ...errors },
      },
    },
    async (request) => orders.cancel(personOf(request), request.params.id),
  );
}
