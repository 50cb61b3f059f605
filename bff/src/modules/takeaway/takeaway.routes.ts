import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema } from '@contract/common.schema';
import {
  BoardOrderSchema,
  CanteenBoardSchema,
  CloseDayResultSchema,
  CloseDaySchema,
  NewTakeawayItemSchema,
  PickupRequestSchema,
  TakeawayCanteenParamsSchema,
  TakeawayDayQuerySchema,
  TakeawayItemListSchema,
  TakeawayItemParamsSchema,
  TakeawayItemSchema,
  TakeawaySettingsSchema,
  TakeawayStockChangeSchema,
} from '@contract/takeaway.schema';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { OrdersService } from './orders.service';
import type { TakeawayService } from './takeaway.service';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** The canteen's side of takeaway: items, settings, the order board, pickups and close of day. */
export function registerTakeawayRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; takeaway: TakeawayService; orders: OrdersService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { takeaway, orders } = deps;
  const common = { tags: ['takeaway'], security: [{ bearer: [] }] };
  // Roles here are the first gate; the services then require the canteen_staff link to this canteen.
  const managers = authorize(deps.auth, ['canteen', 'admin']);

  api.post(
    '/api/canteens/:canteenId/takeaway',
    {
      preHandler: managers,
      schema: {
        ...common,
        summary: '新增外卖菜品（本食堂工作人员、管理员）',
        params: TakeawayCanteenParamsSchema,
        body: NewTakeawayItemSchema,
        response: { 201: TakeawayItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await takeaway.create(personOf(request), request.params.canteenId, request.body)),
  );

  api.get(
    '/api/canteens/:canteenId/takeaway',
    {
      preHandler: authorize(deps.auth),
      schema: {
        ...common,
        summary: '某天在售的外卖菜品与剩余数量（本食堂工作人员还能看到已下架的）',
        params: TakeawayCanteenParamsSchema,
        querystring: TakeawayDayQuerySchema,
        response: { 200: TakeawayItemListSchema, ...errors },
      },
    },
    async (request) => takeaway.list(personOf(request), request.params.canteenId, request.query.date),
  );

  for (const [action, status, summary] of [
    ['publish', 'published', '上架外卖菜品'],
    ['withdraw', 'withdrawn', '下架外卖菜品（已下的订单不受影响）'],
  ] as const) {
    api.post(
      `/api/canteens/:canteenId/takeaway/:itemId/${action}`,
      {
        preHandler: managers,
        schema: {
          ...common,
          summary,
          params: TakeawayItemParamsSchema,
          response: { 200: TakeawayItemSchema, ...errors },
        },
      },
      async (request) => takeaway.setStatus(personOf(request), request.params.canteenId, request.params.itemId, status),
    );
  }

  api.put(
    '/api/canteens/:canteenId/takeaway/:itemId/stock',
    {
      preHandler: managers,
      schema: {
        ...common,
        summary: '调整库存（不能少于已售出份数）',
        params: TakeawayItemParamsSchema,
        body: TakeawayStockChangeSchema,
        response: { 200: TakeawayItemSchema, ...errors },
      },
    },
    async (request) =>
      takeaway.changeStock(personOf(request), request.params.canteenId, request.params.itemId, request.body.stock),
  );

  api.get(
    '/api/canteens/:canteenId/takeaway/settings',
    {
      preHandler: managers,
      schema: {
        ...common,
        summary: '外卖设置',
        params: TakeawayCanteenParamsSchema,
        response: { 200: TakeawaySettingsSchema, ...errors },
      },
    },
    async (request) => takeaway.settings(personOf(request), request.params.canteenId),
  );

  api.put(
    '/api/canteens/:canteenId/takeaway/settings',
    {
      preHandler: managers,
      schema: {
        ...common,
        summary: '修改外卖设置（过期订单是否退款）',
        params: TakeawayCanteenParamsSchema,
        body: TakeawaySettingsSchema,
        response: { 200: TakeawaySettingsSchema, ...errors },
      },
    },
    async (request) => takeaway.saveSettings(personOf(request), request.params.canteenId, request.body),
  );

  api.post(
    '/api/canteens/:canteenId/takeaway/close-day',
    {
      preHandler: managers,
      schema: {
        ...common,
        summary: '结束当天外卖：未取餐的订单变为已过期（按设置退款）',
        params: TakeawayCanteenParamsSchema,
        body: CloseDaySchema,
        response: { 200: CloseDayResultSchema, ...errors },
      },
    },
    async (request) => orders.closeDay(personOf(request), request.params.canteenId, request.body.date),
  );

  api.get(
    '/api/canteens/:canteenId/orders',
    {
      preHandler: authorize(deps.auth, ['canteen']),
      schema: {
        ...common,
        summary: '食堂订单看板：某天的订单与备餐汇总（仅本食堂工作人员，与实时看板相同）',
        params: TakeawayCanteenParamsSchema,
        querystring: TakeawayDayQuerySchema,
        response: { 200: CanteenBoardSchema, ...errors },
      },
    },
    async (request) => orders.board(personOf(request), request.params.canteenId, request.query.date),
  );

  api.post(
    '/api/canteens/:canteenId/pickups',
    {
      preHandler: authorize(deps.auth, ['canteen']),
      schema: {
        ...common,
        summary: '核销取餐：扫码或输入 6 位取餐码（仅本食堂工作人员）',
        params: TakeawayCanteenParamsSchema,
        body: PickupRequestSchema,
        response: { 200: BoardOrderSchema, ...errors },
      },
    },
    async (request) => orders.pickup(personOf(request), request.params.canteenId, request.body.code),
  );
}
