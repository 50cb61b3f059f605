import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import { PageQuerySchema } from '@contract/page.schema';
import {
  AcceptInvitationSchema,
  AuditPageSchema,
  BlockPageSchema,
  GuardListQuerySchema,
  HostListSchema,
  HostQuerySchema,
  InvitationCreatedSchema,
  InvitationViewSchema,
  NewApplicationSchema,
  NewBlockSchema,
  NewInvitationSchema,
  NewWalkInSchema,
  PrivacyNoticeSchema,
  ReasonSchema,
  RevealSchema,
  ScanResultSchema,
  ScanSchema,
  TokenParamsSchema,
  UnitNamesSchema,
  VisitCreatedSchema,
  VisitListQuerySchema,
  VisitPageSchema,
  VisitSchema,
} from '@contract/visitors.schema';
import { DomainError } from '../../errors';
import { authorize, personOf } from '../../plugins/authorize';
import type { AuthService } from '../auth';
import type { VisitorsService } from './visitors.service';

const E = ErrorBodySchema;

/** HTTP only: every rule (who may do what, masking, windows) lives in visitors.service.ts. */
export function registerVisitorsRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; visitors: VisitorsService; applicationsPerHour: number },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const v = deps.visitors;
  const signedIn = authorize(deps.auth);
  const host = authorize(deps.auth, ['staff', 'admin']);
  const guard = authorize(deps.auth, ['guard']);
  const admin = authorize(deps.auth, ['admin']);
  const common = { tags: ['visitors'], security: [{ bearer: [] }] };
  const open = { tags: ['visitors'] };

  api.get(
    '/api/visits/privacy',
    {
      schema: {
        ...open,
        summary: '访客个人信息处理告知（提交个人信息前须阅读并同意）',
        response: { 200: PrivacyNoticeSchema },
      },
    },
    async () => v.privacy(),
  );

  api.get(
    '/api/visits/units',
    {
      preHandler: signedIn,
      schema: { ...common, summary: '可被访问的单位', response: { 200: UnitNamesSchema, 401: E } },
    },
    async () => v.units(),
  );

  api.get(
    '/api/visits/hosts',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '在一个单位内按姓名查找被访人（只显示姓名和单位）',
        querystring: HostQuerySchema,
        response: { 200: HostListSchema, 400: E, 401: E },
      },
    },
    async (request) => v.hosts(request.query.unit, request.query.q),
  );

  api.post(
    '/api/visits',
    {
      preHandler: host,
      schema: {
        ...common,
        summary: '邀请访客：得到一个带签名、会过期的邀请链接（打开无需登录，接受需登录）',
        body: NewInvitationSchema,
        response: { 201: InvitationCreatedSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request, reply) => reply.status(201).send(await v.invite(personOf(request), request.body)),
  );

  api.post(
    '/api/visits/applications',
    {
      preHandler: signedIn,
      // Each application messages (and pushes to) a host: one session cannot flood a host with them.
      config: {
        rateLimit: {
          max: deps.applicationsPerHour,
          timeWindow: '1 hour',
          keyGenerator: (request: FastifyRequest) => `visit-apply:${request.headers.authorization ?? request.ip}`,
          errorResponseBuilder: () => new DomainError('RATE_LIMITED', 429),
        },
      },
      schema: {
        ...common,
        summary: '访客申请来访，等待被访人审批（每个登录每小时有次数上限）',
        body: NewApplicationSchema,
        response: { 201: VisitCreatedSchema, 400: E, 401: E, 404: E, 429: E },
      },
    },
    async (request, reply) => reply.status(201).send({ visit: await v.apply(personOf(request), request.body) }),
  );

  api.get(
    '/api/visits',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '我的来访：作为被访人（as=host）或访客（as=visitor），最新在前，按游标分页',
        querystring: VisitListQuerySchema,
        response: { 200: VisitPageSchema, 400: E, 401: E },
      },
    },
    async (request) => v.list(personOf(request), request.query),
  );

  api.get(
    '/api/visits/today',
    {
      preHandler: guard,
      schema: {
        ...common,
        summary: '门岗：今日预约访客（按时间）、在园访客、超时未离开的访客',
        querystring: GuardListQuerySchema,
        response: { 200: VisitPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => v.guardList(personOf(request), request.query),
  );

  api.post(
    '/api/visits/scan',
    {
      preHandler: guard,
      schema: {
        ...common,
        summary: '门岗核验通行码（二维码内容或 8 位短码）：第一次签到，第二次签离；签到后片刻内签离需 checkOut 确认',
        body: ScanSchema,
        response: { 200: ScanResultSchema, 400: E, 401: E, 403: E, 409: E },
      },
    },
    async (request) => v.scan(personOf(request), request.body.pass, { checkOut: request.body.checkOut === true }),
  );

  api.post(
    '/api/visits/walk-ins',
    {
      preHandler: guard,
      schema: {
        ...common,
        summary: '门岗登记临时访客，等待被访人确认（或由门岗说明理由放行）',
        body: NewWalkInSchema,
        response: { 201: VisitCreatedSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => reply.status(201).send({ visit: await v.walkIn(personOf(request), request.body) }),
  );

  api.get(
    '/api/visits/invitations/:token',
    {
      schema: {
        ...open,
        summary: '打开邀请（无需登录）：被访人、地点、时间，访客姓名打码',
        params: TokenParamsSchema,
        response: { 200: InvitationViewSchema, 400: E, 404: E, 410: E },
      },
    },
    async (request) => v.openInvitation(request.params.token),
  );

  api.post(
    '/api/visits/invitations/:token/accept',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '接受邀请：同意个人信息处理告知后，来访归我，通行码生效',
        params: TokenParamsSchema,
        body: AcceptInvitationSchema,
        response: { 200: VisitSchema, 400: E, 401: E, 409: E, 410: E },
      },
    },
    async (request) => v.acceptInvitation(personOf(request), request.params.token, request.body),
  );

  api.get(
    '/api/visits/blocks',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '限制名单（号码打码）',
        querystring: PageQuerySchema,
        response: { 200: BlockPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => v.blocks(personOf(request), request.query),
  );

  api.post(
    '/api/visits/blocks',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '按身份证号或手机号加入限制名单：命中的来访会提示被访人和门岗，不会被悄悄拒绝',
        body: NewBlockSchema,
        response: { 201: Type.Object({ id: Type.String() }), 400: E, 401: E, 403: E, 409: E },
      },
    },
    async (request, reply) => reply.status(201).send(await v.block(personOf(request), request.body)),
  );

  api.delete(
    '/api/visits/blocks/:id',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '移出限制名单',
        params: IdParamsSchema,
        response: { 204: Type.Null(), 401: E, 403: E, 404: E },
      },
    },
    async (request, reply) => {
      await v.unblock(personOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/visits/audit',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '访客审计日志（只读，至少保存 6 个月）',
        querystring: PageQuerySchema,
        response: { 200: AuditPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => v.auditLog(personOf(request), request.query),
  );

  api.get(
    '/api/visits/:id',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '一次来访：被访人、访客本人或门岗可见',
        params: IdParamsSchema,
        response: { 200: VisitSchema, 401: E, 404: E },
      },
    },
    async (request) => v.get(personOf(request), request.params.id),
  );

  api.delete(
    '/api/visits/:id',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '访客删除自己已结束的来访（立即清除个人信息）',
        params: IdParamsSchema,
        response: { 204: Type.Null(), 401: E, 404: E, 409: E },
      },
    },
    async (request, reply) => {
      await v.remove(personOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  const visitAction = (summary: string, preHandler = signedIn) => ({
    preHandler,
    schema: {
      ...common,
      summary,
      params: IdParamsSchema,
      response: { 200: VisitSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
    },
  });
  const withReason = (summary: string, preHandler = signedIn) => ({
    preHandler,
    schema: {
      ...common,
      summary,
      params: IdParamsSchema,
      body: ReasonSchema,
      response: { 200: VisitSchema, 400: E, 401: E, 403: E, 404: E, 409: E },
    },
  });

  api.post('/api/visits/:id/approve', visitAction('被访人同意来访申请'), async (request) =>
    v.approve(personOf(request), request.params.id),
  );
  api.post('/api/visits/:id/decline', withReason('被访人拒绝来访申请（须填写理由）'), async (request) =>
    v.decline(personOf(request), request.params.id, request.body.reason),
  );
  api.post('/api/visits/:id/cancel', visitAction('取消来访（访客本人或被访人）'), async (request) =>
    v.cancel(personOf(request), request.params.id),
  );
  api.post('/api/visits/:id/override', withReason('门岗说明理由放行待确认的临时访客（留痕）', guard), async (request) =>
    v.override(personOf(request), request.params.id, request.body.reason),
  );
  api.post(
    '/api/visits/:id/reveal',
    {
      preHandler: guard,
      schema: {
        ...common,
        summary: '门岗查看完整身份证号用于核验身份（每次留痕）',
        params: IdParamsSchema,
        response: { 200: RevealSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => v.reveal(personOf(request), request.params.id),
  );
}
