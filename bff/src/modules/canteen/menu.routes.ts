import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createGzipAnswers } from '../../fast-paths/menus/gzip-answers';
import { sendMenuAnswer } from '../../fast-paths/menus/send-menu-answer';
import {
  CanteenParamsSchema,
  DayMenuSchema,
  MealDishesSchema,
  MealParamsSchema,
  MenuCopyResultSchema,
  MenuCopySchema,
  MenuQuerySchema,
  MenuRangeSchema,
  MenuStatusListSchema,
  WeekMenuSchema,
  WeekQuerySchema,
} from '@contract/canteen.schema';
import { DINERS, MANAGERS, common, readErrors, writeErrors } from './canteen.route-common';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { MenuService } from './menu.service';

/** Menus: the day and the week as diners see them, and their editing (the canteen's staff, admins). */
export function registerMenuRoutes(app: FastifyInstance, deps: { auth: AuthService; menu: MenuService }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const diner = authorize(deps.auth, DINERS);
  const manager = authorize(deps.auth, MANAGERS);
  const gzipAnswers = createGzipAnswers({ maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 });

  api.get(
    '/api/canteens/:canteenId/menu',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '某天的菜单（默认今天）：各餐次、菜品、赞踩数和我的评价',
        description:
          '带 ETag；If-None-Match 命中时答 304。职工只看到已发布餐次的菜品，本食堂工作人员和管理员也看到草稿。',
        params: CanteenParamsSchema,
        querystring: MenuQuerySchema,
        response: { 200: DayMenuSchema, 304: Type.Null({ description: '未变化' }), ...readErrors },
      },
    },
    async (request, reply) => {
      const answer = deps.menu.dayAnswer(personOf(request), request.params.canteenId, request.query.date);
      return sendMenuAnswer(request, reply, answer instanceof Promise ? await answer : answer, gzipAnswers);
    },
  );

  api.get(
    '/api/canteens/:canteenId/menu/week',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '一周菜谱（7 天，默认本周一起），标注工作日、节假日和调休',
        params: CanteenParamsSchema,
        querystring: WeekQuerySchema,
        response: { 200: WeekMenuSchema, ...readErrors },
      },
    },
    async (request) => deps.menu.week(personOf(request), request.params.canteenId, request.query.start),
  );

  api.put(
    '/api/canteens/:canteenId/menu/:date/meals/:meal',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '编排某天某餐的菜品（按顺序；空列表删除该餐菜单）',
        params: MealParamsSchema,
        body: MealDishesSchema,
        response: { 200: DayMenuSchema, ...writeErrors },
      },
    },
    async (request) =>
      deps.menu.setMeal(
        personOf(request),
        request.params.canteenId,
        request.params.date,
        request.params.meal,
        request.body.dishIds,
      ),
  );

  api.post(
    '/api/canteens/:canteenId/menu/copy',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '复制菜单：把从 from 起的 days 天（1 天或一周）复制到从 to 起的日期，存为草稿',
        params: CanteenParamsSchema,
        body: MenuCopySchema,
        response: { 200: MenuCopyResultSchema, ...writeErrors },
      },
    },
    async (request) => deps.menu.copy(personOf(request), request.params.canteenId, request.body),
  );

  api.post(
    '/api/canteens/:canteenId/menu/publish',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '发布一段日期内已编排的餐次（最多 14 天）',
        params: CanteenParamsSchema,
        body: MenuRangeSchema,
        response: { 200: MenuStatusListSchema, ...writeErrors },
      },
    },
    async (request) => deps.menu.setPublished(personOf(request), request.params.canteenId, request.body, true),
  );

  api.post(
    '/api/canteens/:canteenId/menu/unpublish',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '撤回发布（最多 14 天）',
        params: CanteenParamsSchema,
        body: MenuRangeSchema,
        response: { 200: MenuStatusListSchema, ...writeErrors },
      },
    },
    async (request) => deps.menu.setPublished(personOf(request), request.params.canteenId, request.body, false),
  );
}
