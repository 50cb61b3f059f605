import type { EventBus } from '../../src/events/event-bus';
import { createLocalEventBus } from '../../src/events/event-bus';
import { DAY_CLOSED_EVENTS, ORDER_EVENTS } from '../../src/modules/takeaway/orders.service';
import { createTestApp, type TestApp } from '../support/test-app';
import { TODAY, createItem, itemInput, placed } from './support';

// Board events go out after the commit, batched per turn of the event loop. On shutdown the app
// flushes them before the bus and the database close (on PostgreSQL a NOTIFY needs the pool).

let t: TestApp;
/** Order ids whose event the bus has finished publishing; publishing takes a macrotask here. */
const delivered: string[] = [];
/** Day-closed events the bus has finished publishing. */
const closedDays: unknown[] = [];

beforeAll(async () => {
  const local = createLocalEventBus();
  const slowBus: EventBus = {
    ...local,
    publish: (channel, payload) =>
      new Promise((resolve) =>
        setTimeout(() => {
          if (channel === ORDER_EVENTS) delivered.push(...(payload as { orderIds: string[] }).orderIds);
          if (channel === DAY_CLOSED_EVENTS) closedDays.push(payload);
          void local.publish(channel, payload).then(resolve);
        }, 5),
      ),
  };
  t = await createTestApp({ bus: slowBus });
});
afterAll(async () => {
  await t.close();
});

it('flush() announces waiting orders and resolves only once the bus has them', async () => {
  const canteen = (await t.signIn('demo-canteen-01')).token;
  const item = await createItem(t, canteen, itemInput({ stock: 10 }));
  const buyers = await Promise.all(['demo-staff-01', 'demo-staff-02', 'demo-staff-03'].map((id) => t.signIn(id)));
  const orders = await Promise.all(
    buyers.map((b) => placed(t, b.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })),
  );
  await t.app.services.orders.flush();
  expect(delivered).toEqual(expect.arrayContaining(orders.map((o) => o.id)));
});

it('closing a day tells every board (any instance) when it closed; closing again repeats the first close', async () => {
  const canteen = (await t.signIn('demo-canteen-02')).token;
  const close = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/canteens/canteen-2/takeaway/close-day',
      headers: t.auth(canteen),
      payload: { date: TODAY },
    });
  expect((await close()).statusCode).toBe(200);
  await t.app.services.orders.flush();
  const board = await t.app.inject({ method: 'GET', url: '/api/canteens/canteen-2/orders', headers: t.auth(canteen) });
  const { closedAt } = board.json();
  expect(closedAt).toEqual(expect.any(String));
  expect(closedDays).toEqual([{ canteenId: 'canteen-2', date: TODAY, closedAt }]);

  t.clock.advance(60_000);
  expect((await close()).statusCode).toBe(200);
  await t.app.services.orders.flush();
  expect(closedDays).toEqual([
    { canteenId: 'canteen-2', date: TODAY, closedAt },
    { canteenId: 'canteen-2', date: TODAY, closedAt },
  ]);
});
