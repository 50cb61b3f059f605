import { Value } from '@sinclair/typebox/value';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { DemoUsersSchema, MeSchema, SessionSchema, type DemoUser, type Session } from '../../contract/auth.schema';
import { ErrorBodySchema } from '../../contract/common.schema';
import { MessageListSchema, MessageSchema, type MessageList } from '../../contract/messages.schema';
import { CanteenListSchema, DayMenuSchema, WeekMenuSchema, type CanteenList } from '../../contract/canteen.schema';
import { MealCardSchema, type MealCard } from '../../contract/meal-card.schema';
import {
  CanteenBoardSchema,
  CloseDayResultSchema,
  TakeawayItemListSchema,
  type TakeawayItemList,
} from '../../contract/takeaway.schema';
import { PeoplePageSchema, UnitListSchema, type PeoplePage, type UnitList } from '../../contract/people.schema';
import type { ApiClient } from './api-client';

// TypeBox checks formats only when told how; an instant must carry an explicit offset (contract).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)));

export interface Scenario {
  name: string;
  run(api: ApiClient): Promise<void>;
}

function conforms(schema: TSchema, value: unknown): void {
  const errors = [...Value.Errors(schema, value)].map((e) => `${e.path}: ${e.message}`);
  expect(errors).toEqual([]);
}

function expectError(answer: { status: number; body: unknown }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  conforms(ErrorBodySchema, answer.body);
  expect((answer.body as { error: { code: string } }).error.code).toBe(code);
}

async function demoUsers(api: ApiClient): Promise<DemoUser[]> {
  const answer = await api.call<{ users: DemoUser[] }>('GET', '/auth/dev/users');
  expect(answer.status).toBe(200);
  conforms(DemoUsersSchema, answer.body);
  return answer.body.users;
}

async function signInAs(api: ApiClient, role: string, index = 0): Promise<Session> {
  const user = (await demoUsers(api)).filter((u) => u.roles.includes(role as DemoUser['roles'][number]))[index];
  expect(user).toBeDefined();
  const answer = await api.call<Session>('POST', '/auth/dev', { body: { userId: user.id } });
  expect(answer.status).toBe(200);
  conforms(SessionSchema, answer.body);
  return answer.body;
}

