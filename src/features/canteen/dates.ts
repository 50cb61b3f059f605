/**
 * `YYYY-MM-DD` calendar dates (Asia/Shanghai civil dates) for the canteen pages: arithmetic and
 * Chinese labels. Plain UTC arithmetic on purpose, so the device's own time zone never shifts a
 * day. Written here rather than imported from contract/workdays.ts, which would pull the
 * chinese-days holiday tables (~32 KB) into the bundle: the BFF answers every workday flag.
 */
import { monthDayText } from '@contract/date-words';
import type { CalendarDay } from '@contract/workdays';
import { formatInstant, inShanghai, todayDate } from '@/shared/time';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

function dayNumber(date: string): number {
  return Math.floor(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS,
  );
}

const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A real `YYYY-MM-DD` date (route params come from outside). */
export function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromDayNumber(dayNumber(value)) === value;
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** `b - a` in days. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const sundayZero = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** 周一 … 周日 */
export const weekdayLabel = (date: string): string => `周${WEEKDAYS[weekdayOf(date) - 1]}`;

/** 11月23日 */
export const monthDay = monthDayText;

/** 今天 / 明天 / 昨天, else 11月23日; with the weekday: 11月23日 周一. */
export function dayLabel(date: string, today: string = todayDate(), withWeekday = true): string {
  const offset = daysBetween(today, date);
  const near = offset === 0 ? '今天' : offset === 1 ? '明天' : offset === -1 ? '昨天' : '';
  const base = `${monthDay(date)}${withWeekday ? ` ${weekdayLabel(date)}` : ''}`;
  return near ? `${base}（${near}）` : base;
}

/** An instant as a short deadline: 今天 16:00 / 明天 16:00 / 11月25日 16:00. */
export function deadlineLabel(instant: string, today: string = todayDate()): string {
  const at = inShanghai(instant);
  const offset = daysBetween(today, at.format('YYYY-MM-DD'));
  const time = at.format('HH:mm');
  if (offset === 0) return `今天 ${time}`;
  if (offset === 1) return `明天 ${time}`;
  return formatInstant(instant, 'M月D日 HH:mm');
}

/** Shanghai wall-clock `HH:mm` now. */
export const nowTime = (): string => inShanghai().format('HH:mm');

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted' | 'unknown';

/** How a day is marked: 工作日, 休息日, a holiday's name, 调休上班, or 未公布 when there is no data. */
export function dayKind(calendar: CalendarDay): { kind: DayKind; label: string } {
  if (!calendar.known) return { kind: 'unknown', label: '节假日未公布' };
  if (calendar.adjustedWorkday)
    return { kind: 'adjusted', label: `调休上班${calendar.name ? `·${calendar.name}` : ''}` };
  if (calendar.holiday) return { kind: 'holiday', label: calendar.name ?? '节假日' };
  if (calendar.workday) return { kind: 'workday', label: '工作日' };
  return { kind: 'weekend', label: '休息日' };
}
