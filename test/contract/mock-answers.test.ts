import { setupServer } from 'msw/node';
import { matchRequestUrl, type HttpHandler } from 'msw';
import { Type, type TSchema } from '@sinclair/typebox';
import { MeSchema, SessionSchema, DemoUsersSchema } from '@contract/auth.schema';
import {
  CanteenListSchema,
  CanteenSchema,
  DayMenuSchema,
  DishListSchema,
  DishSchema,
  MenuCopyResultSchema,
  MenuStatusListSchema,
  RankingSchema,
  VoteResultSchema,
  WeekMenuSchema,
} from '@contract/canteen.schema';
import { ForecastSchema, MyHeadcountSchema } from '@contract/headcount.schema';
import {
  LetterCreatedSchema,
  LetterPageSchema,
  LetterSchema,
  MailboxCategoryListSchema,
  MailboxFiguresSchema,
  type LetterPage,
} from '@contract/mailbox.schema';
import { MealCardSchema, MealCardTransactionPageSchema, TopupResultSchema } from '@contract/meal-card.schema';
import {
  RepairBoardSchema,
  RepairCategoryListSchema,
  RepairCategorySchema,
  RepairCreatedSchema,
  RepairerListSchema,
  RepairerProfileSchema,
  RepairLocationsSchema,
  RepairPageSchema,
  RepairTicketDetailSchema,
  type RepairPage,
} from '@contract/repairs.schema';
import {
  AvailabilitySchema,
  BookingCreatedSchema,
  BookingPageSchema,
  BookingSchema,
  CarListSchema,
  ExpectedListSchema,
  GateDecisionSchema,
  GateFeedPageSchema,
  NoShowPageSchema,
  OccupancySchema,
  ParkingLotListSchema,
  ParkingLotSchema,
  SuspensionListSchema,
  type Booking,
} from '@contract/parking.schema';
import {
  MessageListSchema,
  MessageSchema,
  MessagesReadAllSchema,
  MessagesUnreadSchema,
  type MessageList,
} from '@contract/messages.schema';
import { PeoplePageSchema, UnitListSchema } from '@contract/people.schema';
import {
  BoardOrderSchema,
  BoardOrderPageSchema,
  CanteenBoardSchema,
  CloseDayResultSchema,
  OrderListSchema,
  OrderSchema,
  TakeawayItemListSchema,
  TakeawayItemSchema,
  TakeawaySettingsSchema,
  type Order,
  type TakeawayItem,
  type TakeawayItemList,
} from '@contract/takeaway.schema';
import {
  AuditPageSchema,
  BlockPageSchema,
  HostListSchema,
  InvitationCreatedSchema,
  InvitationViewSchema,
  PrivacyNoticeSchema,
  RevealSchema,
  ScanResultSchema,
  UnitNamesSchema,
  VisitCreatedSchema,
  VisitPageSchema,
  VisitSchema,
  type InvitationCreated,
  type Visit as VisitAnswer,
} from '@contract/visitors.schema';
import { UploadSchema } from '@contract/uploads.schema';
import { addDays, nextWorkdays } from '@contract/workdays';
import { handlers, resetMockState } from '../../mock/handlers';
import { openSession } from '../../mock/state';
import { mockToday } from '../../mock/support';
import { createApiClient } from './api-client';
import { schemaErrors } from './support';
import { PersonRolesSchema, RoleChangePageSchema, type RoleChangePage } from '@contract/people-admin.schema';

/**
 * Every route the mocks serve, walked on its happy path, each answer checked against the
 * contract's schema: a mock cannot drift from the contract. A route added to a mock without a
 * visit here fails the last test.
 */

const BASE = 'http://mock.answers.test/api';
const mockHandlers = handlers(BASE) as HttpHandler[];
const server = setupServer(...mockHandlers);
const api = createApiClient(BASE);
const NO_BODY = Type.Null();

/** `METHOD path` of each handler, and which of them a visit has reached. */
const routes = mockHandlers.map((h) => ({ method: h.info.method as string, path: String(h.info.path) }));
const visited = new Set<string>();

interface Visit {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  status?: number;
}

