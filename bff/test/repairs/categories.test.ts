import type { RepairCategory } from '@contract/repairs.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { report, reportRaw } from './support';

let t: TestApp;
let staff: Caller; // demo-staff-01
let dispatcher: Caller; // demo-staff-08 (staff + dispatcher)

beforeAll(async () => {
  t = await createTestApp();
  [staff, dispatcher] = await Promise.all(['demo-staff-01', 'demo-staff-08'].map((id) => caller(t, id)));
}, 60_000);
afterAll(async () => {
  await t.close();
});

const SLA = { acceptMinutes: 5, arriveMinutes: 20, finishHours: 6 };
const names = async (who: Caller, query = ''): Promise<string[]> =>
  ((await who.call('GET', `/api/repairs/categories${query}`)).json() as RepairCategory[]).map((c) => c.name);
const categoryCount = async () =>
  Number(
    (
      await t.db.db
        .selectFrom('repair_categories')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`报修类别 (${dialectUnderTest()})`, () => {
  it('a dispatcher adds a category that staff can report with at once', async () => {
    const res = await dispatcher.call('POST', '/api/repairs/categories', { name: '电梯', skill: 'plumbing', sla: SLA });
    expect(res.statusCode).toBe(201);
    const created: RepairCategory = res.json();
    expect(created).toMatchObject({ name: '电梯', skill: 'plumbing', sla: SLA, active: true });
    expect(await names(staff)).toContain('电梯');
    const ticket = await report(staff, { category: created.id });
    expect(ticket.category).toMatchObject({ id: created.id, name: '电梯' });
  });

  it('a stopped category leaves the report form, refuses new reports, and comes back when started again', async () => {
    const created: RepairCategory = (
      await dispatcher.call('POST', '/api/repairs/categories', { name: '绿化', skill: 'cleaning', sla: SLA })
    ).json();
    const stop = await dispatcher.call('PUT', `/api/repairs/categories/${created.id}`, {
      name: '绿化',
      skill: 'cleaning',
      sla: SLA,
      active: false,
    });
    expect(stop.json()).toMatchObject({ active: false });
    expect(await names(staff)).not.toContain('绿化');
    expect(await names(dispatcher, '?all=true')).toContain('绿化');
    expectError(
      await reportRaw(staff, { category: created.id, locationId: 'rr-a-101', description: '草坪积水' }),
      400,
      'REPAIR_CATEGORY_NOT_FOUND',
    );
    await dispatcher.call('PUT', `/api/repairs/categories/${created.id}`, {
      name: '绿化',
      skill: 'cleaning',
      sla: SLA,
      active: true,
    });
    expect(await names(staff)).toContain('绿化');
  });

  it('only dispatchers and admins change categories; bad input is refused with its code and changes nothing', async () => {
    const before = await categoryCount();
    expect(
      (await staff.call('POST', '/api/repairs/categories', { name: '电梯', skill: 'plumbing', sla: SLA })).statusCode,
    ).toBe(403);
    expect((await staff.call('GET', '/api/repairs/categories?all=true')).statusCode).toBe(403);
    for (const body of [
      { name: '', skill: 'plumbing', sla: SLA },
      { name: '电梯', skill: 'lifts', sla: SLA },
      { name: '电梯', skill: 'plumbing', sla: { ...SLA, acceptMinutes: 0 } },
      { name: '电梯', skill: 'plumbing', sla: { ...SLA, finishHours: '6' } },
      { name: '电'.repeat(21), skill: 'plumbing', sla: SLA },
    ]) {
      expectError(await dispatcher.call('POST', '/api/repairs/categories', body), 400, 'VALIDATION_FAILED');
    }
    expectError(
      await dispatcher.call('POST', '/api/repairs/categories', { name: '\u200b', skill: 'plumbing', sla: SLA }),
      400,
      'TEXT_BLANK',
    );
    expectError(
      await dispatcher.call('PUT', '/api/repairs/categories/rc-nope', { name: '电梯', skill: 'plumbing', sla: SLA }),
      404,
      'REPAIR_CATEGORY_NOT_FOUND',
    );
    expect(await categoryCount()).toBe(before);
  });
});
