import type { Kysely } from 'kysely';
import type { Availability, Booking, BookingPage, CarList, NewBooking } from '@contract/parking.schema';
import { NO_SHOW_LIMIT, NO_SHOW_WINDOW_DAYS, PARKING_CARS_MAX, SUSPENSION_DAYS } from '@contract/parking.schema';
import { monthDayText } from '@contract/date-words';
import { parsePlate } from '@contract/plate';
import { addDays, calendarKnows, daysBetween, isWorkday, mondayOf, shanghaiDate } from '@contract/workdays';
import type { PageQuery } from '@contract/page.schema';
import type { Database } from '../../db/schema';
import { DomainError, conflict, notFound } from '../../errors';
import { newSortableId } from '../../lib/ids';
import { requireDate } from '../../lib/date-params';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { MessagesService } from '../messages';
import {
  activeSuspension,
  bookingsOfVisit,
  countPersonBookings,
  daysWithWaiting,
  deleteCar,
  dueReleases,
  ensureSlots,
  expireWaiting,
  findBooking,
  findByIdempotencyKey,
  findLot,
  freeSlots,
  insertBooking,
  insertCar,
  insertSuspension,
  listCars,
  listLots,
  listMine,
  maskVisitorPlates,
  moveBooking,
  noShowsSince,
  plateOverlaps,
  positionOf,
  slotUsage,
  slotsHaveRoom,
  takeLock,
  takeSlots,
  waiting,
  type BookingRecord,
  type LotRow,
} from './parking.repository';
import {
  SLOT_MINUTES,
  cancellableUntil,
  gateOf,
  instantOf,
  minutesOf,
  onHalfHour,
  spacesOf,
  timeOf,
  toBooking,
} from './parking.rules';
import type { BookingRow } from './parking.table';
import { queueWhitelist } from './whitelist';

type Lot = LotRow & { standing: number };
const MINE = 'parking-mine';
const DAY_MS = 86_400_000;

/** A window's slot rows were taken by someone else between our check and our write: run again. */
class SlotRaceLost extends Error {}

export const plateOrRefuse = (input: string): string => {
  const plate = parsePlate(input);
  if (!plate) throw new DomainError('PLATE_INVALID', 400);
  return plate;
};

export interface VisitorCar {
  /** The visit (visitors module) the car belongs to; one visit, one car. */
  visitId: string;
  plate: string;
  /** The visit's campus: its first visitor lot takes the car (unless `lotId` names one). */
  campusId: string;
  lotId?: string;
  /** Instants (ISO): the window is widened to whole half hours, within one Shanghai day. */
  validFrom: string;
  validTo: string;
}

