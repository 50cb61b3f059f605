import { MeSchema } from '@contract/auth.schema';
import { MessageListSchema, MessageSchema, type MessageList } from '@contract/messages.schema';
import { CanteenListSchema, DayMenuSchema, WeekMenuSchema, type CanteenList } from '@contract/canteen.schema';
import { MealCardSchema, type MealCard } from '@contract/meal-card.schema';
import {
  CanteenBoardSchema,
  CloseDayResultSchema,
  TakeawayItemListSchema,
  type TakeawayItemList,
} from '@contract/takeaway.schema';
import { PeoplePageSchema, UnitListSchema, type PeoplePage, type UnitList } from '@contract/people.schema';
import { conforms, demoUsers, expectError, signInAs, type Scenario } from './support';

/**
 * Scenarios run against both targets, the msw mocks and the real BFF: what the answers look like
 * (every one checked against the contract's schemas) and the 401 every mock keeps. The server's
 * refusals are in rules.ts and run against the real BFF only.
 */
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
    name: 'the meal card and the takeaway list answer the contract',
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
    },
  },
  {
    name: '结束今天: the list and the board answer closedAt',
    async run(api) {
      const kitchen = await signInAs(api, 'canteen');
      const canteens = await api.call<CanteenList>('GET', '/canteens', { token: kitchen.token });
      const canteen = canteens.body.items.find((c) => c.canManage);
      expect(canteen).toBeDefined();
      const list = () =>
        api.call<TakeawayItemList>('GET', `/canteens/${canteen!.id}/takeaway`, { token: kitchen.token });
      const open = await list();
      expect(open.body.closedAt).toBeUndefined();
      const date = open.body.items[0].date;

      const closed = await api.call('POST', `/canteens/${canteen!.id}/takeaway/close-day`, {
        token: kitchen.token,
        body: { date },
      });
      expect(closed.status).toBe(200);
      conforms(CloseDayResultSchema, closed.body);
      const after = await list();
      conforms(TakeawayItemListSchema, after.body);
      expect(after.body.closedAt).toEqual(expect.any(String));
      const board = await api.call('GET', `/canteens/${canteen!.id}/orders?date=${date}`, { token: kitchen.token });
      conforms(CanteenBoardSchema, board.body);
      expect((board.body as { closedAt?: string }).closedAt).toBe(after.body.closedAt);
    },
  },
  {
    name: 'the people directory pages people and units for admins, and finds by name and unit',
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
    },
  },
];