export const scenarios: Scenario[] = [
  {
    name: 'demo users cover staff, canteen, guard and admin',
    async run(api) {
      const users = await demoUsers(api);
      const roles = new Set(users.flatMap((u) => u.roles));
      for (const role of ['staff', 'canteen', 'guard', 'admin']) expect(roles.has(role as never)).toBe(true);
    },
  },
  {
    name: 'sign-in answers a session whose user is /me',
    async run(api) {
      const session = await signInAs(api, 'staff');
      const me = await api.call('GET', '/me', { token: session.token });
      expect(me.status).toBe(200);
      conforms(MeSchema, me.body);
      expect(me.body).toEqual(session.user);
    },
  },
  {
    name: 'without a valid token, /me is 401 UNAUTHENTICATED',
    async run(api) {
      expectError(await api.call('GET', '/me'), 401, 'UNAUTHENTICATED');
      expectError(await api.call('GET', '/me', { token: 'not-a-real-token' }), 401, 'UNAUTHENTICATED');
    },
  },
  {
    name: 'an unknown demo user is 404 USER_NOT_FOUND; a malformed body is 400 VALIDATION_FAILED',
    async run(api) {
      expectError(await api.call('POST', '/auth/dev', { body: { userId: 'no-such-person' } }), 404, 'USER_NOT_FOUND');
      expectError(await api.call('POST', '/auth/dev', { body: {} }), 400, 'VALIDATION_FAILED');
    },
  },
  {
    name: 'messages come newest first with an unread count; marking read counts down',
    async run(api) {
      const { token } = await signInAs(api, 'staff');
      const list = await api.call<MessageList>('GET', '/messages', { token });
      expect(list.status).toBe(200);
      conforms(MessageListSchema, list.body);
      const items = list.body.items;
      expect(items.length).toBeGreaterThan(0);
      const times = items.map((m) => Date.parse(m.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(list.body.unread).toBe(items.filter((m) => m.readAt === null).length);

      const unread = items.find((m) => m.readAt === null)!;
      const read = await api.call('POST', `/messages/${unread.id}/read`, { token });
      expect(read.status).toBe(200);
      conforms(MessageSchema, read.body);
      expect((read.body as { readAt: string | null }).readAt).not.toBeNull();
      const after = await api.call<MessageList>('GET', '/messages', { token });
      expect(after.body.unread).toBe(list.body.unread - 1);
    },
  },
  {
    name: "another person's message is 404 MESSAGE_NOT_FOUND and stays unread",
    async run(api) {
      const owner = await signInAs(api, 'staff', 0);
      const stranger = await signInAs(api, 'staff', 1);
      const list = await api.call<MessageList>('GET', '/messages', { token: owner.token });
      const target = list.body.items.find((m) => m.readAt === null)!;
      expectError(
        await api.call('POST', `/messages/${target.id}/read`, { token: stranger.token }),
        404,
        'MESSAGE_NOT_FOUND',
      );
      const again = await api.call<MessageList>('GET', '/messages', { token: owner.token });
      expect(again.body.items.find((m) => m.id === target.id)?.readAt).toBeNull();
    },
  },
  {
    name: 'messages need a token',
    async run(api) {
      expectError(await api.call('GET', '/messages'), 401, 'UNAUTHENTICATED');
    },
  },
  {
    name: 'logout revokes the token',
    async run(api) {
      const { token } = await signInAs(api, 'guard');
      const out = await api.call('POST', '/auth/logout', { token });
      expect(out.status).toBe(204);
      expectError(await api.call('GET', '/me', { token }), 401, 'UNAUTHENTICATED');
    },
  },
  {
    name: 'canteens, their day and week menus answer the contract',
    async run(api) {
      const { token } = await signInAs(api, 'staff');
      const list = await api.call<CanteenList>('GET', '/canteens', { token });
      expect(list.status).toBe(200);
      conforms(CanteenListSchema, list.body);
      expect(list.body.items.length).toBeGreaterThan(0);
      const canteenId = list.body.items[0].id;
      const day = await api.call('GET', `/canteens/${canteenId}/menu`, { token });
      expect(day.status).toBe(200);
      conforms(DayMenuSchema, day.body);
      const week = await api.call<{ days: unknown[] }>('GET', `/canteens/${canteenId}/menu/week`, { token });
      expect(week.status).toBe(200);
      conforms(WeekMenuSchema, week.body);
      expect(week.body.days).toHaveLength(7);
      expectError(await api.call('GET', `/canteens/no-such-canteen/menu`, { token }), 404, 'CANTEEN_NOT_FOUND');
    },
  },
  {
    name: 'the meal card and the takeaway list answer the contract; an order needs an Idempotency-Key',
    async run(api) {
      const { token } = await signInAs(api, 'staff');
      const card = await api.call<MealCard>('GET', '/meal-card', { token });
      expect(card.status).toBe(200);
      conforms(MealCardSchema, card.body);
      expect(card.body.balanceFen).toBeGreaterThanOrEqual(0);
      const canteens = await api.call<CanteenList>('GET', '/canteens', { token });
      const items = await api.call('GET', `/canteens/${canteens.body.items[0].id}/takeaway`, { token });
      expect(items.status).toBe(200);
      conforms(TakeawayItemListSchema, items.body);
      const order = await api.call('POST', '/orders', {
        token,
        body: { canteenId: canteens.body.items[0].id, items: [{ itemId: 'x', quantity: 1 }] },
      });
      expectError(order, 400, 'IDEMPOTENCY_KEY_REQUIRED');
    },
  },
  {
    name: '结束今天: the list and the board answer closedAt; an order for that day is 409 TAKEAWAY_DAY_CLOSED',
    async run(api) {
      const kitchen = await signInAs(api, 'canteen');
      const canteens = await api.call<CanteenList>('GET', '/canteens', { token: kitchen.token });
      const canteen = canteens.body.items.find((c) => c.canManage);
      expect(canteen).toBeDefined();
      const list = () =>
        api.call<TakeawayItemList>('GET', `/canteens/${canteen!.id}/takeaway`, { token: kitchen.token });
      const open = await list();
      expect(open.body.closedAt).toBeUndefined();
      const item = open.body.items.find((i) => i.status === 'published' && i.pickupSlots.length === 0);
      expect(item).toBeDefined();

      const closed = await api.call('POST', `/canteens/${canteen!.id}/takeaway/close-day`, {
        token: kitchen.token,
        body: { date: item!.date },
      });
      expect(closed.status).toBe(200);
      conforms(CloseDayResultSchema, closed.body);
      const after = await list();
      conforms(TakeawayItemListSchema, after.body);
      expect(after.body.closedAt).toEqual(expect.any(String));
      const board = await api.call('GET', `/canteens/${canteen!.id}/orders?date=${item!.date}`, {
        token: kitchen.token,
      });
      conforms(CanteenBoardSchema, board.body);
      expect((board.body as { closedAt?: string }).closedAt).toBe(after.body.closedAt);

      const staff = await signInAs(api, 'staff');
      const order = await api.call('POST', '/orders', {
        token: staff.token,
        headers: { 'idempotency-key': 'contract-closed-day' },
        body: { canteenId: canteen!.id, items: [{ itemId: item!.id, quantity: 1 }] },
      });
      expectError(order, 409, 'TAKEAWAY_DAY_CLOSED');
    },
  },
  {
    name: 'the people directory pages people and units for admins; others 403; bad paging 400 VALIDATION_FAILED',
    async run(api) {
      const { token } = await signInAs(api, 'admin');
      const page = await api.call<PeoplePage>('GET', '/people?pageSize=2', { token });
      expect(page.status).toBe(200);
      conforms(PeoplePageSchema, page.body);
      expect(page.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThan(2);
      const [someone] = page.body.items;
      const found = await api.call<PeoplePage>('GET', `/people?q=${encodeURIComponent(someone.name)}`, { token });
      expect(found.body.items.map((p) => p.id)).toContain(someone.id);

      const units = await api.call<UnitList>('GET', '/people/units', { token });
      expect(units.status).toBe(200);
      conforms(UnitListSchema, units.body);
      const [first] = units.body.items;
      const inUnit = await api.call<PeoplePage>('GET', `/people?unit=${encodeURIComponent(first.unit)}`, { token });
      expect(inUnit.body.total).toBe(first.people);
      expect(inUnit.body.items.every((p) => p.unit === first.unit)).toBe(true);

      expectError(await api.call('GET', '/people?pageSize=51', { token }), 400, 'VALIDATION_FAILED');
      expectError(await api.call('GET', '/people?page=0', { token }), 400, 'VALIDATION_FAILED');
      const staff = await signInAs(api, 'staff');
      expectError(await api.call('GET', '/people', { token: staff.token }), 403, 'FORBIDDEN');
      expectError(await api.call('GET', '/people/units', { token: staff.token }), 403, 'FORBIDDEN');
    },
  },
];
