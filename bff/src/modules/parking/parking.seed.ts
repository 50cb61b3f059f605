import type { Kysely } from 'kysely';
import { addDays, shanghaiDate } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { toStored, type Clock } from '../../lib/time';
import { ensureSlots, takeSlots } from './parking.repository';
import { SLOT_MINUTES, instantOf } from './parking.rules';
import type { BookingRow, BookingStatus } from './parking.table';

/** The staff lot and the visitor lot of the demo (the foundation seed made both lots). */
export const DEMO_STAFF_LOT = 'lot-underground';
export const DEMO_VISITOR_LOT = 'lot-north';

/** Saved plates of demo people: everyone who tries 停车预约 has a car ready. */
export const DEMO_CARS = [
  { personId: 'demo-staff-01', plate: '浙A12345' },
  { personId: 'demo-staff-01', plate: '浙AD12345' },
  { personId: 'demo-staff-02', plate: '浙AB2468' },
  { personId: 'demo-staff-03', plate: '浙A5C789' },
  { personId: 'demo-staff-04', plate: '浙A13579' },
  { personId: 'demo-staff-05', plate: '浙AF66666' },
  { personId: 'demo-admin-01', plate: '浙A8G888' },
  { personId: 'demo-multi-01', plate: '浙A2M520' },
] as const;

const STANDING = [
  { plate: '浙A0G001', note: '公务车 · 市机关事务管理局' },
  { plate: '浙A0G002', note: '公务车 · 市发展和改革委员会' },
  { plate: '浙A0G003', note: '公务车 · 应急保障' },
];

async function seedBooking(
  db: Kysely<Database>,
  b: {
    id: string;
    lot: string;
    person: string | null;
    visit?: string;
    plate: string;
    date: string;
    start: number;
    end: number;
    status: BookingStatus;
    at: string;
  },
  spaces: number,
): Promise<void> {
  const row: BookingRow = {
    id: b.id,
    lot_id: b.lot,
    person_id: b.person,
    visit_id: b.visit ?? null,
    plate: b.plate,
    date: b.date,
    start_min: b.start,
    end_min: b.end,
    starts_at: toStored(instantOf(b.date, b.start)),
    ends_at: toStored(instantOf(b.date, b.end)),
    status: b.status,
    idempotency_key: null,
    release_due_at: null,
    created_at: b.at,
    updated_at: b.at,
    entered_at: b.status === 'entered' ? b.at : null,
    left_at: null,
    cancelled_at: null,
    released_at: b.status === 'released' ? b.at : null,
  };
  const result = await db
    .insertInto('parking_bookings')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  // Spaces are counted only for a row this run wrote, so a restart never counts one twice.
  if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return;
  if (b.status !== 'booked' && b.status !== 'entered') return;
  await ensureSlots(db, b.lot, b.date);
  await takeSlots(db, b.lot, b.date, b.start / SLOT_MINUTES, b.end / SLOT_MINUTES, spaces);
}

/**
 * The parking demo, idempotent. The demo lots take bookings every day around the clock (00:00–24:00,
 * workdays or not), so every role can be tried at any hour of any day; a lot made by an admin gets
 * the real defaults. Today: one car inside, a visitor's car expected, the standing list; in the
 * past: three no-shows and the suspension they caused (for 管理员 to see and lift).
 */
export async function seedParkingDemo(db: Kysely<Database>, clock: Clock): Promise<void> {
  const now = clock.now();
  const at = toStored(now);
  const today = shanghaiDate(now);
  const lots = await db
    .selectFrom('parking_lots')
    .select(['id', 'created_at'])
    .where('id', 'in', [DEMO_STAFF_LOT, DEMO_VISITOR_LOT])
    .execute();
  if (lots.length < 2) return;
  for (const [id, kind, gate] of [
    [DEMO_STAFF_LOT, 'staff', 'gate-underground'],
    [DEMO_VISITOR_LOT, 'visitor', 'gate-north'],
  ] as const) {
    await db
      .updateTable('parking_lots')
      .set({ kind, gate_id: gate, open_time: '00:00', close_time: '24:00', workdays_only: 0 })
      .where('id', '=', id)
      .where('gate_id', 'is', null)
      .execute();
    await db
      .updateTable('parking_lots')
      .set({ created_at: at })
      .where('id', '=', id)
      .where('created_at', 'is', null)
      .execute();
  }
  await db
    .insertInto('parking_standing')
    .values(STANDING.map((s) => ({ lot_id: DEMO_STAFF_LOT, plate: s.plate, note: s.note, created_at: at })))
    .onConflict((oc) => oc.columns(['lot_id', 'plate']).doNothing())
    .execute();
  const people = new Set((await db.selectFrom('people').select('id').execute()).map((p) => p.id));
  const cars = DEMO_CARS.filter((c) => people.has(c.personId));
  if (cars.length > 0) {
    await db
      .insertInto('parking_cars')
      .values(cars.map((c) => ({ person_id: c.personId, plate: c.plate, created_at: at })))
      .onConflict((oc) => oc.columns(['person_id', 'plate']).doNothing())
      .execute();
  }
  const staffLot = await db
    .selectFrom('parking_lots')
    .select('capacity')
    .where('id', '=', DEMO_STAFF_LOT)
    .executeTakeFirstOrThrow();
  const spaces = staffLot.capacity - STANDING.length;
  if (people.has('demo-staff-03')) {
    await seedBooking(
      db,
      {
        id: `seed-${today}-inside`,
        lot: DEMO_STAFF_LOT,
        person: 'demo-staff-03',
        plate: '浙A5C789',
        date: today,
        start: 0,
        end: 1440,
        status: 'entered',
        at,
      },
      spaces,
    );
  }
  await seedBooking(
    db,
    {
      id: `seed-${today}-visitor`,
      lot: DEMO_VISITOR_LOT,
      person: null,
      visit: 'demo-visit',
      plate: '浙B7K520',
      date: today,
      start: 0,
      end: 1440,
      status: 'booked',
      at,
    },
    120,
  );
  if (people.has('demo-staff-07')) {
    for (const daysAgo of [3, 9, 16]) {
      const date = addDays(today, -daysAgo);
      await seedBooking(
        db,
        {
          id: `seed-${date}-noshow`,
          lot: DEMO_STAFF_LOT,
          person: 'demo-staff-07',
          plate: '浙A7N007',
          date,
          start: 8 * 60,
          end: 18 * 60,
          status: 'released',
          at: toStored(instantOf(date, 8 * 60 + 30)),
        },
        spaces,
      );
    }
    // One suspension at a time: a lifted one comes back the next day the demo starts, not twice.
    const active = await db
      .selectFrom('parking_suspensions')
      .select('id')
      .where('person_id', '=', 'demo-staff-07')
      .where('ends_at', '>', at)
      .executeTakeFirst();
    if (!active) {
      await db
        .insertInto('parking_suspensions')
        .values({
          id: `seed-${today}-suspension`,
          person_id: 'demo-staff-07',
          starts_at: toStored(instantOf(addDays(today, -3), 8 * 60 + 30)),
          ends_at: toStored(instantOf(addDays(today, 4), 8 * 60 + 30)),
          lifted_at: null,
          lifted_by: null,
          created_at: at,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }
}