export function createBookingsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  messages: Pick<MessagesService, 'send'>;
}) {
  const { db, clock, messages } = deps;
  const now = () => clock.now();

  async function lotOrRefuse(trx: Kysely<Database>, lotId: string): Promise<Lot> {
    const lot = await findLot(trx, lotId);
    if (!lot) throw notFound('PARKING_LOT_NOT_FOUND');
    return lot;
  }

  /** The date's refusal for a lot at `at`, or undefined when it takes bookings. */
  function dateRefusal(lot: Lot, date: string, at: Date): string | undefined {
    const today = shanghaiDate(at);
    if (date < today) return 'PARKING_DATE_PAST';
    if (daysBetween(today, date) > lot.horizon_days) return 'PARKING_BEYOND_HORIZON';
    if (!calendarKnows(date)) return 'CALENDAR_UNAVAILABLE';
    if (lot.workdays_only === 1 && !isWorkday(date)) return 'PARKING_NOT_WORKDAY';
    if (lot.booking_opens_at && date > today) {
      const opens = instantOf(addDays(date, -1), minutesOf(lot.booking_opens_at));
      if (at < opens) return 'PARKING_NOT_OPEN_YET';
    }
    return undefined;
  }

  function refuseDate(lot: Lot, date: string, at: Date): void {
    const code = dateRefusal(lot, date, at);
    if (!code) return;
    throw new DomainError(code as 'PARKING_DATE_PAST', code === 'CALENDAR_UNAVAILABLE' ? 409 : 400);
  }

  /** The window in minutes, checked against the lot's hours; the lot's whole day by default. */
  function windowOf(lot: Lot, date: string, input: { startsAt?: string; endsAt?: string }, at: Date) {
    const start = minutesOf(input.startsAt ?? lot.open_time);
    const end = minutesOf(input.endsAt ?? lot.close_time);
    if (!onHalfHour(start) || !onHalfHour(end) || end <= start) throw new DomainError('PARKING_WINDOW_INVALID', 400);
    if (start < minutesOf(lot.open_time) || end > minutesOf(lot.close_time)) {
      throw new DomainError('PARKING_OUTSIDE_HOURS', 400);
    }
    if (instantOf(date, end) <= at) throw new DomainError('PARKING_DATE_PAST', 400);
    return { start, end };
  }

  /** When a booking made at `at` is released if its car has not come: its start (or now) + grace. */
  const releaseDue = (startsAt: Date, lot: Lot, at: Date) =>
    toStored(new Date(Math.max(startsAt.getTime(), at.getTime()) + lot.grace_minutes * 60_000));

  /**
   * Takes a space in every half hour of [start, end) (conditional write), or answers false when a
   * slot is already full (nothing written). A partial take (another transaction took the last
   * space of some slot between the read and the write) throws SlotRaceLost: the transaction rolls
   * back and runs again.
   */
  async function takeSpace(trx: Kysely<Database>, lot: Lot, date: string, start: number, end: number) {
    const from = start / SLOT_MINUTES;
    const to = end / SLOT_MINUTES;
    const spaces = spacesOf(lot);
    await ensureSlots(trx, lot.id, date);
    if (!(await slotsHaveRoom(trx, lot.id, date, from, to, spaces))) return false;
    if ((await takeSlots(trx, lot.id, date, from, to, spaces)) !== to - from) throw new SlotRaceLost();
    return true;
  }

  const giveBack = (trx: Kysely<Database>, b: Pick<BookingRow, 'lot_id' | 'date' | 'start_min' | 'end_min'>) =>
    freeSlots(trx, b.lot_id, b.date, b.start_min / SLOT_MINUTES, b.end_min / SLOT_MINUTES);

  async function withRaceRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof SlotRaceLost) || attempt >= 20) throw error;
      }
    }
  }

  async function present(row: BookingRecord, lot?: Lot): Promise<Booking> {
    const l = lot ?? (await lotOrRefuse(db, row.lot_id));
    return toBooking(row, {
      position: row.status === 'waitlisted' ? await positionOf(db, row) : null,
      cancellableUntil: cancellableUntil(row, l),
    });
  }

  async function mine(person: Person, id: string): Promise<BookingRecord> {
    const row = await findBooking(db, id);
    if (!row || row.person_id !== person.id) throw notFound('PARKING_BOOKING_NOT_FOUND');
    return row;
  }

  /**
   * Books the first waiting person of a lot's day who now fits, in the caller's transaction, which
   * must hold the day's promotion lock (`lockPromotions`); each is told in 消息. Every waiter is
   * judged against one reading of the half hours, so a waiter is never passed over for a later one
   * because a space was freed between two checks. Answers the booking promoted, or undefined.
   */
  async function promoteNext(trx: Kysely<Database>, lot: Lot, date: string, at: Date): Promise<BookingRow | undefined> {
    const spaces = spacesOf(lot);
    await ensureSlots(trx, lot.id, date);
    const used = await slotUsage(trx, lot.id, date);
    const fits = (b: BookingRow) => {
      for (let slot = b.start_min / SLOT_MINUTES; slot < b.end_min / SLOT_MINUTES; slot++) {
        if ((used.get(slot) ?? 0) >= spaces) return false;
      }
      return true;
    };
    const next = (await waiting(trx, lot.id, date)).find((b) => new Date(b.ends_at) > at && fits(b));
    if (!next) return undefined;
    const from = next.start_min / SLOT_MINUTES;
    const to = next.end_min / SLOT_MINUTES;
    if ((await takeSlots(trx, lot.id, date, from, to, spaces)) !== to - from) throw new SlotRaceLost();
    const moved = await moveBooking(trx, next.id, ['waitlisted'], 'booked', {
      release_due_at: releaseDue(new Date(next.starts_at), lot, at),
      updated_at: toStored(at),
    });
    // Cancelled by its owner meanwhile: roll back and look again.
    if (!moved) throw new SlotRaceLost();
    await queueWhitelist(trx, clock, gateOf(lot), 'add', next, lot.tolerance_minutes);
    if (next.person_id) {
      await messages.send(trx, {
        personId: next.person_id,
        title: '停车候补成功',
        subject: { kind: 'parking-booking', id: next.id },
        push: true,
        body: `您候补的${lot.name} ${monthDayText(next.date)} ${timeOf(next.start_min)}–${timeOf(next.end_min)} 有空位了，已自动为车牌 ${next.plate} 预约成功。`,
      });
    }
    return next;
  }

  /**
   * Promotions of one lot's day take its lock row first, so two promoters never interleave; a
   * transaction that frees a space (a cancel, a no-show release) takes it before its first write
   * and promotes before it commits, so a freed space is never seen free while someone waiting fits
   * it (a direct booking cannot take it first).
   */
  const lockPromotions = (trx: Kysely<Database>, lotId: string, date: string) =>
    takeLock(trx, `promote:${lotId}:${date}`);

  /** Gives freed spaces to the waiting, in the freeing transaction (the lock held). */
  async function promoteAll(trx: Kysely<Database>, lot: Lot, date: string, at: Date): Promise<number> {
    let promoted = 0;
    while (await promoteNext(trx, lot, date, at)) promoted++;
    return promoted;
  }

  /**
   * Books the waiting people of a lot's day who now fit, one transaction each (housekeeping, and
   * a lot whose capacity grew). It leaves no free space while someone fits.
   */
  async function promote(lotId: string, date: string): Promise<number> {
    const lot = await findLot(db, lotId);
    if (!lot) return 0;
    let promoted = 0;
    for (;;) {
      const at = now();
      const w = await withRaceRetry(() =>
        transactionWithRetry(db, async (trx) => {
          await lockPromotions(trx, lotId, date);
          return promoteNext(trx, lot, date, at);
        }),
      );
      if (!w) return promoted;
      promoted++;
    }
  }

  /** Frees a booking's space and tells the gate (in the caller's transaction). */
  async function endHolding(trx: Kysely<Database>, lot: Lot, b: BookingRow) {
    await giveBack(trx, b);
    await queueWhitelist(trx, clock, gateOf(lot), 'remove', b, lot.tolerance_minutes);
  }

  return {
    async cars(person: Person): Promise<CarList> {
      const rows = await listCars(db, person.id);
      return { items: rows.map((r) => ({ plate: r.plate, createdAt: toInstant(r.created_at) })) };
    },

    async addCar(person: Person, input: string): Promise<CarList> {
      const plate = plateOrRefuse(input);
      await transactionWithRetry(db, async (trx) => {
        await takeLock(trx, `person:${person.id}`);
        const cars = await listCars(trx, person.id);
        if (cars.some((c) => c.plate === plate)) return;
        if (cars.length >= PARKING_CARS_MAX) throw conflict('PARKING_CARS_LIMIT');
        await insertCar(trx, person.id, plate, toStored(now()));
      });
      return this.cars(person);
    },

    async removeCar(person: Person, input: string): Promise<CarList> {
      const plate = parsePlate(input) ?? input;
      if (!(await deleteCar(db, person.id, plate))) throw notFound('PARKING_CAR_NOT_FOUND');
      return this.cars(person);
    },

    async availability(lotId: string, date: string | undefined): Promise<Availability> {
      const lot = await lotOrRefuse(db, lotId);
      const at = now();
      const day = date === undefined ? shanghaiDate(at) : requireDate(date);
      const used = await slotUsage(db, lot.id, day);
      const spaces = spacesOf(lot);
      const slots = [];
      for (let m = minutesOf(lot.open_time); m < minutesOf(lot.close_time); m += SLOT_MINUTES) {
        slots.push({
          startsAt: timeOf(m),
          endsAt: timeOf(m + SLOT_MINUTES),
          free: Math.max(0, spaces - (used.get(m / SLOT_MINUTES) ?? 0)),
        });
      }
      const refusal = lot.kind === 'visitor' ? 'PARKING_LOT_NOT_BOOKABLE' : (dateRefusal(lot, day, at) ?? null);
      return {
        lotId: lot.id,
        date: day,
        spaces,
        bookable: refusal === null,
        refusal,
        openTime: lot.open_time,
        closeTime: lot.close_time,
        slots,
        freeAllDay: slots.reduce((min, s) => Math.min(min, s.free), spaces),
      };
    },

    async book(person: Person, input: NewBooking, idempotencyKey?: string): Promise<Booking> {
      requireDate(input.date);
      const plate = plateOrRefuse(input.plate);
      const lot = await lotOrRefuse(db, input.lotId);
      if (lot.kind !== 'staff') throw new DomainError('PARKING_LOT_NOT_BOOKABLE', 400);
      const at = now();
      refuseDate(lot, input.date, at);
      const { start, end } = windowOf(lot, input.date, input, at);
      const startsAt = instantOf(input.date, start);
      const endsAt = instantOf(input.date, end);
      // When the lot is full and the person does not want to wait, say so without taking the write
      // lock (a read; the conditional write inside the transaction still decides every booking).
      if (
        input.waitlist !== true &&
        !(await slotsHaveRoom(db, lot.id, input.date, start / SLOT_MINUTES, end / SLOT_MINUTES, spacesOf(lot))) &&
        !(idempotencyKey && (await findByIdempotencyKey(db, person.id, idempotencyKey)))
      ) {
        throw conflict('PARKING_FULL');
      }
      const id = await withRaceRetry(() =>
        transactionWithRetry(db, async (trx) => {
          await takeLock(trx, `person:${person.id}`);
          if (idempotencyKey) {
            const again = await findByIdempotencyKey(trx, person.id, idempotencyKey);
            if (again) {
              const same =
                again.lot_id === lot.id &&
                again.date === input.date &&
                again.plate === plate &&
                again.start_min === start &&
                again.end_min === end;
              if (!same) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
              return again.id;
            }
          }
          if (await activeSuspension(trx, person.id, toStored(at))) throw conflict('PARKING_SUSPENDED');
          if ((await countPersonBookings(trx, person.id, lot.id, input.date, input.date)) >= lot.per_day_limit) {
            throw conflict('PARKING_DAY_LIMIT');
          }
          const monday = mondayOf(input.date);
          if ((await countPersonBookings(trx, person.id, lot.id, monday, addDays(monday, 6))) >= lot.per_week_limit) {
            throw conflict('PARKING_WEEK_LIMIT');
          }
          await takeLock(trx, `plate:${plate}`);
          if (await plateOverlaps(trx, plate, input.date, start, end)) throw conflict('PARKING_PLATE_OVERLAP');
          const got = await takeSpace(trx, lot, input.date, start, end);
          if (!got && input.waitlist !== true) throw conflict('PARKING_FULL');
          const row: BookingRow = {
            id: newSortableId(),
            lot_id: lot.id,
            person_id: person.id,
            visit_id: null,
            plate,
            date: input.date,
            start_min: start,
            end_min: end,
            starts_at: toStored(startsAt),
            ends_at: toStored(endsAt),
            status: got ? 'booked' : 'waitlisted',
            idempotency_key: idempotencyKey ?? null,
            release_due_at: got ? releaseDue(startsAt, lot, at) : null,
            created_at: toStored(at),
            updated_at: toStored(at),
            entered_at: null,
            left_at: null,
            cancelled_at: null,
            released_at: null,
          };
          await insertBooking(trx, row);
          if (got) await queueWhitelist(trx, clock, gateOf(lot), 'add', row, lot.tolerance_minutes);
          return row.id;
        }),
      );
      const row = await findBooking(db, id);
      if (!row) throw notFound('PARKING_BOOKING_NOT_FOUND');
      return present(row, lot);
    },

    async list(person: Person, query: PageQuery): Promise<BookingPage> {
      const limit = query.limit ?? 20;
      const rows = await listMine(db, person.id, decodeCursor(MINE, query.cursor), limit);
      const page = pageFrom(MINE, rows, limit);
      const lots = new Map((await listLots(db)).map((l) => [l.id, l]));
      return {
        items: await Promise.all(page.rows.map((r) => present(r, lots.get(r.lot_id)))),
        nextCursor: page.nextCursor,
      };
    },

    async get(person: Person, id: string): Promise<Booking> {
      return present(await mine(person, id));
    },

    async cancel(person: Person, id: string): Promise<Booking> {
      const row = await mine(person, id);
      const lot = await lotOrRefuse(db, row.lot_id);
      if (row.status !== 'booked' && row.status !== 'waitlisted') throw conflict('PARKING_NOT_CANCELLABLE');
      const at = now();
      const until = cancellableUntil(row, lot);
      if (row.status === 'booked' && until && at > until) throw conflict('PARKING_CANCEL_CLOSED');
      await withRaceRetry(() =>
        transactionWithRetry(db, async (trx) => {
          await lockPromotions(trx, lot.id, row.date);
          // Read again inside: a waiting booking may have been promoted since.
          const was = (await findBooking(trx, id))?.status;
          if (was !== 'booked' && was !== 'waitlisted') throw conflict('PARKING_NOT_CANCELLABLE');
          const moved = await moveBooking(trx, id, [was], 'cancelled', {
            cancelled_at: toStored(at),
            release_due_at: null,
            updated_at: toStored(at),
          });
          if (!moved) throw conflict('PARKING_NOT_CANCELLABLE');
          if (was === 'booked') {
            await endHolding(trx, lot, row);
            await promoteAll(trx, lot, row.date, at);
          }
        }),
      );
      return present(await mine(person, id), lot);
    },

    promote,

    /**
     * Housekeeping: releases bookings nobody came for by their window's start + grace (found by
     * the release_due_at index), counts the no-show against the person (three in 30 days suspend
     * booking for 7 days), gives the space to the waiting list, expires waiting that can no longer
     * be served, and promotes wherever a space is free. Each step is a conditional write: running
     * it on several instances at once releases each booking once.
     */
    async releaseNoShows(): Promise<{ released: number; promoted: number }> {
      const at = now();
      const stamp = toStored(at);
      let released = 0;
      let promoted = 0;
      for (const due of await dueReleases(db, stamp, 200)) {
        const lot = await findLot(db, due.lot_id);
        if (!lot) continue;
        const promotedHere = await withRaceRetry(() =>
          transactionWithRetry(db, async (trx) => {
            await lockPromotions(trx, lot.id, due.date);
            const moved = await moveBooking(trx, due.id, ['booked'], 'released', {
              released_at: stamp,
              release_due_at: null,
              updated_at: stamp,
            });
            if (!moved) return undefined;
            await endHolding(trx, lot, due);
            if (due.person_id) {
              await messages.send(trx, {
                personId: due.person_id,
                title: '停车预约已释放',
                subject: { kind: 'parking-booking', id: due.id },
                push: true,
                body: `您预约的${lot.name} ${monthDayText(due.date)} ${timeOf(due.start_min)} 起的车位，开始后 ${lot.grace_minutes} 分钟内未入场，已释放给候补同事。`,
              });
              const since = toStored(new Date(at.getTime() - NO_SHOW_WINDOW_DAYS * DAY_MS));
              if (
                (await noShowsSince(trx, due.person_id, since)) >= NO_SHOW_LIMIT &&
                !(await activeSuspension(trx, due.person_id, stamp))
              ) {
                await insertSuspension(trx, {
                  id: newSortableId(),
                  person_id: due.person_id,
                  starts_at: stamp,
                  ends_at: toStored(new Date(at.getTime() + SUSPENSION_DAYS * DAY_MS)),
                  created_at: stamp,
                });
                await messages.send(trx, {
                  personId: due.person_id,
                  title: '停车预约已暂停',
                  subject: { kind: 'parking-booking', id: due.id },
                  body: `${NO_SHOW_WINDOW_DAYS} 天内已有 ${NO_SHOW_LIMIT} 次预约未到场，停车预约暂停 ${SUSPENSION_DAYS} 天。如有疑问请联系管理员。`,
                });
              }
            }
            // The freed space goes to the waiting before this commits (see lockPromotions).
            return promoteAll(trx, lot, due.date, at);
          }),
        );
        if (promotedHere !== undefined) {
          released++;
          promoted += promotedHere;
        }
      }
      await expireWaiting(db, stamp, stamp);
      // Any other space free while someone waits (a lot whose capacity grew, a promotion that failed).
      for (const d of await daysWithWaiting(db, shanghaiDate(at))) promoted += await promote(d.lot_id, d.date);
      return { released, promoted };
    },

    /**
     * For the visitors module: a visitor's car gets a space in the visitor lot for its window and
     * its plate goes to the gate's whitelist, in the caller's transaction (so it happens with the
     * visit's approval or not at all). Throws PLATE_INVALID, PARKING_LOT_NOT_FOUND,
     * PARKING_PLATE_OVERLAP or PARKING_FULL; after a throw the caller's transaction must roll back.
     */
    async whitelistVisitorCar(
      trx: Kysely<Database>,
      car: VisitorCar,
    ): Promise<{ bookingId: string; plate: string; lotId: string }> {
      const plate = plateOrRefuse(car.plate);
      let lot: Lot | undefined;
      if (car.lotId) lot = await findLot(trx, car.lotId);
      else {
        const first = (await listLots(trx)).find((l) => l.kind === 'visitor' && l.campus_id === car.campusId);
        lot = first ? await findLot(trx, first.id) : undefined;
      }
      if (!lot) throw notFound('PARKING_LOT_NOT_FOUND');
      const from = new Date(car.validFrom);
      const to = new Date(car.validTo);
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) {
        throw new DomainError('PARKING_WINDOW_INVALID', 400);
      }
      const date = shanghaiDate(from);
      const dayStart = instantOf(date, 0).getTime();
      const start = Math.floor((from.getTime() - dayStart) / 60_000 / SLOT_MINUTES) * SLOT_MINUTES;
      const end = Math.min(1440, Math.ceil((to.getTime() - dayStart) / 60_000 / SLOT_MINUTES) * SLOT_MINUTES);
      await takeLock(trx, `plate:${plate}`);
      if (await plateOverlaps(trx, plate, date, start, end)) throw conflict('PARKING_PLATE_OVERLAP');
      const spaces = spacesOf(lot);
      await ensureSlots(trx, lot.id, date);
      if (!(await slotsHaveRoom(trx, lot.id, date, start / SLOT_MINUTES, end / SLOT_MINUTES, spaces))) {
        throw conflict('PARKING_FULL');
      }
      if (
        (await takeSlots(trx, lot.id, date, start / SLOT_MINUTES, end / SLOT_MINUTES, spaces)) !==
        (end - start) / SLOT_MINUTES
      ) {
        throw conflict('PARKING_FULL');
      }
      const stamp = toStored(now());
      const row: BookingRow = {
        id: newSortableId(),
        lot_id: lot.id,
        person_id: null,
        visit_id: car.visitId,
        plate,
        date,
        start_min: start,
        end_min: end,
        starts_at: toStored(instantOf(date, start)),
        ends_at: toStored(instantOf(date, end)),
        status: 'booked',
        idempotency_key: null,
        release_due_at: null,
        created_at: stamp,
        updated_at: stamp,
        entered_at: null,
        left_at: null,
        cancelled_at: null,
        released_at: null,
      };
      await insertBooking(trx, row);
      await queueWhitelist(trx, clock, gateOf(lot), 'add', row, lot.tolerance_minutes);
      return { bookingId: row.id, plate, lotId: lot.id };
    },

    /**
     * For the visitors module: takes a visit's car off the gate's whitelist and gives its space
     * back (a car already inside keeps its booking until it leaves). Answers how many bookings it
     * ended; none is fine (idempotent).
     */
    async forgetVisitorCars(trx: Kysely<Database>, visitIds: string[]): Promise<number> {
      return maskVisitorPlates(trx, visitIds);
    },

    async removeVisitorCar(trx: Kysely<Database>, visitId: string): Promise<number> {
      let ended = 0;
      const stamp = toStored(now());
      for (const b of await bookingsOfVisit(trx, visitId)) {
        if (b.status !== 'booked') continue;
        const lot = await findLot(trx, b.lot_id);
        if (!lot) continue;
        if (!(await moveBooking(trx, b.id, ['booked'], 'cancelled', { cancelled_at: stamp, updated_at: stamp })))
          continue;
        await endHolding(trx, lot, b);
        ended++;
      }
      return ended;
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
