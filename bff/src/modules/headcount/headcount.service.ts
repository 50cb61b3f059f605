import type { Kysely } from 'kysely';
import { HEADCOUNT_MEALS, headcountDeadline, type HeadcountMeal } from '@contract/canteen';
import type { Forecast, ForecastQuery, MyHeadcount, MyHeadcountUpdate } from '@contract/headcount.schema';
import {
  addDays,
  calendarDay,
  calendarKnows,
  CALENDAR_LAST_YEAR,
  datesFrom,
  daysBetween,
  isWorkday,
  nextWorkdays,
  shanghaiDate,
} from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { requireDate, requireRange } from '../../lib/date-params';
import { toInstant, toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import type { CanteenRecord, CanteenService } from '../canteen';
import { deleteSignup, forecastCounts, signupsOf, upsertSignup } from './headcount.repository';
import { transactionWithRetry } from '../../lib/retry-transaction';

/** Sign-ups are taken at most this many days ahead. */
export const HEADCOUNT_HORIZON_DAYS = 30;
export const FORECAST_MAX_DAYS = 31;

const closed = () => new DomainError('HEADCOUNT_CLOSED', 409);

export function createHeadcountService(deps: { db: Kysely<Database>; clock: Clock; canteens: CanteenService }) {
  const { db, clock, canteens } = deps;

  const isOpen = (date: string, canteen: CanteenRecord, now: Date) =>
    now.getTime() < headcountDeadline(date, canteen.cutoff).getTime();
  const serves = (canteen: CanteenRecord, meal: HeadcountMeal) => canteen.meals.some((m) => m.meal === meal);

  async function mine(person: Person, days: number): Promise<MyHeadcount> {
    const now = clock.now();
    const all = await canteens.all();
    // Days every canteen has closed already (usually today) are history, not choices.
    const candidates = nextWorkdays(shanghaiDate(now), days + 8).filter((date) =>
      all.some((c) => isOpen(date, c, now)),
    );
    const dates = candidates.slice(0, days);
    const signups = dates.length ? await signupsOf(db, person.id, dates[0], dates[dates.length - 1]) : [];
    const where = new Map(signups.map((s) => [`${s.date}|${s.meal}`, s.canteen_id]));
    return {
      calendarLastDate: `${CALENDAR_LAST_YEAR}-12-31`,
      days: dates.map((date) => ({
        date,
        calendar: calendarDay(date),
        meals: HEADCOUNT_MEALS.map((meal) => ({
          meal,
          canteenId: where.get(`${date}|${meal}`) ?? null,
          options: all
            .filter((c) => serves(c, meal))
            .map((c) => ({
              canteenId: c.id,
              closesAt: toInstant(headcountDeadline(date, c.cutoff)),
              open: isOpen(date, c, now),
            })),
        })),
      })),
    };
  }

  return {
    mine,

    /**
     * Sets some of the person's sign-ups, all or nothing. Each entry must be a workday of a year with
     * holiday data, at a canteen serving that meal, before that canteen's cut-off; moving or
     * withdrawing a sign-up also needs the old canteen's cut-off not to have passed.
     */
    async update(person: Person, body: MyHeadcountUpdate): Promise<MyHeadcount> {
      const now = clock.now();
      const today = shanghaiDate(now);
      const seen = new Set<string>();
      for (const entry of body.entries) {
        const key = `${entry.date}|${entry.meal}`;
        if (seen.has(key)) throw new DomainError('BAD_REQUEST', 400, '同一天的同一餐只能填写一次');
        seen.add(key);
      }
      const all = new Map((await canteens.all()).map((c) => [c.id, c]));
      for (const entry of body.entries) {
        requireDate(entry.date);
        if (!calendarKnows(entry.date)) throw new DomainError('CALENDAR_UNAVAILABLE', 409);
        if (!isWorkday(entry.date)) throw new DomainError('NOT_A_WORKDAY', 400);
        if (entry.canteenId !== null) {
          const canteen = all.get(entry.canteenId);
          if (!canteen) throw new DomainError('CANTEEN_NOT_FOUND', 404);
          if (!serves(canteen, entry.meal)) throw new DomainError('MEAL_NOT_SERVED', 400);
          if (!isOpen(entry.date, canteen, now)) throw closed();
        }
        if (daysBetween(today, entry.date) > HEADCOUNT_HORIZON_DAYS) throw new DomainError('DATE_OUT_OF_RANGE', 400);
      }
      const dates = body.entries.map((e) => e.date).sort();
      const at = toStored(now);
      await transactionWithRetry(db, async (trx) => {
        const existing = new Map(
          (await signupsOf(trx, person.id, dates[0], dates[dates.length - 1])).map((s) => [
            `${s.date}|${s.meal}`,
            s.canteen_id,
          ]),
        );
        for (const entry of body.entries) {
          const before = existing.get(`${entry.date}|${entry.meal}`);
          if (before === (entry.canteenId ?? undefined)) continue;
          // Leaving a canteen after its cut-off would falsify the count it is already cooking for.
          const previous = before ? all.get(before) : undefined;
          if (previous && !isOpen(entry.date, previous, now)) throw closed();
          if (entry.canteenId === null) await deleteSignup(trx, person.id, entry.date, entry.meal);
          else
            await upsertSignup(
              trx,
              { personId: person.id, date: entry.date, meal: entry.meal, canteenId: entry.canteenId },
              at,
            );
        }
      });
      // Answer enough days to show every entry just set (default 5, at most 20).
      const shown = nextWorkdays(today, 20).filter((d) => d <= dates[dates.length - 1]).length;
      return mine(person, Math.min(20, Math.max(5, shown)));
    },

    /** Sign-ups per day and meal for a canteen (its staff, or an admin). */
    async forecast(person: Person, canteenId: string, query: ForecastQuery): Promise<Forecast> {
      const canteen = await canteens.getManaged(person, canteenId);
      const from = query.from === undefined ? shanghaiDate(clock.now()) : requireDate(query.from);
      const to = query.to === undefined ? addDays(from, 6) : requireDate(query.to);
      requireRange(from, to, FORECAST_MAX_DAYS);
      const counts = new Map(
        (await forecastCounts(db, canteenId, from, to)).map((r) => [`${r.date}|${r.meal}`, r.count]),
      );
      const meals = HEADCOUNT_MEALS.filter((meal) => serves(canteen, meal));
      const days = datesFrom(from, to).map((date) => {
        const perMeal = meals.map((meal) => ({ meal, count: counts.get(`${date}|${meal}`) ?? 0 }));
        return {
          date,
          calendar: calendarDay(date),
          meals: perMeal,
          total: perMeal.reduce((sum, m) => sum + m.count, 0),
        };
      });
      return { canteenId, from, to, days, total: days.reduce((sum, d) => sum + d.total, 0) };
    },
  };
}

export type HeadcountService = ReturnType<typeof createHeadcountService>;
