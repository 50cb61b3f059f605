import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CanteenListSchema,
  CanteenParamsSchema,
  CanteenSchema,
  CanteenStaffSchema,
  CanteenStaffUpdateSchema,
  CanteenUpdateSchema,
  DayMenuSchema,
  DishCreateSchema,
  DishListQuerySchema,
  DishListSchema,
  DishParamsSchema,
  DishSchema,
  DishUpdateSchema,
  MealDishesSchema,
  MealParamsSchema,
  MenuCopyResultSchema,
  MenuCopySchema,
  MenuQuerySchema,
  MenuRangeSchema,
  MenuStatusListSchema,
  RankingQuerySchema,
  RankingSchema,
  VoteBodySchema,
  VoteParamsSchema,
  VoteResultSchema,
  WeekMenuSchema,
  WeekQuerySchema,
} from '../../../../contract/canteen.schema';
import { ErrorBodySchema } from '../../../../contract/common.schema';
import type { Role } from '../../../../contract/roles';
import { acceptsGzip, createGzipAnswers } from '../../fast-paths/menus/gzip-answers';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth/auth.service';
import type { CanteenService } from './canteen.service';
import type { DishesService } from './dishes.service';
import type { MenuAnswer } from '../../fast-paths/menus/menu-read-cache';
import type { MenuService } from './menu.service';

/** Who eats and votes (the 今日菜品 entry of the service catalogue). */
export const DINERS: readonly Role[] = ['staff', 'canteen', 'admin'];
/** Who may reach the management routes; the service then checks the canteen itself. */
export const MANAGERS: readonly Role[] = ['canteen', 'admin'];

const E = ErrorBodySchema;
const readErrors = { 400: E, 401: E, 403: E, 404: E };
const writeErrors = { 400: E, 401: E, 403: E, 404: E, 409: E };

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends a serialised answer with its ETag (which covers the caller's own votes), or 304 when the
 * client already has it. `private, no-cache`: per person, always revalidated.
 *
 * The menu service serialises the hot menu read itself (cached per day, stitched per person), so
 * the schema serializer is bypassed; the route's response schema still documents the answer.
 */
function sendWithEtag(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: MenuAnswer,
  gzipAnswers: ReturnType<typeof createGzipAnswers>,
) {
  // The gzipped representation has its own tag, as HTTP wants for different bytes.
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? answer.gzipEtag : answer.etag;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'authorization, accept-encoding');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  reply.type('application/json; charset=utf-8');
  if (gzip) return reply.header('content-encoding', 'gzip').send(gzipAnswers.of(etag, answer.body));
  return reply.send(answer.body());
}

