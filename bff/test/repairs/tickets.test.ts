import type { RepairPage } from '@contract/repairs.schema';
import { encodePng } from '../../src/lib/png';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { messagesOf, newKey, report, reportRaw, step, stepOk, ticketRow } from './support';

// The clock starts on Saturday 2026-11-21 10:00 in Shanghai: 郑师傅 and 孙师傅 are on duty around
// the clock, 钱主管 (dispatcher and repairer) works weekday office hours, so he is off duty.

// Many requests per test (100 at once in one): more than jest's 5 s on a loaded machine.
jest.setTimeout(60_000);

let t: TestApp;
let staff: Caller; // demo-staff-01 张伟
let stranger: Caller; // demo-staff-02
let zheng: Caller; // demo-repairer-01 郑师傅: plumbing, hvac, carpentry
let sun: Caller; // demo-repairer-02 孙师傅: plumbing, network, furniture, cleaning
let dispatcher: Caller; // demo-staff-08 黄俊 (staff + dispatcher)
let admin: Caller; // demo-admin-02

beforeAll(async () => {
  t = await createTestApp();
  [staff, stranger, zheng, sun, dispatcher, admin] = await Promise.all(
    ['demo-staff-01', 'demo-staff-02', 'demo-repairer-01', 'demo-repairer-02', 'demo-staff-08', 'demo-admin-02'].map(
      (id) => caller(t, id),
    ),
  );
}, 60_000);
afterAll(async () => {
  await t.close();
});

