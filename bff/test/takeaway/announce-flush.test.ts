import type { EventBus } from '../../src/events/event-bus';
import { createLocalEventBus } from '../../src/events/event-bus';
import { DAY_CLOSED_EVENTS, ORDER_EVENTS } from '../../src/modules/takeaway/order-events';
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

it('flush() first lets orders still being placed finish, then announces them too', async () => {
  // An app of its own: flush() closes the order writer, and the app above goes on placing orders.
  const heard: string[] = [];
  const local = createLocalEventBus();
  const recording: EventBus = {
    ...local,
    publish: async (channel, payload) => {
      if (channel === ORDER_EVENTS) heard.push(...(payload as { orderIds: string[] }).orderIds);
      await local.publish(channel, payload);
    },
  };
  const own = await createTestApp({ bus: recording });
  try {
    const canteen = (await own.signIn('demo-canteen-01')).token;
    const item = await createItem(own, canteen, itemInput({ stock: 10 }));
    const { person } = await own.app.services.auth.authenticate((await own.signIn('demo-staff-04')).token);
    const finished: string[] = [];
    // Not awaited: what a shutdown finds when clients have gone but their requests still run.
    const placing = ['flush-a', 'flush-b', 'flush-c'].map((key) =>
      own.app.services.orders
        .place(person, key, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] })
        .then(({ order }) => {
          finished.push(order.id);
          return order;
        }),
    );
    await own.app.services.orders.flush();
    expect(finished).toHaveLength(3);
    expect(heard).toEqual(expect.arrayContaining(finished));
    expect((await Promise.all(placing)).map((o) => o.status)).toEqual(['placed', 'placed', 'placed']);
  } finally {
    await own.close();
  }
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
