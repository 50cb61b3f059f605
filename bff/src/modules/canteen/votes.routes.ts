import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CanteenParamsSchema,
  RankingQuerySchema,
  RankingSchema,
  VoteBodySchema,
  VoteParamsSchema,
  VoteResultSchema,
} from '@contract/canteen.schema';
import { DINERS, MANAGERS, common, readErrors, writeErrors } from './canteen.route-common';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { MenuService } from './menu.service';

/** Votes on the dishes of a published menu (diners) and their ranking (the canteen's staff, admins). */
export function registerVoteRoutes(app: FastifyInstance, deps: { auth: AuthService; menu: MenuService }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const diner = authorize(deps.auth, DINERS);
  const manager = authorize(deps.auth, MANAGERS);

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