/** Calls the mock, expects the status, checks the answer against the schema; answers the body. */
async function visit<T>(method: string, path: string, schema: TSchema, options: Visit = {}): Promise<T> {
  const url = new URL(`${BASE}${path}`);
  const route = routes.find((r) => r.method === method && matchRequestUrl(url, r.path).matches);
  expect(route).toBeDefined();
  visited.add(`${route!.method} ${route!.path}`);
  const answer = await api.call<T>(method, path, options);
  expect({ route: `${method} ${path}`, status: answer.status }).toEqual({
    route: `${method} ${path}`,
    status: options.status ?? 200,
  });
  expect({ route: `${method} ${path}`, errors: schemaErrors(schema, answer.body) }).toEqual({
    route: `${method} ${path}`,
    errors: [],
  });
  return answer.body;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => resetMockState());
afterAll(() => server.close());

describe('mock answers conform to the contract', () => {
  it('auth', async () => {
    await visit('GET', '/auth/dev/users', DemoUsersSchema);
    const { token } = await visit<{ token: string }>('POST', '/auth/dev', SessionSchema, {
      body: { userId: 'demo-staff' },
    });
    await visit('GET', '/me', MeSchema, { token });
    await visit('POST', '/auth/wechat', SessionSchema, { body: { code: 'wx-code' } });
    await visit('POST', '/auth/zzd', SessionSchema, { body: { authCode: 'zzd-code' } });
    await visit('POST', '/auth/logout', NO_BODY, { token, status: 204 });
  });

  it('messages', async () => {
    const { token } = openSession('demo-staff');
    const list = await visit<MessageList>('GET', '/messages', MessageListSchema, { token });
    await visit('POST', `/messages/${list.items[0].id}/read`, MessageSchema, { token });
    const first = await visit<MessageList>('GET', '/messages?limit=1', MessageListSchema, { token });
    await visit('GET', `/messages?limit=1&cursor=${first.nextCursor}`, MessageListSchema, { token });
    await visit('GET', '/messages/unread', MessagesUnreadSchema, { token });
    await visit('POST', '/messages/read-all', MessagesReadAllSchema, { token });
  });

  it('canteen', async () => {
    const { token } = openSession('demo-canteen');
    const staff = openSession('demo-staff').token;
    const today = mockToday();
    const ahead = addDays(today, 10);
    await visit('GET', '/canteens', CanteenListSchema, { token });
    await visit('PATCH', '/canteens/canteen-1', CanteenSchema, { token, body: { location: 'A座一楼' } });
    await visit('GET', '/canteens/canteen-1/dishes?retired=include', DishListSchema, { token });
    const dish = await visit<{ id: string }>('POST', '/canteens/canteen-1/dishes', DishSchema, {
      token,
      body: { name: '蒜蓉娃娃菜', category: '素菜' },
      status: 201,
    });
    const dishPath = `/canteens/canteen-1/dishes/${dish.id}`;
    await visit('PATCH', dishPath, DishSchema, { token, body: { description: '清淡爽口' } });
    await visit('POST', `${dishPath}/retire`, DishSchema, { token });
    await visit('POST', `${dishPath}/restore`, DishSchema, { token });
    await visit('GET', '/canteens/canteen-1/menu', DayMenuSchema, { token: staff });
    await visit('GET', '/canteens/canteen-1/menu/week', WeekMenuSchema, { token });
    await visit('PUT', `/canteens/canteen-1/menu/${ahead}/meals/lunch`, DayMenuSchema, {
      token,
      body: { dishIds: [dish.id] },
    });
    await visit('POST', '/canteens/canteen-1/menu/copy', MenuCopyResultSchema, {
      token,
      body: { from: ahead, to: addDays(ahead, 1) },
    });
    await visit('POST', '/canteens/canteen-1/menu/publish', MenuStatusListSchema, {
      token,
      body: { from: ahead, to: addDays(ahead, 1) },
    });
    await visit('POST', '/canteens/canteen-1/menu/unpublish', MenuStatusListSchema, {
      token,
      body: { from: ahead, to: ahead, meals: ['lunch'] },
    });
    const pork = 'canteen-1-dish-01';
    const vote = `/canteens/canteen-1/menu/${today}/dishes/${pork}/vote`;
    await visit('PUT', vote, VoteResultSchema, { token: staff, body: { value: 'up' } });
    await visit('DELETE', vote, VoteResultSchema, { token: staff });
    await visit('GET', '/canteens/canteen-1/ranking', RankingSchema, { token });
  });

  it('headcount', async () => {
    const { token } = openSession('demo-staff');
    const [tomorrow] = nextWorkdays(addDays(mockToday(), 1), 1);
    await visit('GET', '/headcount/mine', MyHeadcountSchema, { token });
    await visit('PUT', '/headcount/mine', MyHeadcountSchema, {
      token,
      body: { entries: [{ date: tomorrow, meal: 'lunch', canteenId: 'canteen-1' }] },
    });
    const cook = openSession('demo-canteen').token;
    await visit('GET', '/canteens/canteen-1/forecast', ForecastSchema, { token: cook });
  });

  it('uploads', async () => {
    const { token } = openSession('demo-canteen');
    const url = `${BASE}/uploads/images`;
    const route = routes.find((r) => r.method === 'POST' && matchRequestUrl(new URL(url), r.path).matches);
    visited.add(`${route!.method} ${route!.path}`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])], { type: 'image/png' }), 'a.png');
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(res.status).toBe(201);
    expect(schemaErrors(UploadSchema, await res.json())).toEqual([]);
  });

  it('takeaway', async () => {
    const cook = openSession('demo-canteen').token;
    const { token } = openSession('demo-staff');
    const today = mockToday();
    const shelf = await visit<TakeawayItemList>('GET', '/canteens/canteen-1/takeaway', TakeawayItemListSchema, {
      token,
    });
    const pork = shelf.items.find((i) => i.pickupSlots.length > 0)!;
    const created = await visit<TakeawayItem>('POST', '/canteens/canteen-1/takeaway', TakeawayItemSchema, {
      token: cook,
      status: 201,
      body: {
        date: today,
        name: '净菜礼包',
        priceFen: 2550,
        stock: 30,
        saleStartsAt: `${today}T08:00:00+08:00`,
        saleEndsAt: `${today}T11:00:00+08:00`,
        pickupStartsAt: `${today}T11:00:00+08:00`,
        pickupEndsAt: `${today}T13:00:00+08:00`,
        perPersonLimit: 1,
        pickupSlots: [{ startsAt: `${today}T11:00:00+08:00`, endsAt: `${today}T11:30:00+08:00`, capacity: 10 }],
      },
    });
    const itemPath = `/canteens/canteen-1/takeaway/${created.id}`;
    await visit('POST', `${itemPath}/withdraw`, TakeawayItemSchema, { token: cook });
    await visit('POST', `${itemPath}/publish`, TakeawayItemSchema, { token: cook });
    await visit('PUT', `${itemPath}/stock`, TakeawayItemSchema, { token: cook, body: { stock: 40 } });
    await visit('GET', '/canteens/canteen-1/takeaway/settings', TakeawaySettingsSchema, { token: cook });
    await visit('PUT', '/canteens/canteen-1/takeaway/settings', TakeawaySettingsSchema, {
      token: cook,
      body: { refundExpired: true },
    });

    const order = (key: string) =>
      visit<Order>('POST', '/orders', OrderSchema, {
        token,
        status: 201,
        headers: { 'idempotency-key': key },
        body: {
          canteenId: 'canteen-1',
          items: [{ itemId: pork.id, quantity: 1 }],
          pickupSlotId: pork.pickupSlots[0].id,
        },
      });
    const first = await order('k-1');
    const second = await order('k-2');
    await visit('GET', '/orders', OrderListSchema, { token });
    await visit('GET', `/orders/${first.id}`, OrderSchema, { token });
    await visit('POST', `/orders/${first.id}/cancel`, OrderSchema, { token });
    await visit('GET', '/canteens/canteen-1/orders', CanteenBoardSchema, { token: cook });
    await visit('GET', '/canteens/canteen-1/board/orders?status=placed&limit=1', BoardOrderPageSchema, { token: cook });
    await visit('GET', '/orders?limit=1', OrderListSchema, { token });
    await visit('POST', '/canteens/canteen-1/pickups', BoardOrderSchema, {
      token: cook,
      body: { code: second.pickupCode },
    });
    await order('k-3');
    await visit('POST', '/canteens/canteen-1/takeaway/close-day', CloseDayResultSchema, {
      token: cook,
      body: { date: today },
    });
  });

  it('meal card', async () => {
    const admin = openSession('demo-admin').token;
    await visit('GET', '/meal-card', MealCardSchema, { token: openSession('demo-staff').token });
    await visit('GET', '/meal-card/transactions?limit=1', MealCardTransactionPageSchema, {
      token: openSession('demo-staff').token,
    });
    await visit('GET', '/meal-card', MealCardSchema, { token: openSession('demo-visitor').token });
    await visit('GET', '/meal-cards/demo-staff', MealCardSchema, { token: admin });
    await visit('POST', '/meal-cards/topups', TopupResultSchema, {
      token: admin,
      status: 201,
      headers: { 'idempotency-key': 'topup-1' },
      body: { unit: '杭州市发展和改革委员会', amountFen: 10_000, note: '11月餐补' },
    });
  });

  it('people', async () => {
    const admin = openSession('demo-admin').token;
    await visit('GET', '/people?q=张&pageSize=5', PeoplePageSchema, { token: admin });
    await visit('GET', '/people/units', UnitListSchema, { token: admin });
  });

  it('mailbox', async () => {
    const { token } = openSession('demo-staff');
    const admin = openSession('demo-admin').token;
    await visit('GET', '/mailbox/categories', MailboxCategoryListSchema, { token });
    const { letter } = await visit<{ letter: { id: string } }>('POST', '/mailbox/letters', LetterCreatedSchema, {
      token,
      status: 201,
      body: { category: 'mb-property', body: '三楼茶水间的水龙头漏水', anonymous: true },
    });
    const first = await visit<LetterPage>('GET', '/mailbox/letters?box=mine&limit=1', LetterPageSchema, { token });
    await visit('GET', `/mailbox/letters?box=mine&limit=1&cursor=${first.nextCursor}`, LetterPageSchema, { token });
    await visit('GET', '/mailbox/letters?box=inbox&status=open', LetterPageSchema, { token: admin });
    await visit('GET', `/mailbox/letters/${letter.id}`, LetterSchema, { token: admin });
    await visit('POST', `/mailbox/letters/${letter.id}/reply`, LetterSchema, {
      token: admin,
      body: { body: '已安排物业今天下午维修' },
    });
    await visit('POST', `/mailbox/letters/${letter.id}/rate`, LetterSchema, { token, body: { score: 5 } });
    await visit('GET', '/mailbox/figures', MailboxFiguresSchema, { token: admin });
  });

  it('repairs', async () => {
    const { token } = openSession('demo-staff');
    const repairer = openSession('demo-repairer').token;
    const dispatcher = openSession('demo-dispatcher').token;
    await visit('GET', '/repairs/categories', RepairCategoryListSchema, { token });
    await visit('PUT', '/repairs/categories/rc-plumbing', RepairCategorySchema, {
      token: dispatcher,
      body: { name: '水电', skill: 'plumbing', sla: { acceptMinutes: 5, arriveMinutes: 15, finishHours: 4 } },
    });
    await visit('POST', '/repairs/categories', RepairCategorySchema, {
      token: dispatcher,
      status: 201,
      body: { name: '电梯', skill: 'plumbing', sla: { acceptMinutes: 5, arriveMinutes: 20, finishHours: 6 } },
    });
    await visit('GET', '/repairs/locations', RepairLocationsSchema, { token });
    await visit('POST', '/repairs/buildings/bld-a/floors', RepairLocationsSchema, {
      token: dispatcher,
      status: 201,
      body: { name: '屋顶层' },
    });
    await visit('POST', '/repairs/floors/rf-bld-a-1/rooms', RepairLocationsSchema, {
      token: dispatcher,
      status: 201,
      body: { name: 'A103' },
    });
    await visit('PUT', '/repairs/buildings/bld-a/area', NO_BODY, {
      token: dispatcher,
      status: 204,
      body: { area: '东区' },
    });
    const { ticket } = await visit<{ ticket: { id: string } }>('POST', '/repairs', RepairCreatedSchema, {
      token,
      status: 201,
      headers: { 'idempotency-key': 'repair-1' },
      body: { category: 'rc-plumbing', locationId: 'rr-a-101', description: '洗手池漏水' },
    });
    const first = await visit<RepairPage>('GET', '/repairs?scope=mine&limit=1', RepairPageSchema, { token });
    await visit('GET', `/repairs?scope=mine&limit=1&cursor=${first.nextCursor}`, RepairPageSchema, { token });
    await visit('GET', '/repairs?scope=assigned&state=open', RepairPageSchema, { token: repairer });
    await visit('GET', `/repairs/${ticket.id}`, RepairTicketDetailSchema, { token });
    await visit('POST', `/repairs/${ticket.id}/accept`, RepairTicketDetailSchema, { token: repairer, body: {} });
    await visit('GET', '/repairs/board', RepairBoardSchema, { token: dispatcher });
    await visit('GET', '/repairs/repairers', RepairerListSchema, { token: dispatcher });
    await visit('GET', '/repairs/repairers/demo-repairer', RepairerProfileSchema, { token: dispatcher });
    await visit('PUT', '/repairs/repairers/demo-repairer', RepairerProfileSchema, {
      token: dispatcher,
      body: { skills: ['plumbing'], areas: ['东区'], shifts: [] },
    });
  });

  it('parking', async () => {
    const { token } = openSession('demo-staff');
    const guard = openSession('demo-guard').token;
    const admin = openSession('demo-admin').token;
    const tomorrow = addDays(mockToday(), 1);
    await visit('GET', '/parking/lots', ParkingLotListSchema, { token });
    await visit('GET', `/parking/lots/lot-underground/availability?date=${tomorrow}`, AvailabilitySchema, { token });
    await visit('GET', '/parking/cars', CarListSchema, { token });
    await visit('POST', '/parking/cars', CarListSchema, { token, status: 201, body: { plate: '浙a 66666' } });
    await visit('DELETE', `/parking/cars/${encodeURIComponent('浙A66666')}`, CarListSchema, { token });
    const { booking } = await visit<{ booking: Booking }>('POST', '/parking/bookings', BookingCreatedSchema, {
      token,
      status: 201,
      headers: { 'Idempotency-Key': 'mock-1' },
      body: { lotId: 'lot-small', date: tomorrow, plate: '浙AD12345' },
    });
    await visit('GET', '/parking/bookings?limit=1', BookingPageSchema, { token });
    await visit('POST', `/parking/bookings/${booking.id}/cancel`, BookingSchema, { token });
    await visit('POST', '/parking/gate-events', GateDecisionSchema, {
      token: guard,
      body: {
        gateId: 'gate-underground',
        plate: '浙A12345',
        direction: 'in',
        at: new Date().toISOString(),
        eventId: 'e1',
      },
    });
    await visit('POST', '/parking/gate/let-in', GateDecisionSchema, {
      token: guard,
      body: { lotId: 'lot-underground', plate: '浙B12345', reason: '领导来访' },
    });
    await visit('GET', '/parking/lots/lot-underground/expected?q=A1', ExpectedListSchema, { token: guard });
    await visit('GET', '/parking/lots/lot-underground/feed?limit=10', GateFeedPageSchema, { token: guard });
    await visit('GET', `/parking/lots/lot-underground/occupancy?date=${tomorrow}`, OccupancySchema, { token: guard });
    await visit('PATCH', '/parking/lots/lot-underground', ParkingLotSchema, { token: admin, body: { capacity: 500 } });
    await visit('GET', '/parking/no-shows', NoShowPageSchema, { token: admin });
    await visit('GET', '/parking/suspensions', SuspensionListSchema, { token: admin });
    await visit('POST', '/parking/suspensions/sus-0001/lift', SuspensionListSchema, { token: admin });
  });

  it('visitors', async () => {
    const visitor = openSession('demo-visitor').token;
    const host = openSession('demo-staff').token;
    const guard = openSession('demo-guard').token;
    const admin = openSession('demo-admin').token;
    const privacyVersion = (await visit<{ version: string }>('GET', '/visits/privacy', PrivacyNoticeSchema)).version;
    const units = await visit<{ items: string[] }>('GET', '/visits/units', UnitNamesSchema, { token: visitor });
    await visit('GET', `/visits/hosts?unit=${encodeURIComponent(units.items[0])}&q=张`, HostListSchema, {
      token: visitor,
    });
    const window = { date: '2026-12-08', startsAt: '09:00', endsAt: '11:00' };
    const { visit: applied } = await visit<{ visit: VisitAnswer }>('POST', '/visits/applications', VisitCreatedSchema, {
      token: visitor,
      status: 201,
      body: {
        hostId: 'demo-staff',
        ...window,
        purpose: '商谈',
        visitorName: '周敏',
        visitorPhone: '13800001234',
        privacyVersion,
      },
    });
    await visit('GET', '/visits?as=visitor&limit=1', VisitPageSchema, { token: visitor });
    await visit('GET', '/visits?as=host', VisitPageSchema, { token: host });
    await visit('GET', `/visits/${applied.id}`, VisitSchema, { token: visitor });
    await visit('POST', `/visits/${applied.id}/approve`, VisitSchema, { token: host });
    const approved = await visit<VisitAnswer>('GET', `/visits/${applied.id}`, VisitSchema, { token: visitor });
    await visit('GET', '/visits/today?view=expected', VisitPageSchema, { token: guard });
    await visit('POST', '/visits/scan', ScanResultSchema, { token: guard, body: { pass: approved.pass!.code } });
    await visit('POST', `/visits/${applied.id}/reveal`, RevealSchema, { token: guard });
    await visit('POST', `/visits/${applied.id}/cancel`, VisitSchema, { token: visitor });
    await visit('DELETE', `/visits/${applied.id}`, NO_BODY, { token: visitor, status: 204 });
    const other = await visit<{ visit: VisitAnswer }>('POST', '/visits/applications', VisitCreatedSchema, {
      token: visitor,
      status: 201,
      body: {
        hostId: 'demo-staff',
        ...window,
        purpose: '送图纸',
        visitorName: '周敏',
        visitorPhone: '13800001234',
        privacyVersion,
      },
    });
    await visit('POST', `/visits/${other.visit.id}/decline`, VisitSchema, {
      token: host,
      body: { reason: '外出开会' },
    });
    const invitation = await visit<InvitationCreated>('POST', '/visits', InvitationCreatedSchema, {
      token: host,
      status: 201,
      body: { visitorName: '吴倩', visitorPhone: '13900005678', ...window, purpose: '评审会' },
    });
    await visit('GET', `/visits/invitations/${invitation.token}`, InvitationViewSchema);
    await visit('POST', `/visits/invitations/${invitation.token}/accept`, VisitSchema, {
      token: visitor,
      body: { privacyVersion },
    });
    const walkIn = await visit<{ visit: VisitAnswer }>('POST', '/visits/walk-ins', VisitCreatedSchema, {
      token: guard,
      status: 201,
      body: {
        hostId: 'demo-staff',
        endsAt: '23:00',
        purpose: '送文件',
        visitorName: '王五',
        visitorPhone: '13700001111',
        privacyVersion,
      },
    });
    await visit('POST', `/visits/${walkIn.visit.id}/override`, VisitSchema, {
      token: guard,
      body: { reason: '电话确认' },
    });
    await visit('GET', '/visits/blocks', BlockPageSchema, { token: admin });
    await visit('POST', '/visits/blocks', Type.Object({ id: Type.String() }), {
      token: admin,
      status: 201,
      body: { kind: 'phone', value: '13900000000', reason: '冒用身份' },
    });
    await visit('DELETE', '/visits/blocks/block-1', NO_BODY, { token: admin, status: 204 });
    await visit('GET', '/visits/audit', AuditPageSchema, { token: admin });
  });

  it('people-admin', async () => {
    const admin = openSession('demo-admin').token;
    await visit('GET', '/admin/people/demo-canteen/roles', PersonRolesSchema, { token: admin });
    await visit('PUT', '/admin/people/demo-canteen/roles', PersonRolesSchema, {
      token: admin,
      body: { roles: ['staff', 'canteen'], canteenIds: ['canteen-1'] },
    });
    await visit('PUT', '/admin/people/demo-canteen/roles', PersonRolesSchema, {
      token: admin,
      body: { roles: ['staff'] },
    });
    const first = await visit<RoleChangePage>(
      'GET',
      '/admin/people/demo-canteen/role-changes?limit=1',
      RoleChangePageSchema,
      {
        token: admin,
      },
    );
    await visit(
      'GET',
      `/admin/people/demo-canteen/role-changes?limit=1&cursor=${first.nextCursor}`,
      RoleChangePageSchema,
      {
        token: admin,
      },
    );
    await visit('GET', '/admin/role-changes', RoleChangePageSchema, { token: admin });
  });

  it('every mock route was visited above', () => {
    const missed = routes.map((r) => `${r.method} ${r.path}`).filter((route) => !visited.has(route));
    expect(missed).toEqual([]);
  });
});
