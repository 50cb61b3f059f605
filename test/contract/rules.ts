import type { CanteenList } from '@contract/canteen.schema';
import type { MessageList } from '@contract/messages.schema';
import type { TakeawayItemList } from '@contract/takeaway.schema';
import { expectError, signInAs, type Scenario } from './support';

/**
 * The server's rules, seen through HTTP: run against the real BFF only. The mocks do not
 * re-implement them (mock/README.md); an app test that needs one of these answers overrides.
 */
export const rules: Scenario[] = [
  {
    name: 'an unknown demo user is 404 USER_NOT_FOUND; a malformed body is 400 VALIDATION_FAILED',
    async run(api) {
      expectError(await api.call('POST', '/auth/dev', { body: { userId: 'no-such-person' } }), 404, 'USER_NOT_FOUND');
      expectError(await api.call('POST', '/auth/dev', { body: {} }), 400, 'VALIDATION_FAILED');
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
    name: 'an order needs an Idempotency-Key',
    async run(api) {
      const { token } = await signInAs(api, 'staff');
      const canteens = await api.call<CanteenList>('GET', '/canteens', { token });
      const order = await api.call('POST', '/orders', {
        token,
        body: { canteenId: canteens.body.items[0].id, items: [{ itemId: 'x', quantity: 1 }] },
      });
      expectError(order, 400, 'IDEMPOTENCY_KEY_REQUIRED');
    },
  },
  {
    name: 'after 结束今天, an order for that day is 409 TAKEAWAY_DAY_CLOSED',
    async run(api) {
      const kitchen = await signInAs(api, 'canteen');
      const canteens = await api.call<CanteenList>('GET', '/canteens', { token: kitchen.token });
      const canteen = canteens.body.items.find((c) => c.canManage)!;
      const list = await api.call<TakeawayItemList>('GET', `/canteens/${canteen.id}/takeaway`, {
        token: kitchen.token,
      });
      const item = list.body.items.find((i) => i.status === 'published' && i.pickupSlots.length === 0);
      expect(item).toBeDefined();
      const closed = await api.call('POST', `/canteens/${canteen.id}/takeaway/close-day`, {
        token: kitchen.token,
        body: { date: item!.date },
      });
      expect(closed.status).toBe(200);

      const staff = await signInAs(api, 'staff');
      const order = await api.call('POST', '/orders', {
        token: staff.token,
        headers: { 'idempotency-key': 'contract-closed-day' },
        body: { canteenId: canteen.id, items: [{ itemId: item!.id, quantity: 1 }] },
      });
      expectError(order, 409, 'TAKEAWAY_DAY_CLOSED');
    },
  },
  {
    name: 'the people directory is for admins (403 FORBIDDEN); bad paging is 400 VALIDATION_FAILED',
    async run(api) {
      const { token } = await signInAs(api, 'admin');
      expectError(await api.call('GET', '/people?pageSize=51', { token }), 400, 'VALIDATION_FAILED');
      expectError(await api.call('GET', '/people?page=0', { token }), 400, 'VALIDATION_FAILED');
      const staff = await signInAs(api, 'staff');
      expectError(await api.call('GET', '/people', { token: staff.token }), 403, 'FORBIDDEN');
      expectError(await api.call('GET', '/people/units', { token: staff.token }), 403, 'FORBIDDEN');
    },
  },
];
