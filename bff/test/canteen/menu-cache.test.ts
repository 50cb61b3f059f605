import { gunzipSync } from 'node:zlib';
import type { DayMenu, Dish } from '@contract/canteen.schema';
import { acceptsGzip } from '../../src/fast-paths/menus/gzip-answers';
import { createLocalEventBus } from '../../src/events/event-bus';
import { MENU_CHANGES } from '../../src/modules/canteen/menu-changes';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { TODAY, caller, demoCallers, dishOn, library, mealOf, newStaff, publishMeal, voteRows } from './support';
import type { Caller } from './support';

// Diners' menu reads are answered from memory (menu-read-cache.ts). These tests hold it to
// "never stale after a change": each change below is followed at once by a diner's read, well
// inside the cache's 10 s lifetime, so a missed invalidation shows up as an old answer.

// SQLite has no LISTEN/NOTIFY: there the two instances share one in-process bus.
const bus = dialectUnderTest() === 'sqlite' ? createLocalEventBus() : undefined;
let t: TestApp;
let people: Awaited<ReturnType<typeof demoCallers>>;
let dishes: Dish[];
let lunch: string[];

const menuUrl = (date = TODAY, canteenId = 'canteen-1') => `/api/canteens/${canteenId}/menu?date=${date}`;
const voteUrl = (dishId: string) => `/api/canteens/canteen-1/menu/${TODAY}/dishes/${dishId}/vote`;
async function read(who: Caller, date = TODAY): Promise<DayMenu> {
  const res = await who.call('GET', menuUrl(date));
  expect(res.statusCode).toBe(200);
  return res.json();
}
/** Awaits a request that must succeed; a refusal fails the test with its body. */
async function ok(pending: Promise<{ statusCode: number; body: string }>) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}: ${res.body}`);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ bus });
  people = await demoCallers(t);
  dishes = await library(people.canteen1, 'canteen-1');
  // Today (a Saturday) has no seeded menu: this lunch is the tests' own.
  lunch = dishes.slice(0, 4).map((d) => d.id);
  await publishMeal(people.canteen1, 'canteen-1', TODAY, 'lunch', lunch);
}, 60_000);
afterAll(async () => {
  await t.close();
  await bus?.close();
});

describe('a diner\u2019s menu read, answered from memory', () => {
  it('shows other people\u2019s votes and my own at once', async () => {
    await read(people.staff); // cached now
    await ok(people.staff2.call('PUT', voteUrl(lunch[0]), { value: 'up' }));
    let menu = await read(people.staff);
    expect(dishOn(menu, lunch[0])).toMatchObject({ up: 1, down: 0, myVote: null });

    await ok(people.staff.call('PUT', voteUrl(lunch[0]), { value: 'down' }));
    menu = await read(people.staff);
    expect(dishOn(menu, lunch[0])).toMatchObject({ up: 1, down: 1, myVote: 'down' });
    // The other diner's own vote is theirs alone.
    expect(dishOn(await read(people.staff2), lunch[0])).toMatchObject({ up: 1, down: 1, myVote: 'up' });

    await ok(people.staff.call('DELETE', voteUrl(lunch[0])));
    expect(dishOn(await read(people.staff), lunch[0])).toMatchObject({ up: 1, down: 0, myVote: null });
  });

  it('follows the editors: dish details, the meal\u2019s dishes, publishing, and serving windows', async () => {
    await read(people.staff);
    const renamed = await people.canteen1.call('PATCH', `/api/canteens/canteen-1/dishes/${lunch[1]}`, {
      name: '缓存测试改名菜',
      tags: ['辣'],
    });
    expect(renamed.statusCode).toBe(200);
    expect(dishOn(await read(people.staff), lunch[1])).toMatchObject({ name: '缓存测试改名菜', tags: ['辣'] });

    await ok(
      people.canteen1.call('PUT', `/api/canteens/canteen-1/menu/${TODAY}/meals/lunch`, {
        dishIds: [...lunch, dishes[10].id],
      }),
    );
    expect(mealOf(await read(people.staff), 'lunch').dishes.map((d) => d.id)).toEqual([...lunch, dishes[10].id]);

    await ok(people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${dishes[10].id}/retire`));
    expect(dishOn(await read(people.staff), dishes[10].id)).toMatchObject({ retired: true });

    await ok(people.canteen1.call('POST', '/api/canteens/canteen-1/menu/unpublish', { from: TODAY, to: TODAY }));
    expect(mealOf(await read(people.staff), 'lunch')).toMatchObject({ published: false, dishes: [] });
    await ok(people.canteen1.call('POST', '/api/canteens/canteen-1/menu/publish', { from: TODAY, to: TODAY }));
    expect(mealOf(await read(people.staff), 'lunch').dishes).toHaveLength(5);

    const canteen = (await people.admin.call('GET', '/api/canteens')).json().items[0];
    const meals = canteen.meals.map((m: { meal: string }) =>
      m.meal === 'lunch' ? { ...m, servingStart: '11:00', servingEnd: '12:45' } : m,
    );
    await ok(people.admin.call('PATCH', '/api/canteens/canteen-1', { meals }));
    expect(mealOf(await read(people.staff), 'lunch')).toMatchObject({ servingStart: '11:00', servingEnd: '12:45' });
  });

  it('tells diners apart from editors: the canteen\u2019s staff still see drafts', async () => {
    await ok(
      people.canteen1.call('PUT', `/api/canteens/canteen-1/menu/2026-11-22/meals/dinner`, { dishIds: [lunch[0]] }),
    );
    const [diner, editor] = [await read(people.staff, '2026-11-22'), await read(people.canteen1, '2026-11-22')];
    expect(mealOf(diner, 'dinner')).toMatchObject({ published: false, dishes: [] });
    expect(diner.canManage).toBe(false);
    expect(mealOf(editor, 'dinner').dishes.map((d) => d.id)).toEqual([lunch[0]]);
    expect(editor.canManage).toBe(true);
    // Another canteen's staff read it as diners; an admin edits every canteen.
    const [elsewhere, admin] = [await read(people.canteen2, '2026-11-22'), await read(people.admin, '2026-11-22')];
    expect(mealOf(elsewhere, 'dinner')).toMatchObject({ published: false, dishes: [] });
    expect(elsewhere.canManage).toBe(false);
    expect(mealOf(admin, 'dinner').dishes.map((d) => d.id)).toEqual([lunch[0]]);
    expect(admin.canManage).toBe(true);
  });

  it('ends exact when votes and reads race', async () => {
    const voters = await newStaff(t, 'cache-race', 60);
    await read(people.staff);
    const votes = voters.map((v, i) => v.call('PUT', voteUrl(lunch[2]), { value: i % 3 ? 'up' : 'down' }));
    const reads = voters.map((v) => v.call('GET', menuUrl()));
    const answers = await Promise.all([...votes, ...reads]);
    expect(answers.filter((a) => a.statusCode !== 200)).toEqual([]);

    const rows = await voteRows(t, 'canteen-1', TODAY, lunch[2]);
    const expected = {
      up: rows.filter((r) => r.value === 'up').length,
      down: rows.filter((r) => r.value === 'down').length,
    };
    expect(expected).toEqual({ up: 40, down: 20 });
    expect(dishOn(await read(people.staff), lunch[2])).toMatchObject(expected);
    expect(dishOn(await read(voters[0]), lunch[2])).toMatchObject({ ...expected, myVote: 'down' });
  });

  it('gives the same answer the same ETag, and a new one after a change', async () => {
    const first = await people.staff.call('GET', menuUrl());
    const again = await people.staff.call('GET', menuUrl());
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.body).toBe(first.body);
    await ok(people.staff2.call('PUT', voteUrl(lunch[3]), { value: 'up' }));
    const after = await people.staff.call('GET', menuUrl());
    expect(after.headers.etag).not.toBe(first.headers.etag);
    expect(dishOn(after.json(), lunch[3])).toMatchObject({ up: 1 });
  });
});

