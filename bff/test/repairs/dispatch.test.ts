import type { RepairerProfile, RepairTicket } from '@contract/repairs.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { ALL_WEEK, makePerson, messagesOf, report, step, stepOk, ticketRow } from './support';

// Saturday 2026-11-21 10:00 in Shanghai (the test clock's start).

// Many requests per test (100 at once in one): more than jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

let t: TestApp;
let staff: Caller;
let dispatcher: Caller; // demo-staff-08 黄俊
let dispatcher2: Caller; // demo-dispatcher-01 钱主管
const CREW = ['tr-1', 'tr-2', 'tr-3', 'tr-4', 'tr-5'];

const profile = (who: Caller, personId: string, body: Record<string, unknown>) =>
  who.call('PUT', `/api/repairs/repairers/${personId}`, body);

beforeAll(async () => {
  t = await createTestApp();
  for (const [i, id] of CREW.entries()) await makePerson(t, id, `测试师傅${i + 1}`, ['repairer']);
  await makePerson(t, 'tr-off', '休班师傅', ['repairer']);
  await makePerson(t, 'tr-noskill', '空调师傅', ['repairer']);
  await makePerson(t, 'tr-west', '西区师傅', ['repairer']);
  [staff, dispatcher, dispatcher2] = await Promise.all(
    ['demo-staff-01', 'demo-staff-08', 'demo-dispatcher-01'].map((id) => caller(t, id)),
  );
  const set = async (personId: string, body: Record<string, unknown>) =>
    expect((await profile(dispatcher, personId, body)).statusCode).toBe(200);
  for (const id of CREW) await set(id, { skills: ['network'], areas: ['东区', '西区'], shifts: ALL_WEEK });
  // On the network skill but off duty now (Mondays 09:00–10:00 only), or on duty without the skill.
  await set('tr-off', {
    skills: ['network'],
    areas: ['东区'],
    shifts: [{ weekdays: [1], starts: '09:00', ends: '10:00' }],
  });
  await set('tr-noskill', { skills: ['hvac'], areas: ['东区', '西区'], shifts: ALL_WEEK });
  // Network in the west only: never gets a ticket of building B (东区).
  await set('tr-west', { skills: ['network'], areas: ['西区'], shifts: ALL_WEEK });
  // The demo's 孙师傅 leaves the network work to the test crew.
  await set('demo-repairer-02', { skills: ['furniture', 'cleaning'], areas: ['东区', '西区'], shifts: ALL_WEEK });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('自动派单', () => {
  it('spreads 100 reports made at once evenly over the 5 eligible repairers, none to anyone else', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        report(staff, { category: 'rc-network', locationId: 'rr-b-201', description: `网口无信号 ${i}` }),
      ),
    );
    const counts = new Map<string, number>();
    for (const ticket of tickets)
      counts.set(ticket.assignee?.id ?? 'none', (counts.get(ticket.assignee?.id ?? 'none') ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(CREW);
    for (const id of CREW) {
      expect(counts.get(id)).toBeGreaterThanOrEqual(19);
      expect(counts.get(id)).toBeLessThanOrEqual(21);
    }
    const list = (await dispatcher.call('GET', '/api/repairs/repairers')).json() as RepairerProfile[];
    const byId = new Map(list.map((p) => [p.personId, p]));
    expect(byId.get('tr-off')).toMatchObject({ onDuty: false, openTickets: 0 });
    expect(byId.get('tr-noskill')).toMatchObject({ onDuty: true, openTickets: 0 });
    expect(byId.get('tr-west')).toMatchObject({ onDuty: true, openTickets: 0 });
    expect(byId.get('tr-1')?.openTickets).toBe(counts.get('tr-1'));
  });

  it('dispatches a declined ticket again, never back to who declined; with nobody left it waits in the queue', async () => {
    let ticket: RepairTicket = await report(staff, {
      category: 'rc-network',
      locationId: 'rr-b-202',
      description: '网络断',
    });
    const decliners = new Set<string>();
    for (let i = 0; i < CREW.length; i++) {
      const who = await caller(t, ticket.assignee!.id);
      decliners.add(ticket.assignee!.id);
      ticket = await stepOk(who, ticket.id, 'decline', { reason: '手头有急活' });
      if (ticket.assignee) expect(decliners.has(ticket.assignee.id)).toBe(false);
    }
    expect(ticket).toMatchObject({ status: 'pending', assignee: null });
    const queue = (await dispatcher.call('GET', '/api/repairs?scope=queue')).json();
    expect(queue.items.map((x: RepairTicket) => x.id)).toContain(ticket.id);
    expect((await messagesOf(t, 'demo-staff-08')).some((m) => m.title === '报修工单待派单')).toBe(true);
    // A dispatcher assigns it by hand.
    const assigned = await stepOk(dispatcher, ticket.id, 'assign', { personId: 'tr-3' });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: { id: 'tr-3' } });
    expect(assigned.timeline.map((e) => e.kind).filter((k) => k === 'declined')).toHaveLength(5);
  });

  it('queues a report nobody on duty can take', async () => {
    // 门窗 needs carpentry: 郑师傅 has it, 钱主管 too but is off duty on Saturday.
    expect(
      (await profile(dispatcher, 'demo-repairer-01', { skills: ['carpentry'], areas: ['东区'], shifts: [] })).json(),
    ).toMatchObject({ onDuty: false });
    const ticket = await report(staff, { category: 'rc-doors', locationId: 'rr-a-302', description: '门锁坏了' });
    expect(ticket).toMatchObject({ status: 'pending', assignee: null, sla: 'on-time' });
    await profile(dispatcher, 'demo-repairer-01', { skills: ['carpentry'], areas: ['东区'], shifts: ALL_WEEK });
    const next = await report(staff, { category: 'rc-doors', locationId: 'rr-a-302', description: '门锁又坏了' });
    expect(next.assignee?.id).toBe('demo-repairer-01');
  });

  it('lets one of two dispatchers reassigning at once win', async () => {
    const ticket = await report(staff, {
      category: 'rc-network',
      locationId: 'rr-b-203',
      description: '无线网络连不上',
    });
    const [a, b] = await Promise.all([
      step(dispatcher, ticket.id, 'assign', { personId: 'tr-4', version: ticket.version }),
      step(dispatcher2, ticket.id, 'assign', { personId: 'tr-5', version: ticket.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'tr-4' : 'tr-5';
    expect((a.statusCode === 409 ? a : b).json().error.code).toBe('REPAIR_STATE_CONFLICT');
    expect((await ticketRow(t, ticket.id)).assignee_id).toBe(winner);
    const detail = (await dispatcher.call('GET', `/api/repairs/${ticket.id}`)).json();
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'assigned')).toHaveLength(1);
  });

  it('reassigns work already begun with a fresh window to accept; only to a repairer', async () => {
    const ticket = await report(staff, {
      category: 'rc-network',
      locationId: 'rr-b-204',
      description: '交换机指示灯不亮',
    });
    const who = await caller(t, ticket.assignee!.id);
    await stepOk(who, ticket.id, 'accept');
    t.clock.advance(20 * 60_000);
    const moved = await stepOk(dispatcher, ticket.id, 'assign', { personId: 'tr-noskill' });
    expect(moved).toMatchObject({ status: 'assigned', assignee: { id: 'tr-noskill' }, sla: 'on-time' });
    expectError(await step(dispatcher, ticket.id, 'assign', { personId: 'demo-staff-01' }), 404, 'REPAIRER_NOT_FOUND');
    expectError(await step(who, ticket.id, 'arrive'), 404, 'REPAIR_TICKET_NOT_FOUND');
  });

  it('keeps repairer profiles to dispatchers and admins, with checked input', async () => {
    expectError(await profile(staff, 'tr-1', { skills: [], areas: [], shifts: [] }), 403, 'FORBIDDEN');
    expectError(
      await profile(dispatcher, 'demo-staff-01', { skills: [], areas: [], shifts: [] }),
      404,
      'REPAIRER_NOT_FOUND',
    );
    expectError(
      await profile(dispatcher, 'tr-1', {
        skills: ['network'],
        areas: ['东区'],
        shifts: [{ weekdays: [1], starts: '09:00', ends: '09:00' }],
      }),
      400,
      'REPAIR_SHIFT_INVALID',
    );
    expectError(
      await profile(dispatcher, 'tr-1', { skills: ['welding'], areas: [], shifts: [] }),
      400,
      'VALIDATION_FAILED',
    );
    const admin = await caller(t, 'demo-admin-01');
    const overnight = await profile(admin, 'tr-1', {
      skills: ['network'],
      areas: ['东区'],
      // Friday 22:00 → Saturday 10:30 covers Saturday 10:00.
      shifts: [{ weekdays: [5], starts: '22:00', ends: '10:30' }],
    });
    expect(overnight.json()).toMatchObject({ onDuty: true, skills: ['network'] });
    const got = (await dispatcher.call('GET', '/api/repairs/repairers/tr-1')).json();
    expect(got.shifts).toEqual([{ weekdays: [5], starts: '22:00', ends: '10:30' }]);
  });
});
