import { newId } from '../../src/lib/ids';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { errorCode, expectConsistent, makePeople } from '../takeaway/support';

jest.setTimeout(60_000);

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await t.signIn('demo-admin-01')).token;
});
afterEach(async () => {
  await expectConsistent(t.db.db);
});
afterAll(async () => {
  await t.close();
});

const topup = (token: string, body: object, key: string | null = newId()) =>
  t.app.inject({
    method: 'POST',
    url: '/api/meal-cards/topups',
    headers: { ...t.auth(token), ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: body,
  });
const cardOf = async (token: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/meal-card', headers: t.auth(token) })).json();

describe('meal card', () => {
  it('the demo seed gives every eating demo person ¥300 as a top-up by the admin; visitors get no card', async () => {
    const { token } = await t.signIn('demo-staff-03');
    const card = await cardOf(token);
    expect(card.balanceFen).toBe(30_000);
    expect(card.transactions).toEqual([
      expect.objectContaining({
        kind: 'topup',
        amountFen: 30_000,
        balanceAfterFen: 30_000,
        note: '演示初始餐补',
        by: { id: 'demo-admin-01', name: '高处长' },
      }),
    ]);
    const visitor = await cardOf((await t.signIn('demo-visitor-01')).token);
    expect(visitor).toEqual({ personId: 'demo-visitor-01', balanceFen: 0, transactions: [], nextCursor: null });
  });

  it('an admin tops up one card with a note; the ledger records who; the person gets a message', async () => {
    const [person] = await makePeople(t, 1);
    const res = await topup(admin, { personIds: [person.id], amountFen: 50_000, note: '11月餐补' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      amountFen: 50_000,
      note: '11月餐补',
      totalFen: 50_000,
      recipients: [{ personId: person.id, name: '测试员0', balanceAfterFen: 50_000 }],
    });
    const card = await cardOf(person.token);
    expect(card.balanceFen).toBe(50_000);
    expect(card.transactions[0]).toMatchObject({
      kind: 'topup',
      amountFen: 50_000,
      note: '11月餐补',
      by: { id: 'demo-admin-01', name: '高处长' },
    });
    expect(card.transactions[0].at).toMatch(/\+08:00$/);
    await t.app.services.outbox.drain();
    const messages = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(person.token) })).json()
      .items;
    expect(messages[0]).toMatchObject({ title: '餐卡充值到账' });
    expect(messages[0].body).toContain('¥500.00');
  });

  it('tops up everyone in a unit at once (a monthly subsidy)', async () => {
    const unit = `测试单位-${newId().slice(0, 6)}`;
    const people = await makePeople(t, 30, { unit });
    const res = await topup(admin, { unit, amountFen: 20_000, note: '月度餐补' });
    expect(res.statusCode).toBe(201);
    expect(res.json().recipients).toHaveLength(30);
    expect(res.json().totalFen).toBe(600_000);
    for (const p of people.slice(0, 3)) expect((await cardOf(p.token)).balanceFen).toBe(20_000);
    const nobody = await topup(admin, { unit: '不存在的单位', amountFen: 100, note: '无' });
    expect([nobody.statusCode, errorCode(nobody)]).toEqual([404, 'TOPUP_NO_RECIPIENTS']);
  });

  it('a retried top-up pays once (also when sent 10 times at once); the same key with another body is refused', async () => {
    const [person] = await makePeople(t, 1);
    const key = newId();
    const body = { personIds: [person.id], amountFen: 1000, note: '补发' };
    const storm = await Promise.all(Array.from({ length: 10 }, () => topup(admin, body, key)));
    expect(storm.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(storm.map((r) => r.json().id)).size).toBe(1);
    expect((await cardOf(person.token)).balanceFen).toBe(1000);
    const reused = await topup(admin, { ...body, amountFen: 2000 }, key);
    expect([reused.statusCode, errorCode(reused)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(errorCode(await topup(admin, body, null))).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('concurrent top-ups of overlapping groups all land, each a ledger row', async () => {
    const people = await makePeople(t, 20);
    const ids = people.map((p) => p.id);
    const groups = [ids.slice(0, 15), ids.slice(5, 20), ids.slice().reverse(), ids.slice(10)];
    const results = await Promise.all(
      groups.map((group) => topup(admin, { personIds: group, amountFen: 100, note: '并发' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    const expected = (id: string) => groups.filter((g) => g.includes(id)).length * 100;
    for (const p of people) expect((await cardOf(p.token)).balanceFen).toBe(expected(p.id));
    console.log(`[${dialectUnderTest()}] overlapping top-ups: all ${results.length} landed`);
  });

  it('refuses non-admins, unknown people, both or neither of personIds/unit, and bad amounts', async () => {
    const [person] = await makePeople(t, 1);
    expect((await topup(person.token, { personIds: [person.id], amountFen: 100, note: 'x' })).statusCode).toBe(403);
    const canteen = (await t.signIn('demo-canteen-01')).token;
    expect((await topup(canteen, { personIds: [person.id], amountFen: 100, note: 'x' })).statusCode).toBe(403);
    expect(errorCode(await topup(admin, { personIds: [person.id, 'nobody'], amountFen: 100, note: 'x' }))).toBe(
      'USER_NOT_FOUND',
    );
    expect(errorCode(await topup(admin, { personIds: [person.id], unit: '测试单位', amountFen: 100, note: 'x' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(errorCode(await topup(admin, { amountFen: 100, note: 'x' }))).toBe('VALIDATION_FAILED');
    for (const amountFen of [0, -100, 1.5, 100_000_000]) {
      expect(errorCode(await topup(admin, { personIds: [person.id], amountFen, note: 'x' }))).toBe('VALIDATION_FAILED');
    }
    expect(errorCode(await topup(admin, { personIds: [person.id], amountFen: 100, note: '   ' }))).toBe(
      'VALIDATION_FAILED',
    );
    expect((await cardOf(person.token)).balanceFen).toBe(0);
  });

  it('admins read anyone’s card; others only their own', async () => {
    const [person] = await makePeople(t, 1, { balanceFen: 700 });
    const res = await t.app.inject({ method: 'GET', url: `/api/meal-cards/${person.id}`, headers: t.auth(admin) });
    expect(res.json()).toMatchObject({ personId: person.id, balanceFen: 700 });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/meal-cards/${person.id}`, headers: t.auth(person.token) }))
        .statusCode,
    ).toBe(403);
    const missing = await t.app.inject({ method: 'GET', url: '/api/meal-cards/nobody', headers: t.auth(admin) });
    expect([missing.statusCode, errorCode(missing)]).toEqual([404, 'USER_NOT_FOUND']);
    expect((await t.app.inject({ method: 'GET', url: '/api/meal-card' })).statusCode).toBe(401);
  });
});
