import crypto from 'node:crypto';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { createInlineOrderWriter } from '../../src/fast-paths/orders/order-writer';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { createItem, expectConsistent, itemInput, makePeople, orderWriteFor } from './support';

let t: TestApp;
let item: TakeawayItem;

beforeAll(async () => {
  t = await createTestApp();
  const canteen = (await t.signIn('demo-canteen-01')).token;
  item = await createItem(t, canteen, itemInput({ priceFen: 100, stock: 100 }));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

describe(`pickup codes (${dialectUnderTest()})`, () => {
  it('a code another order of the day holds is drawn again, however often, in the same transaction', async () => {
    const [first, second] = await makePeople(t, 2, { balanceFen: 1_000 });
    const writer = createInlineOrderWriter(t.db.db);
    // randomInt(0, 1_000_000) draws the code: 123456 for the first order, then eight times the
    // same for the second (more than a transaction's retries would survive), then 654321.
    const draws = [123_456, ...Array<number>(8).fill(123_456), 654_321];
    jest.spyOn(crypto, 'randomInt').mockImplementation((() => draws.shift()!) as unknown as typeof crypto.randomInt);

    const a = await writer.write(orderWriteFor(t, item, first.id));
    const b = await writer.write(orderWriteFor(t, item, second.id));
    expect([a.pickup_code, b.pickup_code]).toEqual(['123456', '654321']);
    expect(draws).toEqual([]);

    const stored = await t.db.db
      .selectFrom('takeaway_orders')
      .select(['id', 'pickup_code'])
      .where('id', 'in', [a.id, b.id])
      .orderBy('pickup_code')
      .execute();
    expect(stored).toEqual([
      { id: a.id, pickup_code: '123456' },
      { id: b.id, pickup_code: '654321' },
    ]);
    // The second order's message names the code it got.
    const message = await t.db.db
      .selectFrom('messages')
      .select('body')
      .where('person_id', '=', second.id)
      .where('title', '=', '外卖下单成功')
      .executeTakeFirstOrThrow();
    expect(message.body).toContain('取餐码 654321');
  });
});
