import type { Booking } from '@contract/parking.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import {
  MONDAY_0900,
  TODAY,
  TOMORROW,
  book,
  booked,
  expectSlotsConsistent,
  makeLot,
  peakHeld,
  plateOf,
  staff,
  tally,
} from './support';

// Every storm fires its requests at once (Promise.all through inject), then counts.
jest.setTimeout(180_000);

let t: TestApp;
let admin: Caller;
let alice: Caller; // demo-staff-01
let bob: Caller; // demo-staff-02

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY_0900);
  [admin, alice, bob] = await Promise.all(
    ['demo-admin-02', 'demo-staff-01', 'demo-staff-02'].map((id) => caller(t, id)),
  );
}, 60_000);
afterAll(async () => {
  await t.close();
});

const bookingCount = async () =>
  Number(
    (
      await t.db.db
        .selectFrom('parking_bookings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`parking storms and races (${dialectUnderTest()})`, () => {
  it('300 people at once for 100 spaces: exactly 100 booked, the rest refused or waitlisted', async () => {
    const lot = await makeLot(admin, { capacity: 100 });
    const people = await staff(t, 300);
    const responses = await Promise.all(
      people.map((p, i) =>
        book(p, {
          lotId: lot.id,
          date: TOMORROW,
          startsAt: '08:00',
          endsAt: '18:00',
          plate: plateOf(i),
          waitlist: i % 2 === 0,
        }),
      ),
    );
    const counts = tally(responses);
    console.log(`[${dialectUnderTest()}] storm 300 → 100:`, counts);
    expect(counts.booked).toBe(100);
    expect((counts.waitlisted ?? 0) + (counts.PARKING_FULL ?? 0)).toBe(200);
    expect(Object.keys(counts).sort()).toEqual(
      ['PARKING_FULL', 'booked', 'waitlisted'].filter((k) => counts[k]).sort(),
    );
    // Only those who asked for it wait; their positions are 1…n without gaps.
    const waiting = responses.filter((r) => r.statusCode === 201 && r.json().booking.status === 'waitlisted');
    const positions = await Promise.all(
      waiting.map(async (r) => {
        const b: Booking = r.json().booking;
        const again = await people[responses.indexOf(r)].call('GET', `/api/parking/bookings/${b.id}`);
        return again.json().position as number;
      }),
    );
    expect(positions.sort((a, b) => a - b)).toEqual(positions.map((_, i) => i + 1));
    expect(await peakHeld(t, lot.id, TOMORROW)).toBe(100);
    await expectSlotsConsistent(t, lot.id, TOMORROW);
    const availability = (await alice.call('GET', `/api/parking/lots/${lot.id}/availability?date=${TOMORROW}`)).json();
    expect(availability.slots.find((s: { startsAt: string }) => s.startsAt === '12:00').free).toBe(0);
    expect(availability.slots.find((s: { startsAt: string }) => s.startsAt === '07:00').free).toBe(100);
  });

  it('the standing list takes spaces: 5 official cars leave 5 of 10 to book', async () => {
    const lot = await makeLot(admin, { capacity: 10 });
    const put = await admin.call('PUT', `/api/parking/lots/${lot.id}/standing`, {
      items: [1, 2, 3, 4, 5].map((i) => ({ plate: plateOf(90000 + i, 'O'), note: '公务车' })),
    });
    expect(put.statusCode).toBe(200);
    const people = await staff(t, 12);
    const counts = tally(
      await Promise.all(people.map((p, i) => book(p, { lotId: lot.id, date: TOMORROW, plate: plateOf(500 + i) }))),
    );
    expect(counts).toEqual({ booked: 5, PARKING_FULL: 7 });
    expect(await peakHeld(t, lot.id, TOMORROW)).toBe(5);
  });

  it('08:00–12:00 and 12:00–18:00 share one space; 08:00–13:00 and 12:00–18:00 do not', async () => {
    const one = await makeLot(admin, { capacity: 1 });
    const [p1, p2, p3, p4] = await staff(t, 4);
    const fit = await Promise.all([
      book(p1, { lotId: one.id, date: TOMORROW, startsAt: '08:00', endsAt: '12:00', plate: plateOf(601) }),
      book(p2, { lotId: one.id, date: TOMORROW, startsAt: '12:00', endsAt: '18:00', plate: plateOf(602) }),
    ]);
    expect(tally(fit)).toEqual({ booked: 2 });
    const other = await makeLot(admin, { capacity: 1 });
    const clash = await Promise.all([
      book(p3, { lotId: other.id, date: TOMORROW, startsAt: '08:00', endsAt: '13:00', plate: plateOf(603) }),
      book(p4, { lotId: other.id, date: TOMORROW, startsAt: '12:00', endsAt: '18:00', plate: plateOf(604) }),
    ]);
    expect(tally(clash)).toEqual({ booked: 1, PARKING_FULL: 1 });
    await expectSlotsConsistent(t, other.id, TOMORROW);
  });

  it('one plate never holds two overlapping bookings, whoever books it, even at once', async () => {
    const a = await makeLot(admin, { capacity: 50 });
    const b = await makeLot(admin, { capacity: 50 });
    const people = await staff(t, 6);
    const plate = plateOf(777);
    const responses = await Promise.all(
      people.map((p, i) =>
        book(p, { lotId: i % 2 ? a.id : b.id, date: TOMORROW, startsAt: '09:00', endsAt: '17:00', plate }),
      ),
    );
    expect(tally(responses)).toEqual({ booked: 1, PARKING_PLATE_OVERLAP: 5 });
    // Back to back is fine.
    const [later] = await staff(t, 1);
    expect(
      (await booked(later, { lotId: a.id, date: TOMORROW, startsAt: '17:00', endsAt: '19:00', plate })).status,
    ).toBe('booked');
  });

  it('one person cannot pass the per-day and per-week limits, also with requests at once', async () => {
    const lot = await makeLot(admin, { capacity: 50, perDayLimit: 1, perWeekLimit: 2 });
    const [p] = await staff(t, 1);
    const sameDay = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => book(p, { lotId: lot.id, date: TOMORROW, plate: plateOf(800 + i) })),
    );
    expect(tally(sameDay)).toEqual({ booked: 1, PARKING_DAY_LIMIT: 4 });
    const week = await Promise.all(
      ['2026-11-25', '2026-11-26', '2026-11-27'].map((date, i) =>
        book(p, { lotId: lot.id, date, plate: plateOf(810 + i) }),
      ),
    );
    expect(tally(week)).toEqual({ booked: 1, PARKING_WEEK_LIMIT: 2 });
  });

  it('a cancellation, a no-show release and promotions at once: each freed space goes to exactly one waiting person', async () => {
    const lot = await makeLot(admin, { capacity: 2, graceMinutes: 30 });
    const [early, late, w1, w2, w3] = await staff(t, 5);
    // `early` holds 09:00–18:00 from now (release due 09:30); `late` holds 14:00–18:00 (cancellable until 14:00).
    const e = await booked(early, {
      lotId: lot.id,
      date: TODAY,
      startsAt: '09:00',
      endsAt: '18:00',
      plate: plateOf(901),
    });
    const l = await booked(late, {
      lotId: lot.id,
      date: TODAY,
      startsAt: '14:00',
      endsAt: '18:00',
      plate: plateOf(902),
    });
    const waiters = [];
    for (const [i, w] of [w1, w2, w3].entries()) {
      waiters.push(
        await booked(w, {
          lotId: lot.id,
          date: TODAY,
          startsAt: '14:00',
          endsAt: '18:00',
          plate: plateOf(903 + i),
          waitlist: true,
        }),
      );
    }
    expect(waiters.map((w) => [w.status, w.position])).toEqual([
      ['waitlisted', 1],
      ['waitlisted', 2],
      ['waitlisted', 3],
    ]);
    t.clock.set('2026-11-23T01:31:00.000Z'); // 09:31
    const { parking } = t.app.services;
    const outcomes = await Promise.all([
      late.call('POST', `/api/parking/bookings/${l.id}/cancel`).then((r) => r.statusCode),
      parking.releaseNoShows(),
      parking.bookings.promote(lot.id, TODAY),
      parking.bookings.promote(lot.id, TODAY),
      parking.releaseNoShows(),
    ]);
    // Every part answered (a 500 would mean a freed space whose promotion failed).
    expect(outcomes[0]).toBe(200);
    const status = async (who: Caller, id: string) => (await who.call('GET', `/api/parking/bookings/${id}`)).json();
    expect((await status(early, e.id)).status).toBe('released');
    expect((await status(late, l.id)).status).toBe('cancelled');
    expect([(await status(w1, waiters[0].id)).status, (await status(w2, waiters[1].id)).status]).toEqual([
      'booked',
      'booked',
    ]);
    expect(await status(w3, waiters[2].id)).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await peakHeld(t, lot.id, TODAY)).toBe(2);
    await expectSlotsConsistent(t, lot.id, TODAY);
    const told = await t.db.db
      .selectFrom('messages')
      .select(['person_id', 'subject_id'])
      .where('title', '=', '停车候补成功')
      .where('person_id', 'in', [w1.id, w2.id, w3.id])
      .execute();
    expect(told.map((m) => m.person_id).sort()).toEqual([w1.id, w2.id].sort());
    expect(told.map((m) => m.subject_id).sort()).toEqual([waiters[0].id, waiters[1].id].sort());
    t.clock.set(MONDAY_0900);
  });

  it('two cancellations at once with one person waiting: booked once, the other space stays free', async () => {
    const lot = await makeLot(admin, { capacity: 2 });
    const [a, b, w] = await staff(t, 3);
    const ba = await booked(a, { lotId: lot.id, date: TOMORROW, plate: plateOf(921) });
    const bb = await booked(b, { lotId: lot.id, date: TOMORROW, plate: plateOf(922) });
    const bw = await booked(w, { lotId: lot.id, date: TOMORROW, plate: plateOf(923), waitlist: true });
    expect(bw.status).toBe('waitlisted');
    await Promise.all([
      a.call('POST', `/api/parking/bookings/${ba.id}/cancel`),
      b.call('POST', `/api/parking/bookings/${bb.id}/cancel`),
      t.app.services.parking.bookings.promote(lot.id, TOMORROW),
    ]);
    expect((await w.call('GET', `/api/parking/bookings/${bw.id}`)).json().status).toBe('booked');
    const free = (await w.call('GET', `/api/parking/lots/${lot.id}/availability?date=${TOMORROW}`)).json().freeAllDay;
    expect(free).toBe(1);
    await expectSlotsConsistent(t, lot.id, TOMORROW);
  });

  it('a cancelled space goes to the one already waiting, never to a booking that arrives at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const lot = await makeLot(admin, { capacity: 1 });
      const [a, w, ...others] = await staff(t, 7);
      const ba = await booked(a, { lotId: lot.id, date: TOMORROW, plate: plateOf(930 + round * 10) });
      const bw = await booked(w, { lotId: lot.id, date: TOMORROW, plate: plateOf(931 + round * 10), waitlist: true });
      expect(bw.status).toBe('waitlisted');
      // Ready to wait, so they go straight to the write: a booking that finds the space free takes it.
      // (On PostgreSQL, with the promotion in a transaction after the cancel's, some did; SQLite's
      // one connection happened to order them before the cancel or after the promotion.)
      const [cancelled, ...arrivals] = await Promise.all([
        a.call('POST', `/api/parking/bookings/${ba.id}/cancel`),
        ...others.map((o, i) =>
          book(o, { lotId: lot.id, date: TOMORROW, plate: plateOf(932 + round * 10 + i), waitlist: true }),
        ),
      ]);
      expect(cancelled.statusCode).toBe(200);
      expect(tally(arrivals)).toEqual({ waitlisted: others.length });
      expect((await w.call('GET', `/api/parking/bookings/${bw.id}`)).json().status).toBe('booked');
      expect(await peakHeld(t, lot.id, TOMORROW)).toBe(1);
      await expectSlotsConsistent(t, lot.id, TOMORROW);
    }
  });
});

