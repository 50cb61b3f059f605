import { textProblem, typedText } from '@contract/text';
import type { Kysely } from 'kysely';
import type {
  LotChange,
  NewLot,
  NoShowPage,
  ParkingLot,
  ParkingLotList,
  StandingList,
  StandingPut,
  SuspensionList,
} from '@contract/parking.schema';
import type { PageQuery } from '@contract/page.schema';
import type { Database } from '../../db/schema';
import { DomainError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { decodeCursor, pageFrom } from '../../lib/page-cursor';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import { plateOrRefuse } from './bookings.service';
import {
  findLot,
  firstCampusId,
  insertLot,
  liftSuspension,
  listActiveSuspensions,
  listLots,
  listNoShows,
  listStanding,
  replaceStanding,
  updateLot,
  type LotRow,
} from './parking.repository';
import { checkHours, timeOf, toLot } from './parking.rules';

const NO_SHOWS = 'parking-no-shows';
function filledText(text: string): string {
  const kept = typedText(text, false);
  if (kept === undefined) throw new DomainError('PARKING_LOT_RULES_INVALID', 400);
  return kept;
}

/** Lots and their rules (admin), the standing list, no-shows and suspensions. */
export function createLotsService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;

  async function lotOrRefuse(id: string) {
    const lot = await findLot(db, id);
    if (!lot) throw notFound('PARKING_LOT_NOT_FOUND');
    return lot;
  }

  return {
    async list(): Promise<ParkingLotList> {
      return { items: (await listLots(db)).map((l) => toLot({ ...l, standing: Number(l.standing ?? 0) })) };
    },

    async get(id: string): Promise<ParkingLot> {
      return toLot(await lotOrRefuse(id));
    },

    async create(input: NewLot): Promise<ParkingLot> {
      const openTime = input.openTime ?? '07:00';
      const closeTime = input.closeTime ?? '20:00';
      checkHours(openTime, closeTime);
      const id = `lot-${newId().slice(0, 8)}`;
      const row: LotRow = {
        id,
        campus_id: await firstCampusId(db),
        name: filledText(input.name),
        capacity: input.capacity,
        kind: input.kind ?? 'staff',
        open_time: openTime,
        close_time: closeTime,
        horizon_days: input.horizonDays ?? 7,
        workdays_only: input.workdaysOnly === false ? 0 : 1,
        booking_opens_at: input.bookingOpensAt ?? null,
        cancel_deadline_minutes: input.cancelDeadlineMinutes ?? 0,
        grace_minutes: input.graceMinutes ?? 30,
        tolerance_minutes: input.toleranceMinutes ?? 15,
        per_day_limit: input.perDayLimit ?? 1,
        per_week_limit: input.perWeekLimit ?? 5,
        gate_id: `gate-${id}`,
        created_at: toStored(clock.now()),
      };
      await insertLot(db, row);
      return toLot(await lotOrRefuse(id));
    },

    async change(id: string, input: LotChange): Promise<ParkingLot> {
      const lot = await lotOrRefuse(id);
      checkHours(input.openTime ?? lot.open_time, input.closeTime ?? lot.close_time);
      const set: Partial<LotRow> = {};
      if (input.name !== undefined) set.name = filledText(input.name);
      if (input.capacity !== undefined) set.capacity = input.capacity;
      if (input.openTime !== undefined) set.open_time = input.openTime;
      if (input.closeTime !== undefined) set.close_time = input.closeTime;
      if (input.horizonDays !== undefined) set.horizon_days = input.horizonDays;
      if (input.workdaysOnly !== undefined) set.workdays_only = input.workdaysOnly ? 1 : 0;
      if (input.bookingOpensAt !== undefined) set.booking_opens_at = input.bookingOpensAt;
      if (input.anyHour === true) set.booking_opens_at = null;
      if (input.cancelDeadlineMinutes !== undefined) set.cancel_deadline_minutes = input.cancelDeadlineMinutes;
      if (input.graceMinutes !== undefined) set.grace_minutes = input.graceMinutes;
      if (input.toleranceMinutes !== undefined) set.tolerance_minutes = input.toleranceMinutes;
      if (input.perDayLimit !== undefined) set.per_day_limit = input.perDayLimit;
      if (input.perWeekLimit !== undefined) set.per_week_limit = input.perWeekLimit;
      await updateLot(db, id, set);
      return toLot(await lotOrRefuse(id));
    },

    async standing(id: string): Promise<StandingList> {
      await lotOrRefuse(id);
      return { items: (await listStanding(db, id)).map((s) => ({ plate: s.plate, note: s.note })) };
    },

    /** Replaces the standing list: official cars, always let in, each taking a space. */
    async putStanding(id: string, input: StandingPut): Promise<StandingList> {
      const lot = await lotOrRefuse(id);
      const items = new Map<string, string>();
      for (const i of input.items) {
        const note = (i.note ?? '').trim();
        if (textProblem(note, false) === 'control') throw new DomainError('PARKING_LOT_RULES_INVALID', 400);
        items.set(plateOrRefuse(i.plate), note);
      }
      if (items.size > lot.capacity) throw new DomainError('PARKING_LOT_RULES_INVALID', 400);
      await transactionWithRetry(db, (trx) =>
        replaceStanding(
          trx,
          id,
          [...items].map(([plate, note]) => ({ plate, note })),
          toStored(clock.now()),
        ),
      );
      return this.standing(id);
    },

    async noShows(query: PageQuery): Promise<NoShowPage> {
      const limit = query.limit ?? 20;
      const rows = await listNoShows(db, decodeCursor(NO_SHOWS, query.cursor), limit);
      const page = pageFrom(
        NO_SHOWS,
        rows.map((r) => ({ ...r, created_at: r.released_at ?? r.created_at })),
        limit,
      );
      return {
        items: page.rows.map((r) => ({
          bookingId: r.id,
          holder: r.holder_name ?? '访客车辆',
          plate: r.plate,
          lotName: r.lot_name,
          date: r.date,
          startsAt: timeOf(r.start_min),
          releasedAt: toInstant(r.created_at),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async suspensions(): Promise<SuspensionList> {
      const rows = await listActiveSuspensions(db, toStored(clock.now()));
      return {
        items: rows.map((s) => ({
          id: s.id,
          personName: s.name,
          unit: s.unit,
          from: toInstant(s.starts_at),
          until: toInstant(s.ends_at),
        })),
      };
    },

    async lift(person: Person, id: string): Promise<SuspensionList> {
      if (!(await liftSuspension(db, id, person.id, toStored(clock.now())))) {
        throw notFound('PARKING_SUSPENSION_NOT_FOUND');
      }
      return this.suspensions();
    },
  };
}

export type LotsService = ReturnType<typeof createLotsService>;