export function registerCanteenRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; canteens: CanteenService; dishes: DishesService; menu: MenuService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const diner = authorize(deps.auth, DINERS);
  const manager = authorize(deps.auth, MANAGERS);
  const admin = authorize(deps.auth, ['admin']);
  const common = { tags: ['canteen'], security: [{ bearer: [] }] };
  const gzipAnswers = createGzipAnswers({ maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 });

  // ---- canteens ---------------------------------------------------------------------------------

  api.get(
    '/api/canteens',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '食堂列表（含供餐时间、报餐截止时间）',
        response: { 200: CanteenListSchema, 401: E, 403: E },
      },
    },
    async (request) => deps.canteens.list(personOf(request)),
  );

  api.patch(
    '/api/canteens/:canteenId',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '修改食堂设置（管理员）：名称、位置、餐次与供餐时间、报餐截止',
        params: CanteenParamsSchema,
        body: CanteenUpdateSchema,
        response: { 200: CanteenSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.update(request.params.canteenId, request.body),
  );

  api.get(
    '/api/canteens/:canteenId/staff',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '食堂工作人员（管理员）',
        params: CanteenParamsSchema,
        response: { 200: CanteenStaffSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.staff(request.params.canteenId),
  );

  api.put(
    '/api/canteens/:canteenId/staff',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '设置食堂工作人员（管理员，须具有食堂角色）',
        params: CanteenParamsSchema,
        body: CanteenStaffUpdateSchema,
        response: { 200: CanteenStaffSchema, ...readErrors },
      },
    },
    async (request) => deps.canteens.setStaff(request.params.canteenId, request.body.personIds),
  );

  // ---- dish library (the canteen's staff, admins) ---------------------------------------------

  api.get(
    '/api/canteens/:canteenId/dishes',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '菜品库',
        params: CanteenParamsSchema,
        querystring: DishListQuerySchema,
        response: { 200: DishListSchema, ...readErrors },
      },
    },
    async (request) => deps.dishes.list(personOf(request), request.params.canteenId, request.query.retired),
  );

  api.post(
    '/api/canteens/:canteenId/dishes',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '新增菜品',
        params: CanteenParamsSchema,
        body: DishCreateSchema,
        response: { 201: DishSchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.dishes.create(personOf(request), request.params.canteenId, request.body)),
  );

  api.patch(
    '/api/canteens/:canteenId/dishes/:dishId',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '修改菜品',
        params: DishParamsSchema,
        body: DishUpdateSchema,
        response: { 200: DishSchema, ...writeErrors },
      },
    },
    async (request) =>
      deps.dishes.update(personOf(request), request.params.canteenId, request.params.dishId, request.body),
  );

  api.post(
    '/api/canteens/:canteenId/dishes/:dishId/retire',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '停用菜品（保留在历史菜单中，不能再加入新菜单）',
        params: DishParamsSchema,
        response: { 200: DishSchema, ...readErrors },
      },
    },
    async (request) => deps.dishes.setRetired(personOf(request), request.params.canteenId, request.params.dishId, true),
  );

  api.post(
    '/api/canteens/:canteenId/dishes/:dishId/restore',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '恢复已停用的菜品',
        params: DishParamsSchema,
        response: { 200: DishSchema, ...readErrors },
      },
    },
    async (request) =>
      deps.dishes.setRetired(personOf(request), request.params.canteenId, request.params.dishId, false),
  );

  // ---- menus ------------------------------------------------------------------------------------

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
      return sendWithEtag(request, reply, answer instanceof Promise ? await answer : answer, gzipAnswers);
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

  // ---- votes ------------------------------------------------------------------------------------

  api.put(
    '/api/canteens/:canteenId/menu/:date/dishes/:dishId/vote',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '赞或踩（每人每天每道菜一票，可改）',
        description: '只能评价今天及之前 6 天已发布菜单上的菜品。返回该菜品最新的赞踩数和我的评价。',
        params: VoteParamsSchema,
        body: VoteBodySchema,
        response: { 200: VoteResultSchema, ...writeErrors },
      },
    },
    async (request) =>
      deps.menu.vote(
        personOf(request),
        request.params.canteenId,
        request.params.date,
        request.params.dishId,
        request.body.value,
      ),
  );

  api.delete(
    '/api/canteens/:canteenId/menu/:date/dishes/:dishId/vote',
    {
      preHandler: diner,
      schema: {
        ...common,
        summary: '撤回我的评价',
        params: VoteParamsSchema,
        response: { 200: VoteResultSchema, ...writeErrors },
      },
    },
    async (request) =>
      deps.menu.vote(personOf(request), request.params.canteenId, request.params.date, request.params.dishId, null),
  );

  api.get(
    '/api/canteens/:canteenId/ranking',
    {
      preHandler: manager,
      schema: {
        ...common,
        summary: '菜品评价排行：按净得分（赞−踩）的前几名和后几名，票数过少的不计',
        params: CanteenParamsSchema,
        querystring: RankingQuerySchema,
        response: { 200: RankingSchema, ...readErrors },
      },
    },
    async (request) => deps.menu.ranking(personOf(request), request.params.canteenId, request.query),
  );
}
