import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { CanteenParamsSchema } from '@contract/canteen.schema';
import { ErrorBodySchema } from '@contract/common.schema';
import {
  ForecastQuerySchema,
  ForecastSchema,
  MyHeadcountQuerySchema,
  MyHeadcountSchema,
  MyHeadcountUpdateSchema,
} from '@contract/headcount.schema';
import type { Role } from '@contract/roles';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { HeadcountService } from './headcount.service';

/** Who signs up for meals (the 报餐 entry of the service catalogue). */
const EATERS: readonly Role[] = ['staff', 'admin'];

const E = ErrorBodySchema;

export function registerHeadcountRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; headcount: HeadcountService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const eater = authorize(deps.auth, EATERS);
  const manager = authorize(deps.auth, ['canteen', 'admin']);

  api.get(
    '/api/headcount/mine',
    {
      preHandler: eater,
      schema: {
        tags: ['canteen'],
        security: [{ bearer: [] }],
        summary: '我的报餐：接下来几个工作日的午餐、晚餐（跳过节假日，含调休上班日）',
        querystring: MyHeadcountQuerySchema,
        response: { 200: MyHeadcountSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => deps.headcount.mine(personOf(request), request.query.days ?? 5),
  );

  api.put(
    '/api/headcount/mine',
    {
      preHandler: eater,
      schema: {
        tags: ['canteen'],
        security: [{ bearer: [] }],
        summary: '报餐或取消（全部成功或全部不变；canteenId 为 null 表示不吃）',
        description: '须在食堂的报餐截止时间前；非工作日、节假日数据尚未公布的年份会被拒绝。',
        body: MyHeadcountUpdateSchema,
        response: { 200: MyHeadcountSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => deps.headcount.update(personOf(request), request.body),
  );

  api.get(
    '/api/canteens/:canteenId/forecast',
    {
      preHandler: manager,
      schema: {
        tags: ['canteen'],
        security: [{ bearer: [] }],
        summary: '报餐人数预测：每天每餐的报餐人数（本食堂工作人员、管理员）',
        params: CanteenParamsSchema,
        querystring: ForecastQuerySchema,
        response: { 200: ForecastSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => deps.headcount.forecast(personOf(request), request.params.canteenId, request.query),
  );
}
