import type { Booking, LotRules, ParkingLot } from '@contract/parking.schema';
import { shanghaiInstant } from '@contract/workdays';
import { DomainError } from '../../errors';
import { toInstant } from '../../lib/time';
import type { BookingRecord, LotRow } from './parking.repository';

/** Windows are counted in half hours. */
export const SLOT_MINUTES = 30;

/** 'HH:mm' → minutes after midnight ('24:00' = 1440). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The instant (stored form) of minute `minutes` of `date` in Asia/Shanghai. */
export function instantOf(date: string, minutes: number): Date {
  return new Date(shanghaiInstant(date, '00:00').getTime() + minutes * 60_000);
}

export const onHalfHour = (minutes: number) => minutes % SLOT_MINUTES === 0;

export function rulesOf(row: LotRow): LotRules {
  return {
    kind: row.kind,
    openTime: row.open_time,
    closeTime: row.close_time,
    horizonDays: row.horizon_days,
    workdaysOnly: row.workdays_only === 1,
    bookingOpensAt: row.booking_opens_at,
    cancelDeadlineMinutes: row.cancel_deadline_minutes,
    graceMinutes: row.grace_minutes,
    toleranceMinutes: row.tolerance_minutes,
    perDayLimit: row.per_day_limit,
    perWeekLimit: row.per_week_limit,
  };
}

export const gateOf = (row: Pick<LotRow, 'id' | 'gate_id'>) => row.gate_id ?? `gate-${row.id}`;

/** Spaces bookable at any one instant: the capacity less the standing list's cars. */
export const spacesOf = (row: LotRow & { standing: number }) => Math.max(0, row.capacity - Number(row.standing));

export function toLot(row: LotRow & { standing: number }): ParkingLot {
  return {
    id: row.id,
    name: row.name,
    capacity: row.capacity,
    standingCount: Number(row.standing),
    gateId: gateOf(row),
    ...rulesOf(row),
  };
}

/** Checks a lot's hours: half hours, opening before closing. */
export function checkHours(openTime: string, closeTime: string): void {
  const open = minutesOf(openTime);
  const close = minutesOf(closeTime);
  if (!onHalfHour(open) || !onHalfHour(close) || open >= close) {
    throw new DomainError('PARKING_LOT_RULES_INVALID', 400);
  }
}

export function cancellableUntil(row: BookingRecord, lot: Pick<LotRow, 'cancel_deadline_minutes'>): Date | null {
  if (row.status !== 'booked' && row.status !== 'waitlisted') return null;
  return new Date(new Date(row.starts_at).getTime() - lot.cancel_deadline_minutes * 60_000);
}

export function toBooking(
  row: BookingRecord,
  extra: { position: number | null; cancellableUntil: Date | null },
): Booking {
  return {
    id: row.id,
    lotId: row.lot_id,
    lotName: row.lot_name,
    date: row.date,
    startsAt: timeOf(row.start_min),
    endsAt: timeOf(row.end_min),
    plate: row.plate,
    status: row.status,
    position: extra.position,
    cancellableUntil: extra.cancellableUntil ? toInstant(extra.cancellableUntil) : null,
    createdAt: toInstant(row.created_at),
    enteredAt: row.entered_at ? toInstant(row.entered_at) : null,
    leftAt: row.left_at ? toInstant(row.left_at) : null,
  };
}
