/**
 * Calendar rules shared by the app and the BFF: `YYYY-MM-DD` date arithmetic in Asia/Shanghai and
 * Chinese workdays (statutory holidays and 调休) from `chinese-days`. Dependency-free apart from
 * `chinese-days` itself (which has no dependencies), so the app may import these as values.
 *
 * `chinese-days` answers plain weekday logic for years it has no data for; that would be a guess,
 * so every workday question about such a year throws `CalendarUnavailableError` instead.
 */
import { getDayDetail, isInLieu as libIsInLieu, isWorkday as libIsWorkday } from 'chinese-days';

/**
 * The years chinese-days 1.5.7 has holiday data for, read from its `dist/chinese-days.json`
 * (entries 2004-… to 2026-…; no 2027 yet). bff/test/canteen/workdays.test.ts checks these against
 * the installed package, so an upgrade that adds a year fails until these are moved.
 */
export const CALENDAR_FIRST_YEAR = 2004;
export const CALENDAR_LAST_YEAR = 2026;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DASH = 45;
const ZERO = 48;

/** The number written by `length` ASCII digits from `at`, or -1 when one of them is not a digit. */
function digitsAt(value: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const digit = value.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A real calendar date written `YYYY-MM-DD` (so 2026-02-30 and 2026-2-3 are not). Read digit by
 * digit: it runs on every dated request, and a regular expression with a Date cost ten times more.
 */
export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return false;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 2);
  const d = digitsAt(value, 8, 2);
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= (mo === 2 && isLeapYear(y) ? 29 : DAYS_IN_MONTH[mo - 1]);
}

/** Days since 1970-01-01 of a valid date (UTC arithmetic, so no host time zone leaks in). */
function dayNumber(date: string): number {
  return Math.floor(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS,
  );
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** `b - a` in days. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const sundayZero = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** The Monday of the week `date` falls in. */
export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push(fromDayNumber(n));
  return out;
}

/** The Asia/Shanghai calendar date of an instant (China has no daylight saving: always +08:00). */
let lastShanghaiDay = Number.NaN;
let lastShanghaiDate = '';
export function shanghaiDate(instant: Date | number): string {
  const day = Math.floor(((typeof instant === 'number' ? instant : instant.getTime()) + SHANGHAI_OFFSET_MS) / DAY_MS);
  // Asked on nearly every request and the answer changes once a day: the last one is kept.
  // (An invalid instant gives NaN, which never equals the kept day, and throws in fromDayNumber.)
  if (day !== lastShanghaiDay) {
    lastShanghaiDate = fromDayNumber(day);
    lastShanghaiDay = day;
  }
  return lastShanghaiDate;
}

/** The Asia/Shanghai wall-clock time `HH:mm` of an instant. */
export const shanghaiTime = (instant: Date | number): string =>
  new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);

/** The instant of `date` at `time` (`HH:mm`) in Asia/Shanghai. */
export function shanghaiInstant(date: string, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(dayNumber(date) * DAY_MS + (h * 60 + m) * 60_000 - SHANGHAI_OFFSET_MS);
}

export class CalendarUnavailableError extends Error {
  constructor(readonly year: number) {
    super(`no holiday data for ${year}`);
    this.name = 'CalendarUnavailableError';
  }
}

/**
 * chinese-days turns dates into days with the host's local time and is only right on hosts at
 * UTC or east of it (China, and UTC servers). West of UTC its answers shift by a day, so there the
 * calendar counts as unavailable rather than wrong. Checked once against known 2026 facts.
 */
let libraryTrusted: boolean | undefined;
function libraryAgreesWithHost(): boolean {
  if (libraryTrusted === undefined) {
    try {
      libraryTrusted =
        libIsWorkday('2026-10-10') && // Saturday, 调休 workday after 国庆节
        !libIsWorkday('2026-10-11') && // Sunday
        libIsWorkday('2026-10-09') && // Friday
        !libIsWorkday('2026-10-01') && // 国庆节
        getDayDetail('2026-10-01').date === '2026-10-01';
    } catch {
      libraryTrusted = false;
    }
  }
  return libraryTrusted;
}

/** Whether workday questions about `date` can be answered (its year has holiday data). */
export function calendarKnows(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return isValidDate(date) && year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR && libraryAgreesWithHost();
}

function assertKnown(date: string): void {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${String(date)}`);
  if (!calendarKnows(date)) throw new CalendarUnavailableError(Number(date.slice(0, 4)));
}

/** A day people work: Monday–Friday that is not a holiday, or a 调休 weekend workday. */
export function isWorkday(date: string): boolean {
  assertKnown(date);
  return libIsWorkday(date);
}

/** A day off: a weekend or a statutory holiday (and not a 调休 workday). */
export function isHoliday(date: string): boolean {
  return !isWorkday(date);
}

/** A 调休 day off: a holiday that is paid back by working a weekend day. */
export function isInLieu(date: string): boolean {
  assertKnown(date);
  return libIsInLieu(date);
}

/** How a day is marked on the calendar. Flags are null when the year has no holiday data. */
export interface CalendarDay {
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** false: no holiday data for this year; the flags below are then null, never guessed. */
  known: boolean;
  workday: boolean | null;
  /** A statutory holiday day off (元旦, 春节, 国庆节 …), not merely a weekend. */
  holiday: boolean | null;
  /** 调休上班: a weekend day that is a workday. */
  adjustedWorkday: boolean | null;
  /** 调休放假: a day off paid back by an adjusted workday. */
  inLieu: boolean | null;
  /** The holiday's Chinese name (also on its adjusted workdays), else null. */
  name: string | null;
}

export function calendarDay(date: string): CalendarDay {
  const weekday = weekdayOf(date);
  if (!calendarKnows(date)) {
    return {
      date,
      weekday,
      known: false,
      workday: null,
      holiday: null,
      adjustedWorkday: null,
      inLieu: null,
      name: null,
    };
  }
  const workday = libIsWorkday(date);
  // Named days carry "English,中文,days" (e.g. "National Day,国庆节,3"); other days the English weekday.
  const name =
    getDayDetail(date)
      .name.split(',')
      .find((part) => /[\u4e00-\u9fff]/.test(part))
      ?.trim() ?? null;
  return {
    date,
    weekday,
    known: true,
    workday,
    holiday: !workday && name !== null,
    adjustedWorkday: workday && weekday >= 6,
    inLieu: libIsInLieu(date),
    name,
  };
}

/** The first `count` workdays from `from` (included), stopping where the holiday data ends. */
export function nextWorkdays(from: string, count: number): string[] {
  const out: string[] = [];
  for (let date = from; out.length < count && calendarKnows(date); date = addDays(date, 1)) {
    if (libIsWorkday(date)) out.push(date);
  }
  return out;
}
