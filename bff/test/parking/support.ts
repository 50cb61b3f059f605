import type { LightMyRequestResponse } from 'fastify';
import type { Booking, ParkingLot } from '@contract/parking.schema';
import { newId } from '../../src/lib/ids';
import type { Caller } from '../support/caller';
import type { TestApp } from '../support/test-app';
import { makePeople } from '../takeaway/support';

/** Monday 2026-11-23 09:00 in Shanghai; the next day is a workday too. */
export const MONDAY_0900 = '2026-11-23T01:00:00.000Z';
export const TODAY = '2026-11-23';
export const TOMORROW = '2026-11-24';

/** A valid plate of its own for person number `i` (浙A00000 …). */
export const plateOf = (i: number, city = 'A') => `浙${city}${String(i).padStart(5, '0')}`;

export async function makeLot(admin: Caller, body: Record<string, unknown>): Promise<ParkingLot> {
  const res = await admin.call('POST', '/api/parking/lots', { name: `测试停车场${newId().slice(0, 4)}`, ...body });
  if (res.statusCode !== 201) throw new Error(`lot: ${res.statusCode} ${res.body}`);
  return res.json().lot;
}

/** A signed-in staff member as a caller (made in bulk for storms). */
export async function staff(t: TestApp, count: number): Promise<(Caller & { id: string })[]> {
  const people = await makePeople(t, count);
  return people.map((p) => ({
    token: p.token,
    id: p.id,
    call: (method, url, payload, headers = {}) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${p.token}`, ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  }));
}

export const book = (who: Caller, body: Record<string, unknown>, key = newId()): Promise<LightMyRequestResponse> =>
  who.call('POST', '/api/parking/bookings', body, { 'idempotency-key': key });

export async function booked(who: Caller, body: Record<string, unknown>): Promise<Booking> {
  const res = await book(who, body);
  if (res.statusCode !== 201) throw new Error(`booking: ${res.statusCode} ${res.body}`);
  return res.json().booking;
}

export function tally(responses: LightMyRequestResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const res of responses) {
    const key =
      res.statusCode === 201 ? res.json().booking.status : (res.json()?.error?.code ?? String(res.statusCode));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The most spaces any half hour of a lot's day holds, by the bookings themselves (not the counter). */
export async function peakHeld(t: TestApp, lotId: string, date: string): Promise<number> {
  const rows = await t.db.db
    .selectFrom('parking_bookings')
    .select(['start_min', 'end_min'])
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('status', 'in', ['booked', 'entered'])
    .execute();
  let peak = 0;
  for (let m = 0; m < 1440; m += 30) {
    peak = Math.max(peak, rows.filter((r) => r.start_min <= m && r.end_min > m).length);
  }
  return peak;
}

/** The slot counters agree with the bookings that hold spaces, for every half hour. */
export async function expectSlotsConsistent(t: TestApp, lotId: string, date: string): Promise<void> {
  const rows = await t.db.db
    .selectFrom('parking_bookings')
    .select(['start_min', 'end_min'])
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .where('status', 'in', ['booked', 'entered'])
    .execute();
  const slots = await t.db.db
    .selectFrom('parking_slots')
    .select(['slot', 'used'])
    .where('lot_id', '=', lotId)
    .where('date', '=', date)
    .execute();
  for (const s of slots) {
    const m = Number(s.slot) * 30;
    expect({ slot: s.slot, used: Number(s.used) }).toEqual({
      slot: s.slot,
      used: rows.filter((r) => r.start_min <= m && r.end_min > m).length,
    });
  }
}
