import { VISITOR_PRIVACY_NOTICE, type Visit } from '@contract/visitors.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

// The test clock starts at 2026-11-21 10:00 in Shanghai; the campus tolerance is 30 minutes.
const TODAY = '2026-11-21';
const LATER = '2026-11-24';
const LOT = 'lot-north'; // the demo's visitor lot, gate-north
const PRIVACY = VISITOR_PRIVACY_NOTICE.version;

let t: TestApp;
let visitor: Caller; // demo-visitor-01
let host: Caller; // demo-staff-01
let guard: Caller; // demo-guard-01

beforeAll(async () => {
  t = await createTestApp();
  [visitor, host, guard] = await Promise.all(
    ['demo-visitor-01', 'demo-staff-01', 'demo-guard-01'].map((id) => caller(t, id)),
  );
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function apply(extra: Record<string, unknown>): Promise<Visit> {
  const res = await visitor.call('POST', '/api/visits/applications', {
    hostId: 'demo-staff-01',
    date: TODAY,
    startsAt: '14:00',
    endsAt: '16:00',
    purpose: '商谈合作项目',
    visitorName: '赵一鸣',
    visitorPhone: '13712345678',
    privacyVersion: PRIVACY,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json().visit;
}

/** The visit's bookings in parking (the visitor lot's count) and the gate changes queued for them. */
async function carOf(visitId: string) {
  const bookings = await t.db.db
    .selectFrom('parking_bookings')
    .select(['id', 'lot_id', 'plate', 'status', 'starts_at', 'ends_at'])
    .where('visit_id', '=', visitId)
    .execute();
  if (bookings.length === 0) return { bookings, changes: [] }; // `in ()` is no SQL on PostgreSQL
  const changes = await t.db.db
    .selectFrom('parking_gate_changes')
    .select(['id', 'op', 'plate', 'gate_id'])
    .where(
      'booking_id',
      'in',
      bookings.map((b) => b.id),
    )
    .orderBy('id')
    .execute();
  const outbox = await t.db.db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', 'parking.gate-whitelist')
    .execute();
  const queued = new Set(outbox.map((o) => (JSON.parse(o.payload) as { changeId: string }).changeId));
  return { bookings, changes: changes.map((c) => ({ ...c, queued: queued.has(c.id) })) };
}

const bookedAt = async (date: string, time: string) =>
  (await guard.call('GET', `/api/parking/lots/${LOT}/occupancy?date=${date}`))
    .json()
    .slots.find((s: { startsAt: string }) => s.startsAt === time).booked as number;

let eventNo = 0;
/** The guard's console at `at` (a console event is when it is sent: the clock moves there and back). */
const atGate = async (plate: string, at: string) => {
  const before = t.clock.now().toISOString();
  t.clock.set(new Date(at).toISOString());
  try {
    // Days ahead the guard's session has run out: a guard on duty then signs in then.
    const onDuty = await caller(t, 'demo-guard-01');
    return (
      await onDuty.call('POST', '/api/parking/gate-events', {
        gateId: 'gate-north',
        plate,
        direction: 'in',
        at,
        eventId: `visitor-car-${++eventNo}`,
      })
    ).json();
  } finally {
    t.clock.set(before);
  }
};

describe(`访客车辆 (${dialectUnderTest()})`, () => {
  it('approval puts the plate on the gate whitelist (outbox) for the window with tolerance; the gate opens inside, denies outside', async () => {
    const before = await bookedAt(TODAY, '14:00');
    const visit = await apply({ plate: '浙ｂ·12345' }); // full-width and a dot: the shared rule normalises
    expect(visit.visitor.plate).toBe('浙B***45');
    expect((await carOf(visit.id)).bookings).toEqual([]); // pending: not yet on the whitelist

    expect((await host.call('POST', `/api/visits/${visit.id}/approve`)).json().status).toBe('approved');
    const car = await carOf(visit.id);
    // 14:00–16:00 with the campus's 30 minutes either side: 13:30–16:30 in the visitor lot.
    expect(car.bookings).toEqual([expect.objectContaining({ lot_id: LOT, plate: '浙B12345', status: 'booked' })]);
    expect(new Date(car.bookings[0].starts_at).toISOString()).toBe('2026-11-21T05:30:00.000Z');
    expect(new Date(car.bookings[0].ends_at).toISOString()).toBe('2026-11-21T08:30:00.000Z');
    expect(car.changes).toEqual([
      { id: expect.any(String), op: 'add', plate: '浙B12345', gate_id: 'gate-north', queued: true },
    ]);
    expect(await bookedAt(TODAY, '14:00')).toBe(before + 1);
    expect(await bookedAt(TODAY, '13:30')).toBeGreaterThan(0);

    const expected = (await guard.call('GET', `/api/parking/lots/${LOT}/expected?q=B123`)).json();
    expect(expected.items).toContainEqual(
      expect.objectContaining({ plate: '浙B12345', source: 'visitor', startsAt: '13:30', endsAt: '16:30' }),
    );

    expect(await atGate('浙B12345', '2026-11-21T11:00:00+08:00')).toMatchObject({ decision: 'deny' });
    expect(await atGate('浙B12345', '2026-11-21T18:30:00+08:00')).toMatchObject({ decision: 'deny' });
    expect(await atGate('浙B12345', '2026-11-21T14:10:00+08:00')).toMatchObject({ decision: 'open' });
  });

  it('an accepted invitation with a car and an overridden walk-in whitelist the plate too', async () => {
    const invite = await host.call('POST', '/api/visits', {
      visitorName: '钱二',
      visitorPhone: '13812345678',
      date: TODAY,
      startsAt: '15:00',
      endsAt: '17:00',
      purpose: '参加项目评审会',
      plate: '苏E·D12345',
    });
    expect(invite.statusCode).toBe(201);
    const { visit, token } = invite.json();
    expect((await carOf(visit.id)).bookings).toEqual([]); // invited: waits for the visitor
    await visitor.call('POST', `/api/visits/invitations/${token}/accept`, { privacyVersion: PRIVACY });
    expect((await carOf(visit.id)).changes).toEqual([expect.objectContaining({ op: 'add', plate: '苏ED12345' })]);

    const walkIn = await guard.call('POST', '/api/visits/walk-ins', {
      hostId: 'demo-staff-01',
      endsAt: '12:00',
      purpose: '送文件',
      visitorName: '孙三',
      visitorPhone: '13912345678',
      plate: '沪A1234学',
      privacyVersion: PRIVACY,
    });
    const w: Visit = walkIn.json().visit;
    expect((await carOf(w.id)).bookings).toEqual([]);
    await guard.call('POST', `/api/visits/${w.id}/override`, { reason: '被访人电话确认' });
    expect((await carOf(w.id)).changes).toEqual([expect.objectContaining({ op: 'add', plate: '沪A1234学' })]);
    expect(await atGate('沪A1234学', '2026-11-21T10:05:00+08:00')).toMatchObject({ decision: 'open' });
  });

  it('cancellation, decline and check-out take the car off the whitelist and free its space', async () => {
    const cancelled = await apply({ date: LATER, plate: '浙A66Z88' });
    await host.call('POST', `/api/visits/${cancelled.id}/approve`);
    const held = await bookedAt(LATER, '14:00');
    expect((await visitor.call('POST', `/api/visits/${cancelled.id}/cancel`)).json().status).toBe('cancelled');
    const gone = await carOf(cancelled.id);
    expect(gone.bookings.map((b) => b.status)).toEqual(['cancelled']);
    expect(gone.changes.map((c) => [c.op, c.queued])).toEqual([
      ['add', true],
      ['remove', true],
    ]);
    expect(await bookedAt(LATER, '14:00')).toBe(held - 1);
    expect(await atGate('浙A66Z88', '2026-11-24T14:10:00+08:00')).toMatchObject({ decision: 'deny' });

    const declined = await apply({ date: LATER, plate: '浙A77Z88' });
    await host.call('POST', `/api/visits/${declined.id}/decline`, { reason: '当天外出' });
    expect((await carOf(declined.id)).bookings).toEqual([]);

    // A visitor who came on foot and leaves: the car's unused space is given back.
    const left = await apply({ startsAt: '10:00', endsAt: '12:00', plate: '浙A88Z88' });
    expect((await host.call('POST', `/api/visits/${left.id}/approve`)).json().status).toBe('approved');
    const pass = (await visitor.call('GET', `/api/visits/${left.id}`)).json().pass.code as string;
    expect((await guard.call('POST', '/api/visits/scan', { pass })).json().action).toBe('checked-in');
    t.clock.advance(5 * 60_000);
    try {
      expect((await guard.call('POST', '/api/visits/scan', { pass })).json().action).toBe('checked-out');
    } finally {
      t.clock.advance(-5 * 60_000);
    }
    const out = await carOf(left.id);
    expect(out.bookings.map((b) => b.status)).toEqual(['cancelled']);
    expect(out.changes.map((c) => c.op)).toEqual(['add', 'remove']);
  });

  it('forgets a visitor’s plate in parking when the visit is deleted or purged; a change still to send keeps it until sent', async () => {
    const plainRows = async (plate: string) => {
      const [bookings, events, changes] = await Promise.all(
        (['parking_bookings', 'parking_gate_events', 'parking_gate_changes'] as const).map((table) =>
          t.db.db.selectFrom(table).select('id').where('plate', '=', plate).execute(),
        ),
      );
      return { bookings: bookings.length, events: events.length, changes: changes.length };
    };
    // Deleted by the visitor once cancelled: the plate goes at once (a sent change too).
    const deleted = await apply({ date: LATER, plate: '浙A31Z41' });
    await host.call('POST', `/api/visits/${deleted.id}/approve`);
    await visitor.call('POST', `/api/visits/${deleted.id}/cancel`);
    const sent = (await carOf(deleted.id)).changes[0].id;
    await t.db.db
      .updateTable('parking_gate_changes')
      .set({ sent_at: t.clock.now().toISOString() })
      .where('id', '=', sent)
      .execute();
    expect((await plainRows('浙A31Z41')).bookings).toBe(1);
    expect((await visitor.call('DELETE', `/api/visits/${deleted.id}`)).statusCode).toBe(204);
    const after = await carOf(deleted.id);
    expect(after.bookings.map((b) => b.plate)).toEqual(['浙A***41']);
    expect(after.changes.map((c) => [c.op, c.plate])).toEqual([
      ['add', '浙A***41'],
      ['remove', '浙A31Z41'], // still to send: the gate needs the plate to remove it
    ]);
    // Once sent, the removal forgets it too.
    await t.app.services.outbox.drain();
    expect(await plainRows('浙A31Z41')).toEqual({ bookings: 0, events: 0, changes: 0 });

    // Past the campus's retention (30 days), the purge forgets the plate of a visit that came.
    const came = await apply({ plate: '浙A52Z62' });
    await host.call('POST', `/api/visits/${came.id}/approve`);
    expect(await atGate('浙A52Z62', '2026-11-21T14:05:00+08:00')).toMatchObject({ decision: 'open' });
    expect((await plainRows('浙A52Z62')).events).toBe(1);
    t.clock.advance(32 * 86_400_000);
    try {
      await t.app.services.visitors.purgeExpired();
    } finally {
      t.clock.advance(-32 * 86_400_000);
    }
    await t.app.services.outbox.drain();
    expect(await plainRows('浙A52Z62')).toEqual({ bookings: 0, events: 0, changes: 0 });
    const events = await t.db.db
      .selectFrom('parking_gate_events')
      .select('plate')
      .where('plate', '=', '浙A***62')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('a full visitor lot refuses the approval with its own code and changes nothing; of two at once one gets the space', async () => {
    // The visitor lot with room for one more car at 10:00–11:30 on LATER.
    const slots = (await guard.call('GET', `/api/parking/lots/${LOT}/occupancy?date=${LATER}`)).json().slots as {
      startsAt: string;
      booked: number;
    }[];
    const busiest = Math.max(
      ...slots.filter((s) => s.startsAt >= '09:30' && s.startsAt < '12:00').map((s) => s.booked),
    );
    const capacity = await t.db.db
      .selectFrom('parking_lots')
      .select('capacity')
      .where('id', '=', LOT)
      .executeTakeFirstOrThrow();
    await t.db.db
      .updateTable('parking_lots')
      .set({ capacity: busiest + 1 })
      .where('id', '=', LOT)
      .execute();
    try {
      const a = await apply({ date: LATER, startsAt: '10:00', endsAt: '11:00', plate: '浙A11Z11' });
      const b = await apply({ date: LATER, startsAt: '10:30', endsAt: '11:30', plate: '浙A22Z22' });
      const answers = await Promise.all([a, b].map((v) => host.call('POST', `/api/visits/${v.id}/approve`)));
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const refused = answers.find((r) => r.statusCode === 409)!;
      expectError(refused, 409, 'VISIT_PARKING_FULL');
      const refusedId = answers[0] === refused ? a.id : b.id;
      expect(await t.app.services.visitors.statusOf(refusedId)).toBe('pending');
      expect((await carOf(refusedId)).bookings).toEqual([]);
      const audit = await t.db.db
        .selectFrom('visit_audit')
        .select('action')
        .where('visit_id', '=', refusedId)
        .execute();
      expect(audit.map((r) => r.action)).toEqual(['apply']);
      // The host can still decline, or the visitor come another time.
      expect((await host.call('POST', `/api/visits/${refusedId}/decline`, { reason: '车位已满' })).statusCode).toBe(
        200,
      );
    } finally {
      await t.db.db.updateTable('parking_lots').set({ capacity: capacity.capacity }).where('id', '=', LOT).execute();
    }
  });

  it('refuses a plate that is not a plate by the shared rule, with parking’s code, and keeps none', async () => {
    const visits = async () =>
      Number(
        (
          await t.db.db
            .selectFrom('visits')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await visits();
    for (const plate of ['浙AI2345', '浙A1234', 'ABC', '浙A12345678']) {
      expectError(
        await visitor.call('POST', '/api/visits/applications', {
          hostId: 'demo-staff-01',
          date: TODAY,
          startsAt: '14:00',
          endsAt: '16:00',
          purpose: '商谈',
          visitorName: '赵一鸣',
          visitorPhone: '13712345678',
          plate,
          privacyVersion: PRIVACY,
        }),
        400,
        'PLATE_INVALID',
      );
    }
    expect(await visits()).toBe(n);
  });
});
