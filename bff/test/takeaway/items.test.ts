import { createTestApp, type TestApp } from '../support/test-app';
import { TODAY, createItem, errorCode, expectConsistent, itemInput, placed, shanghai, tokensOf } from './support';

let t: TestApp;
let canteen1: string; // 林师傅, staff of canteen-1
let canteen2: string; // 何师傅, staff of canteen-2
let admin: string;
let staff: string;

beforeAll(async () => {
  t = await createTestApp();
  [canteen1, canteen2, admin, staff] = await tokensOf(t, [
    'demo-canteen-01',
    'demo-canteen-02',
    'demo-admin-02',
    'demo-staff-01',
  ]);
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

const post = (token: string, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers: t.auth(token), payload });
const list = (token: string, canteenId = 'canteen-1', date = TODAY) =>
  t.app.inject({ method: 'GET', url: `/api/canteens/${canteenId}/takeaway?date=${date}`, headers: t.auth(token) });

describe('takeaway items', () => {
  it('the demo seed puts items on sale today in both canteens, one of them sold out', async () => {
    for (const canteenId of ['canteen-1', 'canteen-2']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/canteens/${canteenId}/takeaway`,
        headers: t.auth(staff),
      });
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const item of items) {
        expect(item).toMatchObject({ canteenId, date: TODAY, status: 'published' });
        expect(item.saleStartsAt <= shanghai(TODAY, '10:00') && item.saleEndsAt > shanghai(TODAY, '10:00')).toBe(true);
      }
    }
    const c2 = (await list(staff, 'canteen-2')).json().items;
    expect(c2.some((i: { remaining: number }) => i.remaining === 0)).toBe(true);
    expect(c2.some((i: { pickupSlots: unknown[] }) => i.pickupSlots.length > 0)).toBe(true);
  });

  it('canteen staff create an item with pickup slots; it is listed with remaining stock', async () => {
    const res = await post(canteen1, '/api/canteens/canteen-1/takeaway', {
      ...itemInput({ name: '午餐A', stock: 30, perPersonLimit: 2, priceFen: 1800 }),
      pickupSlots: [
        { startsAt: shanghai(TODAY, '11:00'), endsAt: shanghai(TODAY, '11:30'), capacity: 10 },
        { startsAt: shanghai(TODAY, '11:30'), endsAt: shanghai(TODAY, '12:00'), capacity: 10 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      canteenId: 'canteen-1',
      name: '午餐A',
      stock: 30,
      remaining: 30,
      perPersonLimit: 2,
      status: 'published',
    });
    expect(item.saleStartsAt).toBe(shanghai(TODAY, '00:00'));
    expect(item.pickupSlots).toHaveLength(2);
    expect(item.pickupSlots[0]).toMatchObject({ capacity: 10, remaining: 10, startsAt: shanghai(TODAY, '11:00') });
    const listed = (await list(staff)).json().items.find((i: { id: string }) => i.id === item.id);
    // The shelf adds what this reader may still buy of a limited item (nothing bought yet).
    expect(listed).toEqual({ ...item, limitLeft: 2 });
  });

  it('only that canteen’s staff (or an admin) may create items', async () => {
    expect((await post(staff, '/api/canteens/canteen-1/takeaway', itemInput())).statusCode).toBe(403);
    const other = await post(canteen2, '/api/canteens/canteen-1/takeaway', itemInput());
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe('NOT_CANTEEN_STAFF');
    expect((await post(admin, '/api/canteens/canteen-1/takeaway', itemInput({ name: '管理员加的' }))).statusCode).toBe(
      201,
    );
    const missing = await post(admin, '/api/canteens/no-such/takeaway', itemInput());
    expect(missing.statusCode).toBe(404);
    expect(errorCode(missing)).toBe('CANTEEN_NOT_FOUND');
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/canteens/canteen-1/takeaway', payload: itemInput() }))
        .statusCode,
    ).toBe(401);
  });

  it('refuses inconsistent windows, slots outside the pickup window, bad dates and bad numbers', async () => {
    const bad = [
      itemInput({ saleStartsAt: shanghai(TODAY, '12:00'), saleEndsAt: shanghai(TODAY, '11:00') }),
      itemInput({ pickupStartsAt: shanghai(TODAY, '13:00'), pickupEndsAt: shanghai(TODAY, '12:00') }),
      itemInput({ pickupStartsAt: shanghai('2026-11-22', '11:00'), pickupEndsAt: shanghai('2026-11-22', '12:00') }),
      {
        ...itemInput(),
        pickupSlots: [{ startsAt: shanghai('2026-11-20', '11:00'), endsAt: shanghai(TODAY, '11:30'), capacity: 5 }],
      },
      {
        ...itemInput(),
        pickupSlots: [{ startsAt: shanghai(TODAY, '11:30'), endsAt: shanghai(TODAY, '11:00'), capacity: 5 }],
      },
    ];
    for (const input of bad) {
      const res = await post(canteen1, '/api/canteens/canteen-1/takeaway', input);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('TAKEAWAY_WINDOW_INVALID');
    }
    const badDate = await post(canteen1, '/api/canteens/canteen-1/takeaway', itemInput({ date: '2026-02-30' }));
    expect(errorCode(badDate)).toBe('INVALID_DATE');
    for (const numbers of [{ priceFen: -1 }, { priceFen: 1.5 }, { stock: -1 }, { stock: 1e9 }, { perPersonLimit: 0 }]) {
      const res = await post(canteen1, '/api/canteens/canteen-1/takeaway', itemInput(numbers));
      expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('a dish from the library must be this canteen’s', async () => {
    const dish = await t.db.db
      .selectFrom('dishes')
      .select(['id', 'canteen_id'])
      .where('retired', '=', 0)
      .executeTakeFirst();
    if (dish) {
      const token = dish.canteen_id === 'canteen-1' ? canteen1 : canteen2;
      const ok = await post(token, `/api/canteens/${dish.canteen_id}/takeaway`, itemInput({ dishId: dish.id }));
      expect(ok.statusCode).toBe(201);
      expect(ok.json().dishId).toBe(dish.id);
      const other = dish.canteen_id === 'canteen-1' ? ['canteen-2', canteen2] : ['canteen-1', canteen1];
      expect(
        errorCode(await post(other[1], `/api/canteens/${other[0]}/takeaway`, itemInput({ dishId: dish.id }))),
      ).toBe('DISH_NOT_FOUND');
    }
    expect(
      errorCode(await post(canteen1, '/api/canteens/canteen-1/takeaway', itemInput({ dishId: 'no-such-dish' }))),
    ).toBe('DISH_NOT_FOUND');
  });

  it('withdraw hides the item from staff (not from its canteen) and refuses orders; publish brings it back', async () => {
    const item = await createItem(t, canteen1, itemInput({ name: '可下架' }));
    const withdrawn = await post(canteen1, `/api/canteens/canteen-1/takeaway/${item.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await list(staff)).json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect((await list(canteen1)).json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect(errorCode(await post(canteen2, `/api/canteens/canteen-1/takeaway/${item.id}/publish`))).toBe(
      'NOT_CANTEEN_STAFF',
    );
    expect(errorCode(await post(canteen2, `/api/canteens/canteen-2/takeaway/${item.id}/publish`))).toBe(
      'ITEM_NOT_FOUND',
    );
    const published = await post(canteen1, `/api/canteens/canteen-1/takeaway/${item.id}/publish`);
    expect(published.json().status).toBe('published');
  });

  it('a created-withdrawn item is not on sale until published', async () => {
    const item = await createItem(t, canteen1, itemInput({ publish: false }));
    expect(item.status).toBe('withdrawn');
  });

  it('stock can be raised or lowered, never below what is sold', async () => {
    const item = await createItem(t, canteen1, itemInput({ stock: 10, priceFen: 100 }));
    await placed(t, staff, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 3 }] });
    const put = (stock: number, token = canteen1) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/canteens/canteen-1/takeaway/${item.id}/stock`,
        headers: t.auth(token),
        payload: { stock },
      });
    const raised = await put(20);
    expect(raised.json()).toMatchObject({ stock: 20, remaining: 17 });
    const lowered = await put(3);
    expect(lowered.json()).toMatchObject({ stock: 3, remaining: 0 });
    const below = await put(2);
    expect([below.statusCode, errorCode(below)]).toEqual([409, 'STOCK_BELOW_SOLD']);
    expect((await list(staff)).json().items.find((i: { id: string }) => i.id === item.id)).toMatchObject({
      stock: 3,
      remaining: 0,
    });
    expect(errorCode(await put(5, canteen2))).toBe('NOT_CANTEEN_STAFF');
  });

  it('settings: refunding expired orders is off by default and per canteen', async () => {
    const get = (canteenId: string, token = canteen1) =>
      t.app.inject({ method: 'GET', url: `/api/canteens/${canteenId}/takeaway/settings`, headers: t.auth(token) });
    expect((await get('canteen-1')).json()).toEqual({ refundExpired: false });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-1/takeaway/settings',
      headers: t.auth(canteen1),
      payload: { refundExpired: true },
    });
    expect(put.json()).toEqual({ refundExpired: true });
    expect((await get('canteen-1')).json()).toEqual({ refundExpired: true });
    expect((await get('canteen-2', canteen2)).json()).toEqual({ refundExpired: false });
    expect(errorCode(await get('canteen-2'))).toBe('NOT_CANTEEN_STAFF');
    await t.app.inject({
      method: 'PUT',
      url: '/api/canteens/canteen-1/takeaway/settings',
      headers: t.auth(canteen1),
      payload: { refundExpired: false },
    });
  });
});
