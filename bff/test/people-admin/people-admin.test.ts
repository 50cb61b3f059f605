import type { PersonRoles, RoleChangePage } from '@contract/people-admin.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

let t: TestApp;
let admin: Caller; // demo-admin-01 高处长
beforeAll(async () => {
  t = await createTestApp();
  admin = await caller(t, 'demo-admin-01');
}, 60_000);
afterAll(async () => {
  await t.close();
});

const rolesOf = async (who: Caller, id: string): Promise<PersonRoles> => {
  const res = await who.call('GET', `/api/admin/people/${id}/roles`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const setRoles = (who: Caller, id: string, body: Record<string, unknown>) =>
  who.call('PUT', `/api/admin/people/${id}/roles`, body);
const changesOf = async (who: Caller, id: string, query = ''): Promise<RoleChangePage> => {
  const res = await who.call('GET', `/api/admin/people/${id}/role-changes${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('人员与角色', () => {
  it("shows a person's roles and the canteens they work for, with every canteen to choose from", async () => {
    const got = await rolesOf(admin, 'demo-multi-01');
    expect(got.person).toMatchObject({ id: 'demo-multi-01', name: '许燕', disabled: false });
    expect(got.roles).toEqual(['staff', 'canteen', 'guard']);
    expect(got.canteens.map((c) => c.id)).toEqual(['canteen-1']);
    expect(got.canteenOptions.map((c) => c.id)).toEqual(expect.arrayContaining(['canteen-1', 'canteen-2']));
  });

  it('grants roles, audits who changed what and when, tells the person, and their session sees it at once', async () => {
    const person = await caller(t, 'demo-staff-01');
    expect((await person.call('GET', '/api/me')).json().roles).toEqual(['staff']);
    expect((await person.call('GET', '/api/canteens/canteen-2/orders')).statusCode).toBe(403);

    t.clock.advance(60_000);
    const res = await setRoles(admin, 'demo-staff-01', {
      roles: ['staff', 'repairer', 'canteen'],
      canteenIds: ['canteen-2'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['staff', 'repairer', 'canteen'], canteens: [{ id: 'canteen-2' }] });

    expect((await person.call('GET', '/api/me')).json().roles).toEqual(['staff', 'repairer', 'canteen']);
    expect((await person.call('GET', '/api/canteens/canteen-2/orders')).statusCode).toBe(200);

    const audit = await changesOf(admin, 'demo-staff-01');
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      person: { id: 'demo-staff-01', name: '张伟' },
      by: { id: 'demo-admin-01', name: '高处长' },
      before: { roles: ['staff'], canteens: [] },
      after: { roles: ['staff', 'repairer', 'canteen'], canteens: ['第二食堂'] },
    });
    expect(audit.items[0].at).toMatch(/\+08:00$/);
    const told = (await person.call('GET', '/api/messages')).json().items[0];
    expect(told).toMatchObject({ title: '您的角色已变更' });
    expect(told.body).toContain('维修工');

    // The same set again changes nothing and audits nothing.
    expect(
      (await setRoles(admin, 'demo-staff-01', { roles: ['canteen', 'staff', 'repairer'], canteenIds: ['canteen-2'] }))
        .statusCode,
    ).toBe(200);
    expect((await changesOf(admin, 'demo-staff-01')).items).toHaveLength(1);
  });

  it('taking the canteen role away ends what it allowed: the canteen link goes with it', async () => {
    const staff = await caller(t, 'demo-canteen-02');
    expect((await staff.call('GET', '/api/canteens/canteen-2/orders')).statusCode).toBe(200);
    const res = await setRoles(admin, 'demo-canteen-02', { roles: ['staff'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['staff'], canteens: [] });
    expect((await staff.call('GET', '/api/canteens/canteen-2/orders')).statusCode).toBe(403);
    expect(await t.app.services.canteens.isStaff('demo-canteen-02', 'canteen-2')).toBe(false);
    const [change] = (await changesOf(admin, 'demo-canteen-02')).items;
    expect(change.before).toEqual({ roles: ['canteen'], canteens: ['第二食堂'] });
    expect(change.after).toEqual({ roles: ['staff'], canteens: [] });
  });

  it('refuses bad changes with their own codes and keeps nothing of them', async () => {
    expectError(await setRoles(admin, 'demo-staff-02', { roles: ['canteen'] }), 400, 'CANTEEN_REQUIRED');
    expectError(
      await setRoles(admin, 'demo-staff-02', { roles: ['canteen'], canteenIds: ['canteen-9'] }),
      400,
      'ROLE_CANTEEN_UNKNOWN',
    );
    expectError(await setRoles(admin, 'demo-staff-02', { roles: ['chef'] }), 400, 'VALIDATION_FAILED');
    expectError(await setRoles(admin, 'demo-staff-02', { roles: ['staff', 'staff'] }), 400, 'VALIDATION_FAILED');
    expectError(await setRoles(admin, 'nobody-here', { roles: ['staff'] }), 404, 'PERSON_NOT_FOUND');
    expectError(await admin.call('GET', '/api/admin/people/nobody-here/roles'), 404, 'PERSON_NOT_FOUND');
    expect((await rolesOf(admin, 'demo-staff-02')).roles).toEqual(['staff']);
    expect((await changesOf(admin, 'demo-staff-02')).items).toEqual([]);
  });

  it('is for admins only: anyone else is refused and changes nothing', async () => {
    for (const id of ['demo-staff-03', 'demo-canteen-01', 'demo-dispatcher-01']) {
      const other = await caller(t, id);
      expectError(await other.call('GET', '/api/admin/people/demo-staff-04/roles'), 403, 'FORBIDDEN');
      expectError(await setRoles(other, 'demo-staff-04', { roles: ['staff', 'admin'] }), 403, 'FORBIDDEN');
      expectError(await setRoles(other, id, { roles: ['admin'] }), 403, 'FORBIDDEN');
      expectError(await other.call('GET', '/api/admin/role-changes'), 403, 'FORBIDDEN');
    }
    expect((await rolesOf(admin, 'demo-staff-04')).roles).toEqual(['staff']);
  });

  it('lists every change newest first, page by page', async () => {
    for (const roles of [['staff', 'guard'], ['staff'], ['staff', 'dispatcher']]) {
      t.clock.advance(1000);
      expect((await setRoles(admin, 'demo-staff-05', { roles })).statusCode).toBe(200);
    }
    const first = await changesOf(admin, 'demo-staff-05', '?limit=2');
    expect(first.items.map((c) => c.after.roles)).toEqual([['staff', 'dispatcher'], ['staff']]);
    const rest = await changesOf(admin, 'demo-staff-05', `?limit=2&cursor=${first.nextCursor}`);
    expect(rest.items.map((c) => c.after.roles)).toEqual([['staff', 'guard']]);
    expect(rest.nextCursor).toBeNull();
    expectError(await admin.call('GET', `/api/admin/role-changes?cursor=${first.nextCursor}`), 400, 'CURSOR_INVALID');
    const everyone: RoleChangePage = (await admin.call('GET', '/api/admin/role-changes?limit=3')).json();
    expect(everyone.items.map((c) => c.person.id)).toEqual(['demo-staff-05', 'demo-staff-05', 'demo-staff-05']);
  });
});

describe(`never without an admin (${dialectUnderTest()})`, () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await fresh.close();
  });

  const admins = async () =>
    (await fresh.db.db.selectFrom('person_roles').select('person_id').where('role', '=', 'admin').execute()).map(
      (r) => r.person_id,
    );

  it('two admins taking each other’s admin role at once leave exactly one admin, again and again', async () => {
    for (let round = 0; round < 5; round++) {
      // Both admins (demo-admin-01 / -02), back each round.
      await fresh.db.db
        .insertInto('person_roles')
        .values([
          { person_id: 'demo-admin-01', role: 'admin' },
          { person_id: 'demo-admin-02', role: 'admin' },
        ])
        .onConflict((oc) => oc.columns(['person_id', 'role']).doNothing())
        .execute();
      const [a, b] = await Promise.all([caller(fresh, 'demo-admin-01'), caller(fresh, 'demo-admin-02')]);
      const answers = await Promise.all([
        setRoles(a, 'demo-admin-02', { roles: [] }),
        setRoles(b, 'demo-admin-01', { roles: ['staff'] }),
      ]);
      const statuses = answers.map((r) => r.statusCode).sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await admins()).toHaveLength(1);
    }
  });

  it('the last admin cannot take away their own admin role', async () => {
    const [last] = await admins();
    const me = await caller(fresh, last);
    expectError(await setRoles(me, last, { roles: ['staff'] }), 409, 'LAST_ADMIN');
    expect(await admins()).toEqual([last]);
  });
});
