import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema, IdParamsSchema } from '@contract/common.schema';
import { PageQuerySchema } from '@contract/page.schema';
import {
  AvailabilitySchema,
  BookingCreatedSchema,
  BookingPageSchema,
  BookingSchema,
  CarListSchema,
  DateQuerySchema,
  ExpectedListSchema,
  ExpectedQuerySchema,
  GateDecisionSchema,
  GateEventSchema,
  GateFeedPageSchema,
  LetInSchema,
  LotChangeSchema,
  LotCreatedSchema,
  LotParamsSchema,
  NewBookingSchema,
  NewCarSchema,
  NewLotSchema,
  NoShowPageSchema,
  OccupancySchema,
  ParkingLotListSchema,
  ParkingLotSchema,
  PlateParamsSchema,
  StandingListSchema,
  StandingPutSchema,
  SuspensionListSchema,
} from '@contract/parking.schema';
import { authorize, personOf } from '../../plugins/authorize';
import { rawBodyOf } from '../../plugins/edge';
import { IdempotencyKeyHeadersSchema, idempotencyKeyOf } from '../../plugins/idempotency-key';
import { GATE_HEADERS } from '../../integrations/gate/gate-signature';
import type { AuthService } from '../auth';
import type { BookingsService } from './bookings.service';
import type { GateService } from './gate.service';
import type { LotsService } from './lots.service';

const E = ErrorBodySchema;

