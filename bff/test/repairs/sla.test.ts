import type { RepairBoard, RepairTicket } from '@contract/repairs.schema';
import { caller, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { messagesOf, report, stepOk, ticketRow } from './support';

// The SLA timer: deadlines from the category, pause stops the clock, each escalation level once,
// also with two BFF instances on one database running their timers at the same moment.

// Many requests per test (100 at once in one): more than jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

let t: TestApp;
let second: TestApp;
let staff: Caller;
let dispatcher: Caller;
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  second = await createTestApp({ sharing: t });
  [staff, dispatcher] = await Promise.all(['demo-staff-01', 'demo-staff-08'].map((id) => caller(t, id)));
}, 60_000);
afterAll(async () => {
  await second.close();
  await t.close();
});

const escalations = async (ticketId: string) =>
  (
    await t.db.db
      .selectFrom('repair_events')
      .select('note')
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'escalated')
      .execute()
  ).length;
const countMessages = async (personId: string, title: string, about = '') =>
  (await messagesOf(t, personId)).filter((m) => m.title === title && m.body.includes(about)).length;
const board = async (): Promise<RepairBoard> => (await dispatcher.call('GET', '/api/repairs/board')).json();

describe('SLA 时限与升级', () => {
  it('escalates an ignored ticket to the dispatchers at its deadline and to the admins later, each once', async () => {
    const ticket = await report(staff, { category: 'rc-hvac', locationId: 'rr-a-402', description: '空调不制冷' });
    expect(Date.parse(ticket.acceptBy) - Date.parse(ticket.createdAt)).toBe(10 * MINUTE);
    const dispatchersBefore = await countMessages('demo-dispatcher-01', '报修工单超时', ticket.number);
    const adminsBefore = await countMessages('demo-admin-01', '报修超时升级', ticket.number);

    t.clock.advance(10 * MINUTE - 1000);
    await t.app.services.repairSla.tick();
    expect(await escalations(ticket.id)).toBe(0);
    expect((await board()).open.find((x) => x.id === ticket.id)?.sla).toBe('at-risk');

    t.clock.advance(2000);
    await t.app.services.repairSla.tick();
    await t.app.services.repairSla.tick();
    expect(await escalations(ticket.id)).toBe(1);
    expect(await countMessages('demo-dispatcher-01', '报修工单超时', ticket.number)).toBe(dispatchersBefore + 1);
    expect(await countMessages('demo-admin-01', '报修超时升级', ticket.number)).toBe(adminsBefore);
    const seen = await board();
    expect(seen.open.find((x) => x.id === ticket.id)?.sla).toBe('overdue');
    expect(seen.counts.overdue).toBeGreaterThanOrEqual(1);

    t.clock.advance(30 * MINUTE);
    await t.app.services.repairSla.tick();
    await t.app.services.repairSla.tick();
    expect(await escalations(ticket.id)).toBe(2);
    expect(await countMessages('demo-admin-01', '报修超时升级', ticket.number)).toBe(adminsBefore + 1);
    expect(await countMessages('demo-dispatcher-01', '报修工单超时', ticket.number)).toBe(dispatchersBefore + 1);
    expect((await ticketRow(t, ticket.id)).check_at).toBeNull();

    // Accepting it starts the next phase's clock afresh.
    const who = await caller(t, ticket.assignee!.id);
    const accepted = await stepOk(who, ticket.id, 'accept');
    expect(await ticketRow(t, ticket.id)).toMatchObject({
      escalation_level: 0,
      check_at: accepted.arriveBy.length ? expect.any(String) : null,
    });
  });

  it('stops the clock while paused: a paused ticket is not escalated, its deadline moves by the pause', async () => {
    const ticket = await report(staff, { category: 'rc-cleaning', locationId: 'rr-a-203', description: '地面有积水' });
    const who = await caller(t, ticket.assignee!.id);
    await stepOk(who, ticket.id, 'accept');
    await stepOk(who, ticket.id, 'arrive');
    await stepOk(who, ticket.id, 'pause', { reason: '等待吸水机' });
    t.clock.advance(3 * 3600_000); // past the 2-hour finish deadline
    await t.app.services.repairSla.tick();
    expect(await escalations(ticket.id)).toBe(0);
    const resumed = await stepOk(who, ticket.id, 'resume');
    expect(Date.parse(resumed.finishBy) - Date.parse(ticket.finishBy)).toBe(3 * 3600_000);
    expect(resumed.sla).toBe('on-time');
    await t.app.services.repairSla.tick();
    expect(await escalations(ticket.id)).toBe(0);
  });

  it('escalates each overdue ticket exactly once with two instances ticking at the same moment', async () => {
    const tickets: RepairTicket[] = [];
    for (let i = 0; i < 12; i++)
      tickets.push(
        await report(staff, { category: 'rc-network', locationId: 'rr-b-301', description: `网络故障 ${i}` }),
      );
    const allEscalations = async () =>
      (await t.db.db.selectFrom('repair_events').select('id').where('kind', '=', 'escalated').execute()).length;
    const before = await allEscalations();
    t.clock.advance(11 * MINUTE);
    const results = await Promise.all([
      t.app.services.repairSla.tick(),
      second.app.services.repairSla.tick(),
      t.app.services.repairSla.tick(),
      second.app.services.repairSla.tick(),
    ]);
    for (const ticket of tickets) expect(await escalations(ticket.id)).toBe(1);
    const mine = (await messagesOf(t, 'demo-staff-08')).filter(
      (m) => m.title === '报修工单超时' && tickets.some((x) => m.body.includes(x.number)),
    );
    expect(mine).toHaveLength(12);
    // What the four ticks say they escalated is what was written: no tick counted a level another made.
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBe((await allEscalations()) - before);
  });

  it('shows figures per category and repairer, computed by the database', async () => {
    const ticket = await report(staff, {
      category: 'rc-plumbing',
      locationId: 'rr-a-101',
      description: '水龙头关不紧',
    });
    const who = await caller(t, ticket.assignee!.id);
    t.clock.advance(2 * MINUTE);
    await stepOk(who, ticket.id, 'accept');
    t.clock.advance(4 * MINUTE);
    await stepOk(who, ticket.id, 'arrive');
    await stepOk(who, ticket.id, 'finish', { note: '已换阀芯' });
    await stepOk(staff, ticket.id, 'rate', { score: 5 });
    const seen = await board();
    const plumbing = seen.byCategory.find((c) => c.id === 'rc-plumbing');
    expect(plumbing).toBeDefined();
    expect(plumbing!.finished).toBeGreaterThanOrEqual(1);
    expect(plumbing!.averageScore).not.toBeNull();
    const repairer = seen.byRepairer.find((r) => r.id === ticket.assignee!.id);
    expect(repairer).toMatchObject({ name: ticket.assignee!.name });
    expect(repairer!.onTimeRate).not.toBeNull();
    // Only this ticket in the period of a day with nothing else: exact figures.
    const day = ticket.createdAt.slice(0, 10);
    const only = (await dispatcher.call('GET', `/api/repairs/board?from=${day}&to=${day}`)).json() as RepairBoard;
    const cat = only.byCategory.find((c) => c.id === 'rc-plumbing')!;
    expect(cat.tickets).toBeGreaterThanOrEqual(1);
    expect((await dispatcher.call('GET', '/api/repairs/board?from=2026-02-30&to=2026-03-01')).statusCode).toBe(400);
  });
});
