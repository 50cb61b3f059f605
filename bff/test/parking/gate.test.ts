import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { signedGateHeaders } from '../../src/integrations/gate/gate-signature';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestClock } from '../support/test-clock';
import { dialectUnderTest } from '../support/test-db';
import { startGateFake, type GateFake } from '../fakes/gate-fake';
import { MONDAY_0900, TODAY, TOMORROW, book, booked, makeLot, plateOf, staff } from './support';

jest.setTimeout(120_000);

const SECRET = 'gate-underground-shared-secret';
const GATE = 'gate-underground';
const LOT = 'lot-underground';

let t: TestApp;
let fake: GateFake;
let guard: Caller; // demo-guard-01 马队长
let admin: Caller;

beforeAll(async () => {
  const clock = createTestClock(MONDAY_0900);
  fake = await startGateFake({ gateId: GATE, secret: SECRET, clock });
  // The fake shares the app's clock: the test app gets its own, so keep them together by hand.
  t = await createTestApp({ config: { gates: [{ id: GATE, url: fake.url, secret: SECRET }] } });
  t.clock.set(MONDAY_0900);
  const sync = () => clock.set(t.clock.now().toISOString());
  const advance = t.clock.advance.bind(t.clock);
  const set = t.clock.set.bind(t.clock);
  t.clock.advance = (ms: number) => {
    advance(ms);
    sync();
  };
  t.clock.set = (iso: string) => {
    set(iso);
    sync();
  };
  [guard, admin] = await Promise.all(['demo-guard-01', 'demo-admin-02'].map((id) => caller(t, id)));
  await t.app.services.outbox.drain();
}, 60_000);
beforeEach(() => {
  t.clock.set(MONDAY_0900);
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

/** Runs the outbox after the back-off of every row that failed (the clock moves, no sleeping). */
async function deliverAll() {
  for (let i = 0; i < 12; i++) {
    t.clock.advance(11 * 60_000);
    await t.app.services.outbox.drain();
  }
}

async function signedEvent(
  body: Record<string, unknown>,
  opts: { secret?: string; gateId?: string; nonce?: string; at?: number } = {},
) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: '/api/parking/gate-events',
    headers: {
      'content-type': 'application/json',
      ...signedGateHeaders(
        opts.gateId ?? GATE,
        opts.secret ?? SECRET,
        raw,
        opts.at ?? t.clock.now().getTime(),
        opts.nonce ?? randomUUID(),
      ),
    },
    payload: raw,
  });
}