describe('booking rules', () => {
  it('a lot given only a name and a capacity: workdays 07:00–20:00, 7 days ahead, at any hour', async () => {
    const lot = await makeLot(admin, { capacity: 20 });
    expect(lot).toMatchObject({
      capacity: 20,
      kind: 'staff',
      openTime: '07:00',
      closeTime: '20:00',
      horizonDays: 7,
      workdaysOnly: true,
      bookingOpensAt: null,
      standingCount: 0,
    });
    const b = await booked(alice, { lotId: lot.id, date: TOMORROW, plate: '浙a 12345' });
    expect(b).toMatchObject({
      status: 'booked',
      startsAt: '07:00',
      endsAt: '20:00',
      plate: '浙A12345',
      position: null,
    });
  });

  it('refuses bad input each with its own code, and changes nothing', async () => {
    const lot = await makeLot(admin, { capacity: 5, bookingOpensAt: '17:00' });
    const open = await makeLot(admin, { capacity: 5 });
    const [p] = await staff(t, 1);
    const before = await bookingCount();
    const base = { lotId: open.id, date: TOMORROW, startsAt: '08:00', endsAt: '12:00', plate: plateOf(1001) };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ date: '2026-11-20' }, 400, 'PARKING_DATE_PAST'],
      [{ date: '2026-02-30' }, 400, 'INVALID_DATE'],
      [{ date: TODAY, startsAt: '07:00', endsAt: '08:30' }, 400, 'PARKING_DATE_PAST'],
      [{ date: '2026-12-04' }, 400, 'PARKING_BEYOND_HORIZON'],
      [{ date: '2026-11-28' }, 400, 'PARKING_NOT_WORKDAY'],
      [{ lotId: lot.id }, 400, 'PARKING_NOT_OPEN_YET'],
      [{ startsAt: '12:00', endsAt: '08:00' }, 400, 'PARKING_WINDOW_INVALID'],
      [{ startsAt: '08:15' }, 400, 'PARKING_WINDOW_INVALID'],
      [{ startsAt: '06:00' }, 400, 'PARKING_OUTSIDE_HOURS'],
      [{ endsAt: '21:00' }, 400, 'PARKING_OUTSIDE_HOURS'],
      [{ lotId: 'lot-nowhere' }, 404, 'PARKING_LOT_NOT_FOUND'],
      [{ lotId: 'lot-north' }, 400, 'PARKING_LOT_NOT_BOOKABLE'],
      [{ plate: '浙AI2345' }, 400, 'PLATE_INVALID'],
      [{ plate: '浙A1234' }, 400, 'PLATE_INVALID'],
      [{ plate: 'zhe a i2345' }, 400, 'PLATE_INVALID'],
    ];
    for (const [change, status, code] of cases) {
      expectError(await book(p, { ...base, ...change }), status, code);
    }
    // A number is not a time.
    expect((await book(p, { ...base, startsAt: 800 })).statusCode).toBe(400);
    expectError(await p.call('POST', '/api/parking/bookings', base), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    expect(await bookingCount()).toBe(before);
    // 17:00 the day before, tomorrow's spaces open.
    t.clock.set('2026-11-23T09:00:00.000Z');
    expect((await booked(p, { ...base, lotId: lot.id })).status).toBe('booked');
    t.clock.set(MONDAY_0900);
  });

  it('the same Idempotency-Key gives the same booking; reused for another request it is refused', async () => {
    const lot = await makeLot(admin, { capacity: 5 });
    const [p] = await staff(t, 1);
    const body = { lotId: lot.id, date: TOMORROW, plate: plateOf(1101) };
    const [first, again] = await Promise.all([book(p, body, 'key-1'), book(p, body, 'key-1')]);
    expect(first.json().booking.id).toBe(again.json().booking.id);
    expectError(await book(p, { ...body, startsAt: '08:00', endsAt: '09:00' }, 'key-1'), 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('full lot → waiting list with a position → the first cancels → the second is booked and told in 消息', async () => {
    const lot = await makeLot(admin, { capacity: 1 });
    const first = await booked(alice, { lotId: lot.id, date: TOMORROW, plate: '浙AD12345' });
    expectError(await book(bob, { lotId: lot.id, date: TOMORROW, plate: '浙AB2468' }), 409, 'PARKING_FULL');
    const waiting = await booked(bob, { lotId: lot.id, date: TOMORROW, plate: '浙AB2468', waitlist: true });
    expect(waiting).toMatchObject({ status: 'waitlisted', position: 1 });
    const cancelled = await alice.call('POST', `/api/parking/bookings/${first.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancellableUntil: null });
    expect((await bob.call('GET', `/api/parking/bookings/${waiting.id}`)).json()).toMatchObject({
      status: 'booked',
      position: null,
    });
    const inbox = (await bob.call('GET', '/api/messages')).json();
    const told = inbox.items.find((m: { title: string }) => m.title === '停车候补成功');
    expect(told.body).toContain('浙AB2468');
    expect(told.subject).toEqual({ kind: 'parking-booking', id: waiting.id });
    expectError(await alice.call('POST', `/api/parking/bookings/${first.id}/cancel`), 409, 'PARKING_NOT_CANCELLABLE');
  });

  it('cancel closes at the lot’s deadline', async () => {
    const lot = await makeLot(admin, { capacity: 5, cancelDeadlineMinutes: 120 });
    const [p] = await staff(t, 1);
    const b = await booked(p, { lotId: lot.id, date: TODAY, startsAt: '10:30', endsAt: '12:00', plate: plateOf(1201) });
    expect(b.cancellableUntil).toBe('2026-11-23T08:30:00.000+08:00');
    expectError(await p.call('POST', `/api/parking/bookings/${b.id}/cancel`), 409, 'PARKING_CANCEL_CLOSED');
    expect((await p.call('GET', `/api/parking/bookings/${b.id}`)).json().status).toBe('booked');
  });

  it("nobody reads or cancels another person's booking, and lists stay one's own", async () => {
    const lot = await makeLot(admin, { capacity: 5 });
    const [owner, stranger] = await staff(t, 2);
    const b = await booked(owner, { lotId: lot.id, date: TOMORROW, plate: plateOf(1301) });
    for (const who of [stranger, admin]) {
      expectError(
        await who.call('GET', `/api/parking/bookings/${b.id}`),
        who === admin ? 403 : 404,
        who === admin ? 'FORBIDDEN' : 'PARKING_BOOKING_NOT_FOUND',
      );
    }
    expectError(await stranger.call('POST', `/api/parking/bookings/${b.id}/cancel`), 404, 'PARKING_BOOKING_NOT_FOUND');
    expect((await stranger.call('GET', '/api/parking/bookings')).json().items).toEqual([]);
    expect((await owner.call('GET', `/api/parking/bookings/${b.id}`)).json().status).toBe('booked');
    // Staff do not run the gate or the lots.
    expectError(
      await stranger.call('POST', '/api/parking/gate-events', {
        gateId: 'gate-underground',
        plate: plateOf(1301),
        direction: 'in',
        at: '2026-11-24T09:00:00+08:00',
        eventId: 'x1',
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await stranger.call('POST', '/api/parking/lots', { name: '私设', capacity: 3 }), 403, 'FORBIDDEN');
    expectError(await stranger.call('GET', `/api/parking/lots/${lot.id}/expected`), 403, 'FORBIDDEN');
  });

  it('my bookings page by cursor, newest first', async () => {
    const lots = await Promise.all([1, 2, 3].map(() => makeLot(admin, { capacity: 5 })));
    const [p] = await staff(t, 1);
    const ids: string[] = [];
    for (const [i, lot] of lots.entries()) {
      ids.push((await booked(p, { lotId: lot.id, date: TOMORROW, plate: plateOf(1400 + i) })).id);
      t.clock.advance(1000);
    }
    const first = (await p.call('GET', '/api/parking/bookings?limit=2')).json();
    expect(first.items.map((b: Booking) => b.id)).toEqual([ids[2], ids[1]]);
    const second = (await p.call('GET', `/api/parking/bookings?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expectError(await p.call('GET', '/api/parking/bookings?cursor=bm9wZQ'), 400, 'CURSOR_INVALID');
    t.clock.set(MONDAY_0900);
  });

  it('my cars: up to three plates, normalised', async () => {
    const [p] = await staff(t, 1);
    const add = (plate: string) => p.call('POST', '/api/parking/cars', { plate });
    expect((await add('浙ａd１２３４５')).json().items.map((c: { plate: string }) => c.plate)).toEqual(['浙AD12345']);
    expectError(await add('浙AI2345'), 400, 'PLATE_INVALID');
    await add('浙A11111');
    await add('浙A22222');
    expectError(await add('浙A33333'), 409, 'PARKING_CARS_LIMIT');
    expect((await p.call('DELETE', `/api/parking/cars/${encodeURIComponent('浙A11111')}`)).json().items).toHaveLength(
      2,
    );
    expectError(
      await p.call('DELETE', `/api/parking/cars/${encodeURIComponent('浙A11111')}`),
      404,
      'PARKING_CAR_NOT_FOUND',
    );
  });
});