/** The one of the two crew members a ticket went to. */
const assigneeOf = (ticket: { assignee: { id: string } | null }) => {
  const id = ticket.assignee?.id;
  if (id === 'demo-repairer-01') return zheng;
  if (id === 'demo-repairer-02') return sun;
  throw new Error(`unexpected assignee ${id}`);
};
const other = (who: Caller) => (who === zheng ? sun : zheng);
const page = async (who: Caller, query: string): Promise<RepairPage> => {
  const res = await who.call('GET', `/api/repairs?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('报修', () => {
  it('lists the active categories with their SLA', async () => {
    const res = await staff.call('GET', '/api/repairs/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(
      expect.arrayContaining([
        {
          id: 'rc-plumbing',
          name: '水电',
          skill: 'plumbing',
          sla: { acceptMinutes: 5, arriveMinutes: 15, finishHours: 4 },
          active: true,
        },
      ]),
    );
    const places = (await staff.call('GET', '/api/repairs/locations')).json();
    const a = places.buildings.find((b: { id: string }) => b.id === 'bld-a');
    expect(a).toMatchObject({ name: 'A座', area: '东区' });
    expect(a.floors[0].rooms[0]).toEqual({ id: 'rr-a-101', name: 'A101' });
  });

  it('reports with a room, dispatches at once and promises deadlines from the category', async () => {
    const ticket = await report(staff, { urgent: false });
    expect(ticket).toMatchObject({
      status: 'assigned',
      category: { id: 'rc-plumbing', name: '水电' },
      location: { text: 'A座 1层 A101', buildingId: 'bld-a', roomId: 'rr-a-101' },
      requester: { name: '张伟' },
    });
    expect(['demo-repairer-01', 'demo-repairer-02']).toContain(ticket.assignee?.id);
    const created = Date.parse(ticket.createdAt);
    expect(Date.parse(ticket.acceptBy) - created).toBe(5 * 60_000);
    expect(Date.parse(ticket.arriveBy) - created).toBe(15 * 60_000);
    expect(Date.parse(ticket.finishBy) - created).toBe(4 * 3600_000);
    expect(ticket.dueAt).toBe(ticket.acceptBy);
    expect((await messagesOf(t, ticket.assignee!.id)).some((m) => m.title.startsWith('新的报修工单'))).toBe(true);
    // The message leads to the ticket, and is pushed to the repairer's phone (through the outbox).
    const sent = await t.db.db
      .selectFrom('messages')
      .select(['id', 'subject_kind', 'subject_id'])
      .where('person_id', '=', ticket.assignee!.id)
      .where('subject_id', '=', ticket.id)
      .execute();
    expect(sent).toEqual([{ id: expect.any(String), subject_kind: 'repair-ticket', subject_id: ticket.id }]);
    const pushes = await t.db.db.selectFrom('outbox').select('payload').where('topic', '=', 'message.push').execute();
    expect(pushes.some((p) => String(p.payload).includes(sent[0].id))).toBe(true);
  });

  it('halves the time to accept and arrive for an urgent report; a typed place alone is enough', async () => {
    const ticket = await report(staff, { locationId: undefined, locationText: '东门岗亭', urgent: true });
    expect(ticket.location).toEqual({ text: '东门岗亭', buildingId: null, roomId: null });
    expect(Date.parse(ticket.acceptBy) - Date.parse(ticket.createdAt)).toBe(150_000);
    expect(ticket.urgent).toBe(true);
  });

  it('answers a retried report (same Idempotency-Key) with the same ticket, also when sent at once', async () => {
    const key = newKey();
    const body = { category: 'rc-hvac', locationId: 'rr-b-201', description: '空调漏水' };
    const [a, b, c] = await Promise.all([
      reportRaw(staff, body, key),
      reportRaw(staff, body, key),
      reportRaw(staff, body, key),
    ]);
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(new Set([a.json().ticket.id, b.json().ticket.id, c.json().ticket.id]).size).toBe(1);
    const rows = await t.db.db.selectFrom('repair_tickets').select('id').where('idempotency_key', '=', key).execute();
    expect(rows).toHaveLength(1);
    expectError(await staff.call('POST', '/api/repairs', body), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    // The same key on a different report is refused, not answered with the first ticket.
    expectError(await reportRaw(staff, { ...body, description: '空调不制冷' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(
      await t.db.db.selectFrom('repair_tickets').select('id').where('idempotency_key', '=', key).execute(),
    ).toHaveLength(1);
  });

  it('refuses bad input, each with its own code, and writes nothing', async () => {
    const before = (await t.db.db.selectFrom('repair_tickets').select('id').execute()).length;
    const png = (n: number) => encodePng(2, 2, new Uint8Array(12).fill(n));
    const mine = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.app.services.uploads.saveImage(png(i + 1), 'demo-staff-01')),
    );
    const theirs = await t.app.services.uploads.saveImage(png(99), 'demo-staff-02');
    const cases: [Record<string, unknown>, string][] = [
      [{ category: 'rc-nope' }, 'REPAIR_CATEGORY_NOT_FOUND'],
      [{ locationId: 'rr-z-999' }, 'REPAIR_ROOM_NOT_FOUND'],
      [{ locationId: undefined, locationText: '   ' }, 'REPAIR_LOCATION_REQUIRED'],
      // Blank or control-character text is refused at the edge for every route (hardening, contract/text.ts).
      [{ description: ' \u200b ' }, 'TEXT_BLANK'],
      [{ description: '漏水\u0007' }, 'TEXT_INVALID_CHARACTERS'],
      [{ photoIds: mine.map((u) => u.id) }, 'REPAIR_TOO_MANY_PHOTOS'],
      [{ photoIds: [theirs.id] }, 'REPAIR_PHOTO_NOT_YOURS'],
      [{ photoIds: ['0123456789abcdef0123456789abcdef.png'] }, 'REPAIR_PHOTO_NOT_YOURS'],
    ];
    for (const [body, code] of cases) {
      const res = await reportRaw(staff, {
        category: 'rc-plumbing',
        locationId: 'rr-a-101',
        description: '漏水',
        ...body,
      });
      expectError(res, 400, code);
    }
    expect((await t.db.db.selectFrom('repair_tickets').select('id').execute()).length).toBe(before);
    // Nine of one's own photos are fine.
    const nine = await report(staff, { photoIds: mine.slice(0, 9).map((u) => u.id) });
    expect(nine.photoUrls).toHaveLength(9);
  });

  it('runs the whole life: accept, arrive, pause (clock stops), resume, finish with photos, rate; timeline has every step', async () => {
    const ticket = await report(staff);
    const repairer = assigneeOf(ticket);
    t.clock.advance(60_000);
    const accepted = await stepOk(repairer, ticket.id, 'accept');
    expect(accepted).toMatchObject({ status: 'accepted', dueAt: ticket.arriveBy });
    t.clock.advance(5 * 60_000);
    await stepOk(repairer, ticket.id, 'arrive');
    t.clock.advance(60_000);
    const paused = await stepOk(repairer, ticket.id, 'pause', { reason: '等待配件：下水管' });
    expect(paused).toMatchObject({ status: 'paused', dueAt: null, sla: null });
    const pausedRow = await ticketRow(t, ticket.id);
    expect(pausedRow.check_at).toBeNull();
    t.clock.advance(2 * 3600_000);
    const resumed = await stepOk(repairer, ticket.id, 'resume');
    expect(Date.parse(resumed.finishBy) - Date.parse(ticket.finishBy)).toBe(2 * 3600_000);
    expect(resumed.dueAt).toBe(resumed.finishBy);
    const photo = await t.app.services.uploads.saveImage(
      encodePng(3, 3, new Uint8Array(27).fill(7)),
      ticket.assignee!.id,
    );
    const finished = await stepOk(repairer, ticket.id, 'finish', { note: '已更换软管', photoIds: [photo.id] });
    expect(finished).toMatchObject({
      status: 'finished',
      finishNote: '已更换软管',
      finishPhotoUrls: [`/api/uploads/${photo.id}`],
    });
    expect(finished.can.rate).toBe(false); // the repairer reads it; only the requester rates
    const rated = await stepOk(staff, ticket.id, 'rate', { score: 4, comment: '很及时' });
    expect(rated).toMatchObject({ score: 4, comment: '很及时' });
    expect(rated.timeline.map((e) => e.kind)).toEqual([
      'reported',
      'dispatched',
      'accepted',
      'arrived',
      'paused',
      'resumed',
      'finished',
      'rated',
    ]);
    expect(rated.timeline[2].by).toBe(ticket.assignee!.name);
    expect(rated.timeline[1].to).toBe(ticket.assignee!.name);
    const row = await ticketRow(t, ticket.id);
    expect(row).toMatchObject({ response_ms: 60_000, onsite_ms: 6 * 60_000, on_time: 1 });
    expect((await messagesOf(t, 'demo-staff-01')).some((m) => m.title === '报修已完工，请评价')).toBe(true);
  });

  it('holds the state machine: no finish before arrive, no rating before finish or twice, nothing changes', async () => {
    const ticket = await report(staff);
    const repairer = assigneeOf(ticket);
    expectError(await step(repairer, ticket.id, 'finish', {}), 409, 'REPAIR_STATE_CONFLICT');
    expectError(await step(repairer, ticket.id, 'arrive'), 409, 'REPAIR_STATE_CONFLICT');
    expectError(await step(staff, ticket.id, 'rate', { score: 5 }), 409, 'REPAIR_NOT_FINISHED');
    await stepOk(repairer, ticket.id, 'accept');
    expectError(await step(staff, ticket.id, 'cancel', {}), 409, 'REPAIR_STATE_CONFLICT');
    expectError(await step(repairer, ticket.id, 'resume'), 409, 'REPAIR_STATE_CONFLICT');
    await stepOk(repairer, ticket.id, 'arrive');
    await stepOk(repairer, ticket.id, 'finish', {});
    for (const score of [0, 6])
      expectError(await step(staff, ticket.id, 'rate', { score }), 400, 'REPAIR_RATING_INVALID');
    const ratings = await Promise.all([1, 2, 3].map((score) => step(staff, ticket.id, 'rate', { score })));
    expect(ratings.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    for (const r of ratings.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('REPAIR_ALREADY_RATED');
    expect((await ticketRow(t, ticket.id)).status).toBe('finished');
  });

  it('lets only the requester cancel before acceptance', async () => {
    const ticket = await report(staff);
    expectError(await step(assigneeOf(ticket), ticket.id, 'cancel', {}), 403, 'REPAIR_NOT_REQUESTER');
    const cancelled = await stepOk(staff, ticket.id, 'cancel', { reason: '已自行解决' });
    expect(cancelled).toMatchObject({ status: 'cancelled', dueAt: null });
    expect((await ticketRow(t, ticket.id)).check_at).toBeNull();
  });

  it('lets only the assignee move it, only the requester cancel/rate/reopen, only a dispatcher assign; strangers learn nothing', async () => {
    const ticket = await report(staff);
    const repairer = assigneeOf(ticket);
    const before = await ticketRow(t, ticket.id);
    for (const action of ['accept', 'decline', 'arrive', 'pause', 'resume', 'finish']) {
      const body =
        action === 'decline' || action === 'pause' ? { reason: '越权' } : action === 'finish' ? {} : undefined;
      expectError(await step(staff, ticket.id, action, body), 403, 'REPAIR_NOT_ASSIGNEE');
      expectError(await step(dispatcher, ticket.id, action, body), 403, 'REPAIR_NOT_ASSIGNEE');
    }
    expectError(await step(repairer, ticket.id, 'rate', { score: 5 }), 403, 'REPAIR_NOT_REQUESTER');
    expectError(await step(repairer, ticket.id, 'reopen', { reason: 'x' }), 403, 'REPAIR_NOT_REQUESTER');
    expectError(await step(repairer, ticket.id, 'assign', { personId: 'demo-repairer-01' }), 403, 'FORBIDDEN');
    expectError(await step(staff, ticket.id, 'assign', { personId: 'demo-repairer-01' }), 403, 'FORBIDDEN');
    // Another staff member and the other repairer: not found, for every read and write.
    for (const outsider of [stranger, other(repairer)]) {
      expectError(await outsider.call('GET', `/api/repairs/${ticket.id}`), 404, 'REPAIR_TICKET_NOT_FOUND');
      for (const action of ['accept', 'cancel', 'rate', 'reopen', 'assign']) {
        const body =
          action === 'rate'
            ? { score: 5 }
            : action === 'assign'
              ? { personId: 'demo-repairer-01' }
              : action === 'reopen'
                ? { reason: 'x' }
                : action === 'cancel'
                  ? {}
                  : undefined;
        expectError(await step(outsider, ticket.id, action, body), 404, 'REPAIR_TICKET_NOT_FOUND');
      }
      expect((await page(outsider, 'scope=mine')).items.map((i) => i.id)).not.toContain(ticket.id);
      expect((await page(outsider, 'scope=assigned')).items.map((i) => i.id)).not.toContain(ticket.id);
    }
    expect(await ticketRow(t, ticket.id)).toEqual(before);
    expectError(await stranger.call('GET', '/api/repairs?scope=all'), 403, 'FORBIDDEN');
    expectError(await repairer.call('GET', '/api/repairs?scope=queue'), 403, 'FORBIDDEN');
    expectError(await staff.call('GET', '/api/repairs/board'), 403, 'FORBIDDEN');
    // Dispatchers and admins see everything.
    for (const boss of [dispatcher, admin]) {
      expect((await boss.call('GET', `/api/repairs/${ticket.id}`)).statusCode).toBe(200);
    }
    expect((await page(repairer, 'scope=assigned&state=open')).items.map((i) => i.id)).toContain(ticket.id);
    expect((await page(staff, 'scope=mine')).items.map((i) => i.id)).toContain(ticket.id);
  });

  it('pages every list by cursor, newest first, without repeats', async () => {
    const pager = await caller(t, 'demo-staff-03');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await report(pager, { description: `第${i}次报修` })).id);
      t.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p: RepairPage = await page(pager, `scope=mine&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expectError(await pager.call('GET', '/api/repairs?scope=assigned&cursor=bm9wZQ'), 400, 'CURSOR_INVALID');
  });

  // Last: it moves the clock on by weeks.
  it('reopens within 7 days to the same repairer, and not after', async () => {
    const ticket = await report(staff);
    const repairer = assigneeOf(ticket);
    for (const action of ['accept', 'arrive', 'finish'])
      await stepOk(repairer, ticket.id, action, action === 'finish' ? {} : undefined);
    t.clock.advance(6 * 24 * 3600_000);
    // Sessions expire meanwhile: sign in again.
    const [me, fixer] = await Promise.all([caller(t, 'demo-staff-01'), caller(t, ticket.assignee!.id)]);
    const reopened = await stepOk(me, ticket.id, 'reopen', { reason: '又漏水了' });
    expect(reopened).toMatchObject({ status: 'assigned', assignee: { id: ticket.assignee!.id }, finishedAt: null });
    expect(Date.parse(reopened.acceptBy)).toBe(t.clock.now().getTime() + 5 * 60_000);
    for (const action of ['accept', 'arrive', 'finish'])
      await stepOk(fixer, ticket.id, action, action === 'finish' ? {} : undefined);
    t.clock.advance(7 * 24 * 3600_000 + 1000);
    const later = await caller(t, 'demo-staff-01');
    expectError(await step(later, ticket.id, 'reopen', { reason: '还是漏' }), 409, 'REPAIR_REOPEN_EXPIRED');
    expect((await ticketRow(t, ticket.id)).status).toBe('finished');
  });
});
