import { newId } from '../../src/lib/ids';
import { insertPerson } from '../../src/modules/auth/people.repository';
import type { PeoplePage, UnitList } from '@contract/people.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { errorCode, makePeople } from '../takeaway/support';

jest.setTimeout(60_000);

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.signIn('demo-admin-02')).token;
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, token = admin) => t.app.inject({ method: 'GET', url, headers: t.auth(token) });
const people = async (query: Record<string, string | number>): Promise<PeoplePage> => {
  const res = await get(`/api/people?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const units = async (q?: string): Promise<UnitList> => {
  const res = await get(`/api/people/units${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const aUnit = () => `目录测试单位-${newId().slice(0, 8)}`;

describe(`people directory for top-ups (${dialectUnderTest()})`, () => {
  it('is for admins only: 401 without a session, 403 for staff, canteen and visitors', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/people' })).statusCode).toBe(401);
    for (const id of ['demo-staff-01', 'demo-canteen-01', 'demo-visitor-01', 'demo-dispatcher-01']) {
      const token = (await t.signIn(id)).token;
      for (const url of ['/api/people?q=张', '/api/people/units']) {
        const res = await get(url, token);
        expect([id, url, res.statusCode, errorCode(res)]).toEqual([id, url, 403, 'FORBIDDEN']);
      }
    }
  });

  it('refuses bad input with VALIDATION_FAILED naming the field', async () => {
    const cases: [string, string][] = [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=51', 'pageSize'],
      ['pageSize=0', 'pageSize'],
      [`q=${'长'.repeat(51)}`, 'q'],
      ['unit=', 'unit'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/people?${encodeURI(query)}`);
      expect([query, res.statusCode, errorCode(res)]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(res.json().error.message).toContain(field);
    }
    const tooLong = await get(`/api/people/units?q=${encodeURI('长'.repeat(51))}`);
    expect([tooLong.statusCode, errorCode(tooLong)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('finds people by part of the name or the unit, or by exact id, with roles and balance', async () => {
    const unit = aUnit();
    const [a, b] = await makePeople(t, 2, { unit, balanceFen: 1234 });
    const byUnitText = await people({ q: unit.slice(-8) });
    expect(byUnitText).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(byUnitText.items).toEqual([
      { id: a.id, name: '测试员0', unit, roles: ['staff'], balanceFen: 1234 },
      { id: b.id, name: '测试员1', unit, roles: ['staff'], balanceFen: 1234 },
    ]);
    expect((await people({ q: b.id })).items.map((p) => p.id)).toEqual([b.id]);
    expect((await people({ q: '高处' })).items).toEqual([
      { id: 'demo-admin-01', name: '高处长', unit: '市机关事务管理局', roles: ['staff', 'admin'], balanceFen: 30_000 },
    ]);
    // Someone who never had a card shows ¥0; letters match whatever their case.
    const id = `dir-${newId().slice(0, 8)}`;
    await insertPerson(
      t.db.db,
      { id, name: 'Alice Wang', unit: aUnit(), roles: ['visitor'] },
      new Date().toISOString(),
    );
    expect((await people({ q: 'alice w' })).items).toEqual([
      expect.objectContaining({ id, name: 'Alice Wang', roles: ['visitor'], balanceFen: 0 }),
    ]);
    expect((await people({ q: 'ALICE' })).total).toBe(1);
    // Letters beyond ASCII (full-width, as some units are written) are found as typed, on both databases.
    const wide = `ＩＴ中心-${newId().slice(0, 6)}`;
    const [w] = await makePeople(t, 1, { unit: wide });
    expect((await people({ q: 'ＩＴ中心' })).items.map((p) => p.id)).toContain(w.id);
    expect((await units('ＩＴ中心')).items).toContainEqual({ unit: wide, people: 1 });
  });

  it('takes % and _ literally, and a blank search lists everyone', async () => {
    expect((await people({ q: '%' })).total).toBe(0);
    expect((await people({ q: '_' })).total).toBe(0);
    const everyone = await people({ q: '   ', pageSize: 1 });
    const enabled = await t.db.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    expect(everyone.total).toBe(Number(enabled.n));
    expect(everyone.items).toHaveLength(1);
  });

  it('pages through a unit in a stable order, every person once', async () => {
    const unit = aUnit();
    const made = await makePeople(t, 23, { unit });
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await people({ unit, page, pageSize: 10 }));
    expect(pages.map((p) => [p.page, p.pageSize, p.total, p.items.length])).toEqual([
      [1, 10, 23, 10],
      [2, 10, 23, 10],
      [3, 10, 23, 3],
    ]);
    const seen = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual(made.map((p) => p.id).sort());
    expect((await people({ unit, page: 4, pageSize: 10 })).items).toEqual([]);
    // Unit is exact: a part of it finds nobody through `unit` (it does through `q`).
    expect((await people({ unit: unit.slice(0, -1) })).total).toBe(0);
  });

  it('lists units with the headcount a top-up by unit reaches; disabled people are left out everywhere', async () => {
    const unit = aUnit();
    const made = await makePeople(t, 4, { unit });
    await t.db.db.updateTable('people').set({ disabled: 1 }).where('id', '=', made[3].id).execute();

    expect((await units(unit)).items).toEqual([{ unit, people: 3 }]);
    expect((await people({ unit })).items.map((p) => p.id)).toEqual(made.slice(0, 3).map((p) => p.id));
    expect((await people({ q: made[3].id })).total).toBe(0);

    const all = await units();
    expect(all.items.find((u) => u.unit === '市机关事务管理局')).toEqual({ unit: '市机关事务管理局', people: 4 });
    expect(all.items.some((u) => u.unit === '')).toBe(false);

    const topup = await t.app.inject({
      method: 'POST',
      url: '/api/meal-cards/topups',
      headers: { ...t.auth(admin), 'idempotency-key': newId() },
      payload: { unit, amountFen: 500, note: '目录核对' },
    });
    expect(topup.statusCode).toBe(201);
    expect(topup.json().recipients).toHaveLength(3);
    expect((await people({ unit })).items.map((p) => p.balanceFen)).toEqual([500, 500, 500]);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/people'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'page',
      'pageSize',
      'q',
      'unit',
    ]);
    expect(doc.paths['/api/people/units'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/people'].get.responses['403']).toBeDefined();
  });
});
