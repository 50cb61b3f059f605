/** The canteen mock keeps the BFF's rules (votes, publishing, 报餐 cut-off, uploads). */
import { dishId, setMockMenu } from '../canteen';
import { openSession } from '../state';

const API = 'http://localhost/api';
const NOON = new Date('2026-11-23T12:00:00+08:00');

async function call(method: string, path: string, token: string, body?: unknown, raw?: BodyInit) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${API}${path}`, {
    method,
    headers,
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('canteen mock', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: NOON,
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'queueMicrotask'],
    });
  });
  afterEach(() => jest.useRealTimers());

  it('takes one vote per person per dish and day, changeable and withdrawable', async () => {
    const { token } = openSession('demo-staff');
    const pork = dishId('canteen-1', '红烧肉');
    const path = `/canteens/canteen-1/menu/2026-11-23/dishes/${pork}/vote`;
    expect((await call('PUT', path, token, { value: 'up' })).body).toEqual({
      dishId: pork,
      up: 6,
      down: 1,
      myVote: 'up',
    });
    expect((await call('PUT', path, token, { value: 'up' })).body.up).toBe(6);
    expect((await call('PUT', path, token, { value: 'down' })).body).toEqual({
      dishId: pork,
      up: 5,
      down: 2,
      myVote: 'down',
    });
    expect((await call('DELETE', path, token, {})).body).toEqual({ dishId: pork, up: 5, down: 1, myVote: null });
    // A JSON label on an empty body is refused, as Fastify does.
    const empty = await fetch(`${API}${path}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(400);
  });

  it('refuses votes on future, old, unpublished and unknown dishes with their own codes', async () => {
    const { token } = openSession('demo-staff');
    const pork = dishId('canteen-1', '红烧肉');
    const code = async (date: string, dish = pork) =>
      (await call('PUT', `/canteens/canteen-1/menu/${date}/dishes/${dish}/vote`, token, { value: 'up' })).body.error
        ?.code;
    expect(await code('2026-11-24')).toBe('VOTE_NOT_OPEN');
    expect(await code('2026-11-16')).toBe('VOTE_CLOSED');
    expect(await code('2026-11-23', 'nope')).toBe('DISH_NOT_FOUND');
    expect(await code('2026-11-23', dishId('canteen-1', '拍黄瓜'))).toBe('DISH_NOT_ON_MENU');
    setMockMenu('canteen-1', '2026-11-23', 'lunch', ['红烧肉'], false);
    expect(await code('2026-11-23')).toBe('MENU_NOT_PUBLISHED');
    expect(await code('2026-02-30')).toBe('INVALID_DATE');
  });

  it('lets only the canteen’s staff and admins manage it', async () => {
    const staff = openSession('demo-staff').token;
    const cook = openSession('demo-canteen').token;
    const admin = openSession('demo-admin').token;
    const range = { from: '2026-11-30', to: '2026-11-30' };
    expect((await call('POST', '/canteens/canteen-1/menu/publish', staff, range)).body.error.code).toBe('FORBIDDEN');
    expect((await call('POST', '/canteens/canteen-2/menu/publish', cook, range)).body.error.code).toBe(
      'NOT_CANTEEN_STAFF',
    );
    expect((await call('POST', '/canteens/canteen-1/menu/publish', cook, range)).status).toBe(200);
    expect((await call('POST', '/canteens/canteen-2/menu/publish', admin, range)).status).toBe(200);
    expect(
      (await call('POST', '/canteens/canteen-1/menu/publish', cook, { from: '2026-11-20', to: '2026-11-20' })).body
        .error.code,
    ).toBe('MENU_DATE_PASSED');
  });

  it('closes 报餐 at each canteen’s cut-off and counts it in the forecast', async () => {
    const staff = openSession('demo-staff').token;
    const cook = openSession('demo-canteen').token;
    expect(
      (
        await call('PUT', '/headcount/mine', staff, {
          entries: [{ date: '2026-11-23', meal: 'lunch', canteenId: 'canteen-1' }],
        })
      ).body.error.code,
    ).toBe('HEADCOUNT_CLOSED');
    expect(
      (
        await call('PUT', '/headcount/mine', staff, {
          entries: [{ date: '2026-11-28', meal: 'lunch', canteenId: 'canteen-1' }],
        })
      ).body.error.code,
    ).toBe('NOT_A_WORKDAY');
    expect(
      (
        await call('PUT', '/headcount/mine', staff, {
          entries: [{ date: '2027-01-04', meal: 'lunch', canteenId: 'canteen-1' }],
        })
      ).body.error.code,
    ).toBe('CALENDAR_UNAVAILABLE');
    const ok = await call('PUT', '/headcount/mine', staff, {
      entries: [{ date: '2026-11-24', meal: 'lunch', canteenId: 'canteen-1' }],
    });
    expect(ok.status).toBe(200);
    const forecast = await call('GET', '/canteens/canteen-1/forecast?from=2026-11-24&to=2026-11-24', cook);
    expect(forecast.body.days[0].meals).toEqual([
      { meal: 'lunch', count: 1 },
      { meal: 'dinner', count: 0 },
    ]);
  });

  it('takes JPEG, PNG and WebP by their bytes, not their names', async () => {
    const { token } = openSession('demo-canteen');
    const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'photo.png');
      return call('POST', '/uploads/images', token, undefined, form);
    };
    const png = await upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    expect(png.status).toBe(201);
    expect(png.body.url).toMatch(/^\/api\/uploads\/[0-9a-f]{32}\.png$/);
    expect((await upload(new TextEncoder().encode('GIF89a'))).body.error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    expect((await upload(new Uint8Array())).body.error.code).toBe('UPLOAD_EMPTY');
  });
});