export function registerParkingRoutes(
  app: FastifyInstance,
  deps: { auth: AuthService; bookings: BookingsService; gate: GateService; lots: LotsService },
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { bookings, gate, lots } = deps;
  const signedIn = authorize(deps.auth);
  const staff = authorize(deps.auth, ['staff']);
  const admin = authorize(deps.auth, ['admin']);
  const guard = authorize(deps.auth, ['guard']);
  const yard = authorize(deps.auth, ['guard', 'admin']);
  const common = { tags: ['parking'], security: [{ bearer: [] }] };

  api.get(
    '/api/parking/lots',
    {
      preHandler: signedIn,
      schema: { ...common, summary: '停车场及其规则、容量', response: { 200: ParkingLotListSchema, 401: E } },
    },
    async () => lots.list(),
  );

  api.post(
    '/api/parking/lots',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '新增停车场（管理员）：只给名称和容量时，工作日 07:00–20:00、可提前 7 天、随时可约',
        body: NewLotSchema,
        response: { 201: LotCreatedSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request, reply) => reply.status(201).send({ lot: await lots.create(request.body) }),
  );

  api.patch(
    '/api/parking/lots/:lotId',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '修改停车场规则（管理员）',
        params: LotParamsSchema,
        body: LotChangeSchema,
        response: { 200: ParkingLotSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => lots.change(request.params.lotId, request.body),
  );

  api.get(
    '/api/parking/lots/:lotId/standing',
    {
      preHandler: yard,
      schema: {
        ...common,
        summary: '常备名单（公务车），占用车位',
        params: LotParamsSchema,
        response: { 200: StandingListSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => lots.standing(request.params.lotId),
  );

  api.put(
    '/api/parking/lots/:lotId/standing',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '替换常备名单（管理员）',
        params: LotParamsSchema,
        body: StandingPutSchema,
        response: { 200: StandingListSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => lots.putStanding(request.params.lotId, request.body),
  );

  api.get(
    '/api/parking/lots/:lotId/availability',
    {
      preHandler: signedIn,
      schema: {
        ...common,
        summary: '某日各半小时的空余车位',
        params: LotParamsSchema,
        querystring: DateQuerySchema,
        response: { 200: AvailabilitySchema, 400: E, 401: E, 404: E },
      },
    },
    async (request) => bookings.availability(request.params.lotId, request.query.date),
  );

  api.get(
    '/api/parking/cars',
    {
      preHandler: staff,
      schema: { ...common, summary: '我的车辆（最多 3 个车牌）', response: { 200: CarListSchema, 401: E, 403: E } },
    },
    async (request) => bookings.cars(personOf(request)),
  );

  api.post(
    '/api/parking/cars',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '登记车牌（自动规范：大写、全角转半角、去空格）',
        body: NewCarSchema,
        response: { 201: CarListSchema, 400: E, 401: E, 403: E, 409: E },
      },
    },
    async (request, reply) => reply.status(201).send(await bookings.addCar(personOf(request), request.body.plate)),
  );

  api.delete(
    '/api/parking/cars/:plate',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '删除登记的车牌',
        params: PlateParamsSchema,
        response: { 200: CarListSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => bookings.removeCar(personOf(request), request.params.plate),
  );

  api.post(
    '/api/parking/bookings',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '预约车位（需 Idempotency-Key）；满位时 waitlist=true 加入候补，否则 409 PARKING_FULL',
        headers: IdempotencyKeyHeadersSchema,
        body: NewBookingSchema,
        response: { 201: BookingCreatedSchema, 400: E, 401: E, 403: E, 404: E, 409: E, 422: E },
      },
    },
    async (request, reply) => {
      const booking = await bookings.book(personOf(request), request.body, idempotencyKeyOf(request));
      return reply.status(201).send({ booking });
    },
  );

  api.get(
    '/api/parking/bookings',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '我的停车预约，最新在前，按游标分页',
        querystring: PageQuerySchema,
        response: { 200: BookingPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => bookings.list(personOf(request), request.query),
  );

  api.get(
    '/api/parking/bookings/:id',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '一条我的预约（含候补位次）',
        params: IdParamsSchema,
        response: { 200: BookingSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => bookings.get(personOf(request), request.params.id),
  );

  api.post(
    '/api/parking/bookings/:id/cancel',
    {
      preHandler: staff,
      schema: {
        ...common,
        summary: '取消预约（截止时间前）或退出候补；空出的车位自动给候补的人',
        params: IdParamsSchema,
        response: { 200: BookingSchema, 401: E, 403: E, 404: E, 409: E },
      },
    },
    async (request) => bookings.cancel(personOf(request), request.params.id),
  );

  api.post(
    '/api/parking/gate-events',
    {
      schema: {
        tags: ['parking'],
        security: [{ bearer: [] }, { gateSignature: [] }],
        summary:
          '道闸进出事件：道闸以 HMAC-SHA256 签名（x-gate-id、x-gate-timestamp、x-gate-nonce、x-gate-signature），或门岗登录后从控制台提交；同一 eventId 只处理一次',
        body: GateEventSchema,
        response: { 200: GateDecisionSchema, 400: E, 401: E, 403: E, 409: E },
      },
      preHandler: async (request, reply) => {
        if (request.headers[GATE_HEADERS.signature] !== undefined) {
          // The signature covers the body exactly as sent.
          await gate.verifySigned(request.headers, rawBodyOf(request) ?? '', request.body.gateId);
          return;
        }
        await guard(request, reply);
      },
    },
    async (request) =>
      request.headers[GATE_HEADERS.signature] !== undefined
        ? gate.decide(request.body)
        : gate.decide(request.body, { from: personOf(request) }),
  );

  api.post(
    '/api/parking/gate/let-in',
    {
      preHandler: guard,
      schema: {
        ...common,
        summary: '人工放行（门岗）：须填写原因，记录放行人和时间',
        body: LetInSchema,
        response: { 200: GateDecisionSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => gate.letIn(personOf(request), request.body),
  );

  api.get(
    '/api/parking/lots/:lotId/expected',
    {
      preHandler: yard,
      schema: {
        ...common,
        summary: '某日预计入场的车牌（预约、访客车辆、常备名单），可按车牌搜索',
        params: LotParamsSchema,
        querystring: ExpectedQuerySchema,
        response: { 200: ExpectedListSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => gate.expected(request.params.lotId, request.query),
  );

  api.get(
    '/api/parking/lots/:lotId/feed',
    {
      preHandler: yard,
      schema: {
        ...common,
        summary: '进出记录（含人工放行），最新在前，按游标分页',
        params: LotParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: GateFeedPageSchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => gate.feed(request.params.lotId, request.query),
  );

  api.get(
    '/api/parking/lots/:lotId/occupancy',
    {
      preHandler: yard,
      schema: {
        ...common,
        summary: '某日占用：各半小时已预约数、当前场内车辆、未到场与候补人数',
        params: LotParamsSchema,
        querystring: DateQuerySchema,
        response: { 200: OccupancySchema, 400: E, 401: E, 403: E, 404: E },
      },
    },
    async (request) => gate.occupancy(request.params.lotId, request.query.date),
  );

  api.get(
    '/api/parking/no-shows',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '未按时入场而释放的预约，最新在前（管理员）',
        querystring: PageQuerySchema,
        response: { 200: NoShowPageSchema, 400: E, 401: E, 403: E },
      },
    },
    async (request) => lots.noShows(request.query),
  );

  api.get(
    '/api/parking/suspensions',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '暂停预约中的人员（管理员）',
        response: { 200: SuspensionListSchema, 401: E, 403: E },
      },
    },
    async () => lots.suspensions(),
  );

  api.post(
    '/api/parking/suspensions/:id/lift',
    {
      preHandler: admin,
      schema: {
        ...common,
        summary: '解除暂停（管理员）',
        params: IdParamsSchema,
        response: { 200: SuspensionListSchema, 401: E, 403: E, 404: E },
      },
    },
    async (request) => lots.lift(personOf(request), request.params.id),
  );
}
