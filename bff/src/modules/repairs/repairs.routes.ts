import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import {
  BuildingAreaInputSchema,
  PlaceInputSchema,
  NewRepairSchema,
  RepairAssignSchema,
  RepairBoardQuerySchema,
  RepairBoardSchema,
  RepairCategoryInputSchema,
  RepairCategoryListSchema,
  RepairCategorySchema,
  RepairCreatedSchema,
  RepairerListSchema,
  RepairerParamsSchema,
  RepairerProfileInputSchema,
  RepairerProfileSchema,
  RepairFinishSchema,
  RepairListQuerySchema,
  RepairLocationsSchema,
  RepairOptionalReasonSchema,
  RepairPageSchema,
  RepairRatingSchema,
  RepairReasonSchema,
  RepairTicketDetailSchema,
  type RepairAction,
} from '@contract/repairs.schema';
import { forbidden } from '../../errors';
import { authorize, personOf } from '../../plugins/authorize';
import { IdempotencyKeyHeadersSchema, idempotencyKeyOf } from '../../plugins/idempotency-key';
import type { AuthService } from '../auth';
import type { SetupService } from './setup.service';
import type { SlaService } from './sla.service';
import { isDispatcher } from './ticket-view';
import type { ActionBody, TicketsService } from './tickets.service';

const E = ErrorBodySchema;

/** What each step is called in the docs, and its body (none for the plain ones). */
const ACTIONS: Record<RepairAction, { summary: string; body?: TSchema }> = {
  accept: { summary: '接单（被派单的维修工）' },
  decline: { summary: '拒单并说明原因：工单自动改派给其他在岗维修工，无人可派时进入待派单', body: RepairReasonSchema },
  arrive: { summary: '到场（接单的维修工）' },
  pause: { summary: '暂停待料（原因必填）：暂停期间时限停止计时', body: RepairReasonSchema },
  resume: { summary: '恢复维修：完工时限顺延暂停的时长' },
  finish: { summary: '完工：备注与最多 9 张照片（须到场后）', body: RepairFinishSchema },
  cancel: { summary: '取消报修（报修人，接单前）', body: RepairOptionalReasonSchema },
  rate: { summary: '评价 1–5 分（报修人，完工后，只能一次）', body: RepairRatingSchema },
  reopen: { summary: '返修（报修人，完工 7 天内）：回到原维修工或重新派单', body: RepairReasonSchema },
  assign: { summary: '改派给指定维修工（调度、管理员；同时改派时只有一个生效）', body: RepairAssignSchema },
};