describe(`the gate's whitelist (${dialectUnderTest()})`, () => {
  it('every booking, cancellation and release reaches the gate once and in order, also when it was down', async () => {
    const base = fake.applied.length;
    fake.down(1000);
    const [a, b, c] = await staff(t, 3);
    const ba = await booked(a, { lotId: LOT, date: TOMORROW, startsAt: '08:00', endsAt: '12:00', plate: plateOf(1) });
    const bb = await booked(b, { lotId: LOT, date: TODAY, startsAt: '09:00', endsAt: '12:00', plate: plateOf(2) });
    await booked(c, { lotId: LOT, date: TOMORROW, plate: plateOf(3) });
    await a.call('POST', `/api/parking/bookings/${ba.id}/cancel`);
    t.clock.set('2026-11-23T01:31:00.000Z'); // 09:31: b never came
    expect((await t.app.services.parking.releaseNoShows()).released).toBeGreaterThanOrEqual(1);
    expect((await b.call('GET', `/api/parking/bookings/${bb.id}`)).json().status).toBe('released');

    await t.app.services.outbox.drain();
    expect(fake.applied.length).toBe(base);
    expect(fake.refused.filter((r) => r === 'down').length).toBeGreaterThan(0);

    fake.down(0);
    await deliverAll();
    const mine = fake.applied.slice(base).filter((ch) => [plateOf(1), plateOf(2), plateOf(3)].includes(ch.plate));
    expect(mine.map((ch) => `${ch.op} ${ch.plate}`)).toEqual([
      `add ${plateOf(1)}`,
      `add ${plateOf(2)}`,
      `add ${plateOf(3)}`,
      `remove ${plateOf(1)}`,
      `remove ${plateOf(2)}`,
    ]);
    expect(fake.whitelist()).toContain(plateOf(3));
    expect(fake.whitelist()).not.toContain(plateOf(1));
    // Each change was received once (no repeats while nothing was lost) and the outbox is empty.
    expect(new Set(fake.received.map((ch) => ch.changeId)).size).toBe(fake.received.length);
    const pending = await t.db.db
      .selectFrom('parking_gate_changes')
      .select('id')
      .where('sent_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
    const undelivered = await t.db.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute();
    expect(undelivered).toEqual([]);
    // The whitelist entry covers the window with the lot's tolerance.
    const add3 = mine.find((ch) => ch.plate === plateOf(3))!;
    expect([add3.validFrom, add3.validTo]).toEqual(['2026-11-23T23:45:00.000+08:00', '2026-11-25T00:15:00.000+08:00']);
    t.clock.set(MONDAY_0900);
  });

  it('a batch whose acknowledgement was lost is sent again and applied once', async () => {
    const [p] = await staff(t, 1);
    const before = fake.applied.length;
    fake.loseAck(1);
    await booked(p, { lotId: LOT, date: TOMORROW, plate: plateOf(11) });
    await t.app.services.outbox.drain();
    await deliverAll();
    const sent = fake.received.filter((ch) => ch.plate === plateOf(11));
    expect(sent.length).toBe(2);
    expect(fake.applied.slice(before).filter((ch) => ch.plate === plateOf(11)).length).toBe(1);
  });
});

describe(`gate events (${dialectUnderTest()})`, () => {
  it('a signed event opens for a booked plate within the tolerance, once per event id', async () => {
    const [p] = await staff(t, 1);
    const b = await booked(p, { lotId: LOT, date: TODAY, startsAt: '10:00', endsAt: '12:00', plate: plateOf(21) });
    const early = await signedEvent({
      gateId: GATE,
      plate: plateOf(21),
      direction: 'in',
      at: '2026-11-23T09:30:00+08:00',
      eventId: 'ev-early',
    });
    expect(early.json()).toMatchObject({ decision: 'deny' });
    expect(early.json().reason).toContain('预约时段未到');
    const event = {
      gateId: GATE,
      plate: plateOf(21),
      direction: 'in',
      at: '2026-11-23T09:50:00+08:00',
      eventId: 'ev-21',
    };
    const first = await signedEvent(event);
    expect(first.json()).toMatchObject({ decision: 'open', booking: { id: b.id, status: 'entered' } });
    const again = await signedEvent(event);
    expect(again.json()).toMatchObject({ decision: 'open', reason: first.json().reason });
    // The same id for another plate or the other way is refused, and changes nothing.
    expectError(await signedEvent({ ...event, plate: plateOf(22) }), 409, 'PARKING_EVENT_ID_REUSED');
    expectError(await signedEvent({ ...event, direction: 'out' }), 409, 'PARKING_EVENT_ID_REUSED');
    const rows = await t.db.db
      .selectFrom('parking_gate_events')
      .select('id')
      .where('event_id', '=', `${GATE}:ev-21`)
      .execute();
    expect(rows).toHaveLength(1);
    expect((await p.call('GET', `/api/parking/bookings/${b.id}`)).json()).toMatchObject({ status: 'entered' });
    // Leaving ends it and takes the plate off the whitelist.
    const out = await signedEvent({
      ...event,
      direction: 'out',
      at: '2026-11-23T11:00:00+08:00',
      eventId: 'ev-21-out',
    });
    expect(out.json()).toMatchObject({ decision: 'open' });
    expect((await p.call('GET', `/api/parking/bookings/${b.id}`)).json()).toMatchObject({ status: 'left' });
    const ops = await t.db.db
      .selectFrom('parking_gate_changes')
      .select('op')
      .where('booking_id', '=', b.id)
      .orderBy('id')
      .execute();
    expect(ops.map((o) => o.op)).toEqual(['add', 'remove']);
  });

  it('a console event is now, by the guard, under the guard’s own id: it cannot take a gate’s event id or be backdated', async () => {
    const [p] = await staff(t, 1);
    const b = await booked(p, { lotId: LOT, date: TODAY, startsAt: '09:00', endsAt: '12:00', plate: plateOf(31) });
    const fromConsole = await guard.call('POST', '/api/parking/gate-events', {
      gateId: GATE,
      plate: plateOf(31),
      direction: 'out',
      at: '2020-01-01T08:00:00+08:00',
      eventId: 'ev-31',
    });
    expect(fromConsole.statusCode).toBe(200);
    const recorded = await t.db.db
      .selectFrom('parking_gate_events')
      .select(['at', 'by_person_id', 'event_id'])
      .where('event_id', 'like', '%ev-31')
      .execute();
    expect(recorded).toEqual([
      { at: expect.anything(), by_person_id: 'demo-guard-01', event_id: 'console:demo-guard-01:ev-31' },
    ]);
    expect(new Date(recorded[0].at).toISOString()).toBe(t.clock.now().toISOString());
    // The gate's own event 31 is decided on its own: the car with its booking comes in.
    const atGate = await signedEvent({
      gateId: GATE,
      plate: plateOf(31),
      direction: 'in',
      at: t.clock.now().toISOString(),
      eventId: 'ev-31',
    });
    expect(atGate.json()).toMatchObject({ decision: 'open', booking: { id: b.id, status: 'entered' } });
  });

  it('refuses an event whose signature does not hold up, changing nothing', async () => {
    const body = {
      gateId: GATE,
      plate: plateOf(31),
      direction: 'in',
      at: '2026-11-23T09:00:00+08:00',
      eventId: 'ev-bad',
    };
    expectError(await signedEvent(body, { secret: 'another-secret-of-16+' }), 401, 'PARKING_GATE_SIGNATURE');
    expectError(await signedEvent(body, { at: t.clock.now().getTime() - 10 * 60_000 }), 401, 'PARKING_GATE_SIGNATURE');
    expectError(await signedEvent(body, { gateId: 'gate-unknown' }), 401, 'PARKING_GATE_SIGNATURE');
    expectError(await signedEvent({ ...body, gateId: 'gate-north' }), 401, 'PARKING_GATE_SIGNATURE');
    expect((await signedEvent(body, { nonce: 'n-1' })).statusCode).toBe(200);
    expectError(await signedEvent({ ...body, eventId: 'ev-bad-2' }, { nonce: 'n-1' }), 401, 'PARKING_GATE_SIGNATURE');
    const unsigned = await t.app.inject({ method: 'POST', url: '/api/parking/gate-events', payload: body });
    expect(unsigned.statusCode).toBe(401);
    const rows = await t.db.db
      .selectFrom('parking_gate_events')
      .select('event_id')
      .where('event_id', 'like', '%ev-bad%')
      .execute();
    expect(rows.map((r) => r.event_id)).toEqual([`${GATE}:ev-bad`]);
  });

  it("the guard's console: expected plates, decisions, manual let-in audited, the feed and occupancy", async () => {
    const lot = await makeLot(admin, { capacity: 10 });
    await admin.call('PUT', `/api/parking/lots/${lot.id}/standing`, { items: [{ plate: '浙A0G009', note: '公务车' }] });
    const [p] = await staff(t, 1);
    await booked(p, { lotId: lot.id, date: TODAY, startsAt: '09:00', endsAt: '18:00', plate: plateOf(41) });
    const expected = (
      await guard.call('GET', `/api/parking/lots/${lot.id}/expected?q=${encodeURIComponent('a000 41')}`)
    ).json();
    expect(expected.items).toEqual([
      expect.objectContaining({ plate: plateOf(41), source: 'booking', holder: '测试员0' }),
    ]);
    const all = (await guard.call('GET', `/api/parking/lots/${lot.id}/expected`)).json();
    expect(all.items.map((i: { source: string }) => i.source).sort()).toEqual(['booking', 'standing']);

    const event = (plate: string, eventId: string) =>
      guard.call('POST', '/api/parking/gate-events', {
        gateId: lot.gateId,
        plate,
        direction: 'in',
        at: '2026-11-23T09:05:00+08:00',
        eventId,
      });
    expect((await event(plateOf(41), 'c-1')).json()).toMatchObject({ decision: 'open' });
    expect((await event('浙A0G009', 'c-2')).json()).toMatchObject({ decision: 'open', reason: '公务车（常备名单）' });
    const stranger = (await event('浙B99999', 'c-3')).json();
    expect(stranger.decision).toBe('deny');
    expect(stranger.reason).toMatch(/无预约/);

    expectError(
      await guard.call('POST', '/api/parking/gate/let-in', { lotId: lot.id, plate: '浙B99999', reason: '  ' }),
      400,
      'PARKING_REASON_BLANK',
    );
    expectError(
      await guard.call('POST', '/api/parking/gate/let-in', { lotId: lot.id, plate: '浙B99999', reason: '送\u0007' }),
      400,
      'TEXT_INVALID_CHARACTERS',
    );
    const manual = await guard.call('POST', '/api/parking/gate/let-in', {
      lotId: lot.id,
      plate: '浙b99999',
      reason: '市领导来访车辆',
    });
    expect(manual.json()).toMatchObject({ decision: 'open', reason: '人工放行：市领导来访车辆' });

    const feed = (await guard.call('GET', `/api/parking/lots/${lot.id}/feed?limit=3`)).json();
    expect(feed.items[0]).toMatchObject({
      plate: '浙B99999',
      manual: true,
      by: '马队长',
      note: '市领导来访车辆',
      decision: 'open',
    });
    expect(feed.items).toHaveLength(3);
    const rest = (await guard.call('GET', `/api/parking/lots/${lot.id}/feed?limit=3&cursor=${feed.nextCursor}`)).json();
    expect(rest).toMatchObject({ items: [expect.objectContaining({ plate: plateOf(41) })], nextCursor: null });

    const occupancy = (await guard.call('GET', `/api/parking/lots/${lot.id}/occupancy`)).json();
    expect(occupancy).toMatchObject({ date: TODAY, spaces: 9, inside: 3 });
    expect(occupancy.slots.find((s: { startsAt: string }) => s.startsAt === '10:00').booked).toBe(1);
    // A guard's gate event for a gate nobody knows.
    expectError(
      await guard.call('POST', '/api/parking/gate-events', {
        gateId: 'gate-x',
        plate: plateOf(41),
        direction: 'in',
        at: '2026-11-23T09:05:00+08:00',
        eventId: 'c-9',
      }),
      400,
      'PARKING_GATE_UNKNOWN',
    );
  });
});

describe(`no-shows and credit (${dialectUnderTest()})`, () => {
  it('three no-shows in 30 days suspend booking for 7 days; the admin sees them and lifts it', async () => {
    const lots = await Promise.all([1, 2, 3, 4].map(() => makeLot(admin, { capacity: 5 })));
    const [p] = await staff(t, 1);
    const released: string[] = [];
    for (const [i, lot] of lots.slice(0, 3).entries()) {
      const b = await booked(p, {
        lotId: lot.id,
        date: TODAY,
        startsAt: '09:00',
        endsAt: '10:00',
        plate: plateOf(50 + i),
      });
      released.push(b.id);
    }
    t.clock.set('2026-11-23T01:31:00.000Z');
    await t.app.services.parking.releaseNoShows();
    expectError(await book(p, { lotId: lots[3].id, date: TOMORROW, plate: plateOf(60) }), 409, 'PARKING_SUSPENDED');
    const titles = (await p.call('GET', '/api/messages')).json().items.map((m: { title: string }) => m.title);
    expect(titles.filter((x: string) => x === '停车预约已释放')).toHaveLength(3);
    expect(titles).toContain('停车预约已暂停');

    const noShows = (await admin.call('GET', '/api/parking/no-shows?limit=3')).json();
    expect(noShows.items).toHaveLength(3);
    expect(noShows.items[0]).toMatchObject({ holder: '测试员0', date: TODAY, startsAt: '09:00' });
    // The three share one release instant: paging two at a time past it yields each exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await admin.call(
        'GET',
        `/api/parking/no-shows?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json().items.map((n: { bookingId: string }) => n.bookingId));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(released));
    const suspensions = (await admin.call('GET', '/api/parking/suspensions')).json().items;
    const mine = suspensions.find((s: { personName: string }) => s.personName === '测试员0');
    expect(mine.until).toBe('2026-11-30T09:31:00.000+08:00');
    expectError(await guard.call('POST', `/api/parking/suspensions/${mine.id}/lift`), 403, 'FORBIDDEN');
    const lifted = await admin.call('POST', `/api/parking/suspensions/${mine.id}/lift`);
    expect(lifted.json().items.map((s: { id: string }) => s.id)).not.toContain(mine.id);
    expectError(
      await admin.call('POST', `/api/parking/suspensions/${mine.id}/lift`),
      404,
      'PARKING_SUSPENSION_NOT_FOUND',
    );
    expect((await book(p, { lotId: lots[3].id, date: TOMORROW, plate: plateOf(60) })).statusCode).toBe(201);
    t.clock.set(MONDAY_0900);
  });

  it('admin changes a lot’s rules; bad rules are refused', async () => {
    const lot = await makeLot(admin, { capacity: 5 });
    const changed = await admin.call('PATCH', `/api/parking/lots/${lot.id}`, {
      capacity: 8,
      bookingOpensAt: '17:00',
      graceMinutes: 15,
    });
    expect(changed.json()).toMatchObject({ capacity: 8, bookingOpensAt: '17:00', graceMinutes: 15 });
    expect(
      (await admin.call('PATCH', `/api/parking/lots/${lot.id}`, { anyHour: true })).json().bookingOpensAt,
    ).toBeNull();
    expectError(
      await admin.call('PATCH', `/api/parking/lots/${lot.id}`, { openTime: '21:00' }),
      400,
      'PARKING_LOT_RULES_INVALID',
    );
    expectError(
      await admin.call('POST', '/api/parking/lots', { name: '\u0001', capacity: 3 }),
      400,
      'TEXT_INVALID_CHARACTERS',
    );
    expectError(
      await admin.call('PATCH', '/api/parking/lots/lot-nowhere', { capacity: 3 }),
      404,
      'PARKING_LOT_NOT_FOUND',
    );
    expectError(
      await admin.call('PUT', `/api/parking/lots/${lot.id}/standing`, { items: [{ plate: '浙AI0000' }] }),
      400,
      'PLATE_INVALID',
    );
  });
});
