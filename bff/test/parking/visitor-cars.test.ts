import { transactionWithRetry } from '../../src/lib/retry-transaction';
import { caller, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';

// The face the visitors module uses: services.parking.whitelistVisitorCar / removeVisitorCar.
let t: TestApp;
let guard: Caller;

beforeAll(async () => {
  t = await createTestApp();
  // Monday 2026-11-23, 09:00 in Shanghai.
  t.clock.set('2026-11-23T01:00:00.000Z');
  guard = await caller(t, 'demo-guard-01');
}, 60_000);
afterAll(async () => {
  await t.close();
});

const gateChanges = (bookingId: string) =>
  t.db.db
    .selectFrom('parking_gate_changes')
    .select(['op', 'plate', 'gate_id'])
    .where('booking_id', '=', bookingId)
    .orderBy('id')
    .execute();

describe('visitor cars through the parking face', () => {
  it('gives a visit a space in the visitor lot, whitelists the plate and lets it in at the gate', async () => {
    const { parking } = t.app.services;
    // Another campus's visitor lot, older than ours: a visit here never takes a space there.
    const north = await t.db.db
      .selectFrom('parking_lots')
      .selectAll()
      .where('id', '=', 'lot-north')
      .executeTakeFirstOrThrow();
    await t.db.db.insertInto('campuses').values({ id: 'campus-other', name: '另一园区', address: '杭州' }).execute();
    await t.db.db
      .insertInto('parking_lots')
      .values({ ...north, id: 'lot-other-visitors', campus_id: 'campus-other', created_at: '2000-01-01T00:00:00.000Z' })
      .execute();
    const car = await transactionWithRetry(t.db.db, (trx) =>
      parking.whitelistVisitorCar(trx, {
        visitId: 'visit-1',
        campusId: 'campus-smzx',
        plate: '浙b 12345',
        validFrom: '2026-11-23T09:10:00+08:00',
        validTo: '2026-11-23T11:00:00+08:00',
      }),
    );
    expect(car).toMatchObject({ plate: '浙B12345', lotId: 'lot-north' });
    expect(await gateChanges(car.bookingId)).toEqual([{ op: 'add', plate: '浙B12345', gate_id: 'gate-north' }]);

    const expected = await guard.call('GET', '/api/parking/lots/lot-north/expected?q=B123');
    expect(expected.json().items).toEqual([
      expect.objectContaining({ plate: '浙B12345', source: 'visitor', startsAt: '09:00', endsAt: '11:00' }),
    ]);
    const entry = await guard.call('POST', '/api/parking/gate-events', {
      gateId: 'gate-north',
      plate: '浙B12345',
      direction: 'in',
      at: '2026-11-23T09:20:00+08:00',
      eventId: 'visit-1-in',
    });
    expect(entry.json()).toMatchObject({ decision: 'open' });
  });

  it('takes the car off the whitelist and frees its space when the visit is cancelled', async () => {
    const { parking } = t.app.services;
    const car = await transactionWithRetry(t.db.db, (trx) =>
      parking.whitelistVisitorCar(trx, {
        visitId: 'visit-2',
        campusId: 'campus-smzx',
        plate: '浙A66Z88',
        lotId: 'lot-north',
        validFrom: '2026-11-23T14:00:00+08:00',
        validTo: '2026-11-23T15:00:00+08:00',
      }),
    );
    const before = (await guard.call('GET', '/api/parking/lots/lot-north/occupancy?date=2026-11-23')).json();
    expect(await transactionWithRetry(t.db.db, (trx) => parking.removeVisitorCar(trx, 'visit-2'))).toBe(1);
    expect(await transactionWithRetry(t.db.db, (trx) => parking.removeVisitorCar(trx, 'visit-2'))).toBe(0);
    const after = (await guard.call('GET', '/api/parking/lots/lot-north/occupancy?date=2026-11-23')).json();
    const at14 = (o: { slots: { startsAt: string; booked: number }[] }) =>
      o.slots.find((s) => s.startsAt === '14:00')?.booked;
    expect(at14(after)).toBe((at14(before) ?? 0) - 1);
    expect((await gateChanges(car.bookingId)).map((c) => c.op)).toEqual(['add', 'remove']);
  });

  it('refuses a plate that is not a plate, and writes nothing', async () => {
    const { parking } = t.app.services;
    await expect(
      transactionWithRetry(t.db.db, (trx) =>
        parking.whitelistVisitorCar(trx, {
          visitId: 'visit-3',
          campusId: 'campus-smzx',
          plate: '浙AI2345',
          validFrom: '2026-11-23T14:00:00+08:00',
          validTo: '2026-11-23T15:00:00+08:00',
        }),
      ),
    ).rejects.toMatchObject({ code: 'PLATE_INVALID' });
    const rows = await t.db.db.selectFrom('parking_bookings').select('id').where('visit_id', '=', 'visit-3').execute();
    expect(rows).toEqual([]);
  });
});