describe('the gzipped menu', () => {
  const gzipped = (who: Caller, headers: Record<string, string> = {}) =>
    who.call('GET', menuUrl(), undefined, { 'accept-encoding': 'gzip, deflate, br', ...headers });

  it('is the same JSON under its own ETag, revalidated with 304, and follows changes', async () => {
    const plain = await people.staff.call('GET', menuUrl());
    const zipped = await gzipped(people.staff);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}.gz"`);

    const revalidated = await gzipped(people.staff, { 'if-none-match': zipped.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    // The plain bytes' tag does not stand for the gzipped bytes.
    const other = await gzipped(people.staff, { 'if-none-match': plain.headers.etag as string });
    expect(other.statusCode).toBe(200);

    await ok(people.staff.call('PUT', voteUrl(lunch[1]), { value: 'up' }));
    const after = await gzipped(people.staff);
    const menu = JSON.parse(gunzipSync(after.rawPayload).toString()) as DayMenu;
    expect(dishOn(menu, lunch[1])).toMatchObject({ myVote: 'up' });
    expect(after.headers.etag).not.toBe(zipped.headers.etag);
  });

  it('is sent only to clients that accept gzip', () => {
    const headers = ['gzip', 'br, gzip', 'gzip;q=0.5', '*', 'identity', 'gzip;q=0', 'gzip;q=0, *', 'br', undefined];
    const expected = [true, true, true, true, false, false, false, false, false];
    expect(headers.map(acceptsGzip)).toEqual(expected);
    // The same answers when asked again (now from memory), and for more headers than it keeps.
    expect(headers.map(acceptsGzip)).toEqual(expected);
    const many = Array.from({ length: 100 }, (_, i) => (i % 2 ? `gzip;q=0.${i}` : `br;q=0.${i}, gzip;q=0`));
    expect(many.map(acceptsGzip)).toEqual(many.map((_, i) => i % 2 === 1));
    expect(many.map(acceptsGzip)).toEqual(many.map((_, i) => i % 2 === 1));
  });
});

describe('two instances on one database', () => {
  let second: TestApp;
  beforeAll(async () => {
    second = await createTestApp({ sharing: t, bus });
  });
  afterAll(async () => {
    await second.close();
  });

  /** Resolves when `app`'s bus has delivered the next menu change (its cache listens first). */
  const nextChange = (app: TestApp) =>
    new Promise<void>((resolve) => {
      const stop = app.app.services.events.subscribe(MENU_CHANGES, () => {
        stop();
        resolve();
      });
    });

  it('a vote on one instance reaches the other\u2019s cached menu', async () => {
    const onFirst = await caller(t, 'demo-staff-03');
    const onSecond = await caller(second, 'demo-staff-04');
    const before = dishOn(await read(onFirst), lunch[3])!;
    const heard = nextChange(t);
    await ok(onSecond.call('PUT', voteUrl(lunch[3]), { value: 'down' }));
    await heard;
    expect(dishOn(await read(onFirst), lunch[3])).toMatchObject({ up: before.up, down: before.down + 1 });
  });

  it('an edit on one instance reaches the other\u2019s cached menu', async () => {
    const onFirst = await caller(t, 'demo-staff-03');
    const editor = await caller(second, 'demo-canteen-01');
    await read(onFirst);
    const heard = nextChange(t);
    await ok(editor.call('PATCH', `/api/canteens/canteen-1/dishes/${lunch[0]}`, { name: '跨实例改名菜' }));
    await heard;
    expect(dishOn(await read(onFirst), lunch[0])).toMatchObject({ name: '跨实例改名菜' });
  });
});
