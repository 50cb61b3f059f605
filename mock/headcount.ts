import { http, HttpResponse, type HttpHandler } from 'msw';
import { HEADCOUNT_MEALS, headcountDeadline, type HeadcountMeal } from '@contract/canteen';
import type { Forecast, MyHeadcount, MyHeadcountUpdate } from '@contract/headcount.schema';
import { CALENDAR_LAST_YEAR, addDays, calendarDay, datesFrom, nextWorkdays } from '@contract/workdays';
import { canteenMock, findCanteen, type MockCanteen } from './canteen';
import type { MockPerson } from './data';
import { mockState, onMockReset, toInstant } from './state';
import { isFailure, mockToday, signedIn, signedInWith, type Params } from './support';

/**
 * 报餐 from memory: the next workdays whose sign-up is still open at some canteen (each canteen's
 * cut-off from the canteen mock), the caller's choices, and the canteen's forecast. A change is
 * stored as sent; the refusals (cut-off passed, not a workday…) are the BFF's, and a test that
 * needs one answers it with an override.
 */

/** `${personId}|${date}|${meal}` → canteen id */
let signups = new Map<string, string>();
onMockReset(() => {
  signups = new Map();
});

/** The 报餐 world; tests may read it. */
export const headcountMock = () => ({ signups });

/** Test helper: someone's 报餐. */
export function addMockSignup(personId: string, date: string, meal: HeadcountMeal, canteenId: string): void {
  signups.set(`${personId}|${date}|${meal}`, canteenId);
}

const serves = (canteen: MockCanteen, meal: HeadcountMeal) => canteen.meals.some((m) => m.meal === meal);
const closesAt = (date: string, canteen: MockCanteen) => headcountDeadline(date, canteen.cutoff).getTime();

function myHeadcount(person: MockPerson, days: number): MyHeadcount {
  const now = mockState.now();
  const canteens = canteenMock().canteens;
  const dates = nextWorkdays(mockToday(), days + 8)
    .filter((date) => canteens.some((c) => now < closesAt(date, c)))
    .slice(0, days);
  return {
    calendarLastDate: `${CALENDAR_LAST_YEAR}-12-31`,
    days: dates.map((date) => ({
      date,
      calendar: calendarDay(date),
      meals: HEADCOUNT_MEALS.map((meal) => ({
        meal,
        canteenId: signups.get(`${person.id}|${date}|${meal}`) ?? null,
        options: canteens
          .filter((c) => serves(c, meal))
          .map((c) => ({ canteenId: c.id, closesAt: toInstant(closesAt(date, c)), open: now < closesAt(date, c) })),
      })),
    })),
  };
}

function forecast(canteen: MockCanteen, query: URLSearchParams): Forecast {
  const from = query.get('from') ?? mockToday();
  const to = query.get('to') ?? addDays(from, 6);
  const meals = HEADCOUNT_MEALS.filter((meal) => serves(canteen, meal));
  const days = datesFrom(from, to).map((date) => {
    const perMeal = meals.map((meal) => ({
      meal,
      count: [...signups].filter(([key, id]) => id === canteen.id && key.endsWith(`|${date}|${meal}`)).length,
    }));
    return { date, calendar: calendarDay(date), meals: perMeal, total: perMeal.reduce((s, m) => s + m.count, 0) };
  });
  return { canteenId: canteen.id, from, to, days, total: days.reduce((s, d) => s + d.total, 0) };
}

export function headcountHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/headcount/mine`,
      signedIn((person, _params, request) => {
        const days = Number(new URL(request.url).searchParams.get('days') ?? 5);
        return HttpResponse.json<MyHeadcount>(myHeadcount(person, days));
      }),
    ),
    http.put<Params>(
      `${base}/headcount/mine`,
      signedInWith<MyHeadcountUpdate>((person, { entries }) => {
        for (const { date, meal, canteenId } of entries) {
          const key = `${person.id}|${date}|${meal}`;
          if (canteenId === null) signups.delete(key);
          else signups.set(key, canteenId);
        }
        // Answers as many workdays as reach the last one changed (5 to 20), as the BFF.
        const last = entries.map((e) => e.date).sort()[entries.length - 1];
        const shown = nextWorkdays(mockToday(), 20).filter((d) => d <= last).length;
        return HttpResponse.json<MyHeadcount>(myHeadcount(person, Math.min(20, Math.max(5, shown))));
      }),
    ),
    http.get<Params>(
      `${base}/canteens/:canteenId/forecast`,
      signedIn((_person, params, request) => {
        const canteen = findCanteen(params.canteenId);
        if (isFailure(canteen)) return canteen;
        return HttpResponse.json<Forecast>(forecast(canteen, new URL(request.url).searchParams));
      }),
    ),
  ];
}