export function registerRepairsRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; tickets: TicketsService; setup: SetupService; sla: SlaService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = authorize(deps.auth);
  // Anyone of the compound reports (visitors do not).
  const reporter = authorize(deps.auth, ['staff', 'admin', 'dispatcher', 'repairer', 'canteen', 'guard']);
  const dispatcher = authorize(deps.auth, ['dispatcher', 'admin']);
  const common = { tags: ['repairs'], security: [{ bearer: [] }] };

  api.get(
    '/api/repairs/categories',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '报修类别及其时限（接单 A 分钟、到场 B 分钟、完工 C 小时）；all=true 含已停用（调度、管理员）',
        querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }),
        response: { 200: RepairCategoryListSchema, 401: E, 403: E },
      },
    },
    async (request) => {
      const all = request.query.all === true;
      if (all && !isDispatcher(personOf(request))) throw forbidden();
      return deps.setup.categories(all);
    },
  );

  api.post(
    '/api/repairs/categories',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '新增报修类别（技能与时限）',
        body: RepairCategoryInputSchema,
        response: { 201: RepairCategorySchema, 400: E, 401: E, 403: E },
      },
    },
    async (request, reply) => reply.status(201).send(await deps.setup.createCategory(request.body)),
  );

  api.put(
    '/api/repairs/categories/:id',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '修改报修类别（名称、技能、时限、启用）；已报修的工单保持原时限',
        params: IdParamsSchema,
        body: RepairCategoryInputSchema,
        response: { 200: RepairCategorySchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => deps.setup.updateCategory(request.params.id, request.body),
  );

  api.get(
    '/api/repairs/locations',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '园区楼宇 → 楼层 → 房间（含楼宇的派单片区）',
        response: { 200: RepairLocationsSchema, 401: E },
      },
    },
    async () => deps.setup.locations(),
  );

  api.post(
    '/api/repairs/buildings/:id/floors',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '为楼宇新增楼层（排在最后）；答复新的楼宇 → 楼层 → 房间',
        params: IdParamsSchema,
        body: PlaceInputSchema,
        response: { 201: RepairLocationsSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.setup.addPlace('floor', request.params.id, request.body.name)),
  );

  api.post(
    '/api/repairs/floors/:id/rooms',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '为楼层新增房间（排在最后）；答复新的楼宇 → 楼层 → 房间',
        params: IdParamsSchema,
        body: PlaceInputSchema,
        response: { 201: RepairLocationsSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await deps.setup.addPlace('room', request.params.id, request.body.name)),
  );

  api.put(
    '/api/repairs/buildings/:id/area',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '派单规则：楼宇 → 片区',
        params: IdParamsSchema,
        body: BuildingAreaInputSchema,
        response: { 204: Type.Null(), 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      await deps.setup.setBuildingArea(request.params.id, request.body.area);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/repairs/repairers',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '维修工：技能、片区、班次、是否在岗、未完成工单数',
        response: { 200: RepairerListSchema, 401: E, 403: E },
      },
    },
    async () => deps.setup.repairers(),
  );

  api.get(
    '/api/repairs/repairers/:personId',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '一位维修工的档案',
        params: RepairerParamsSchema,
        response: { 200: RepairerProfileSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => deps.setup.repairer(request.params.personId),
  );

  api.put(
    '/api/repairs/repairers/:personId',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '保存维修工档案：技能、片区、每周班次（只有在岗维修工会被自动派单）',
        params: RepairerParamsSchema,
        body: RepairerProfileInputSchema,
        response: { 200: RepairerProfileSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => deps.setup.saveRepairer(request.params.personId, request.body),
  );

  api.get(
    '/api/repairs/board',
    {
      preHandler: dispatcher,
      schema: {
        ...common,
        summary: '调度看板：进行中工单（正常 / 临期 / 超时），按类别和维修工的响应、到场用时、按时率与平均评分',
        querystring: RepairBoardQuerySchema,
        response: { 200: RepairBoardSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => deps.sla.board(personOf(request), request.query),
  );

  api.post(
    '/api/repairs',
    {
      preHandler: reporter,
      schema: {
        ...common,
        summary: '报修：类别、位置（选房间或填写）、描述、最多 9 张本人上传的照片、是否紧急；自动派单',
        headers: IdempotencyKeyHeadersSchema,
        body: NewRepairSchema,
        response: { 201: RepairCreatedSchema, 400: E, 401: E, 403: E, 422: E },
      },
    },
    async (request, reply) => {
      const ticket = await deps.tickets.report(personOf(request), idempotencyKeyOf(request), request.body);
      return reply.status(201).send({ ticket });
    },
  );

  api.get(
    '/api/repairs',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary:
          '工单列表：mine 我报修的，assigned 派给我的，queue 待派单、all 全部（调度、管理员）；最新在前，按游标分页',
        querystring: RepairListQuerySchema,
        response: { 200: RepairPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => deps.tickets.list(personOf(request), request.query),
  );

  api.get(
    '/api/repairs/:id',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '一张工单及其全过程（报修人、处理人、调度、管理员可见）',
        params: IdParamsSchema,
        response: { 200: RepairTicketDetailSchema, 401: E, 404: E },
      },
    },
    async (request) => deps.tickets.get(personOf(request), request.params.id),
  );

  for (const [action, spec] of Object.entries(ACTIONS) as [RepairAction, (typeof ACTIONS)[RepairAction]][]) {
    api.post(
      `/api/repairs/:id/${action}`,
      {
        preHandler: signedIn,
        schema: {
          ...common,
          summary: spec.summary,
          params: IdParamsSchema,
          ...(spec.body ? { body: spec.body } : {}),
          response: { 200: RepairTicketDetailSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
        },
      },
      async (request) =>
        deps.tickets.act(personOf(request), request.params.id, action, (request.body ?? {}) as ActionBody),
    );
  }
}
