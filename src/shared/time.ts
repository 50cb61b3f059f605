/**
 * The one dayjs wrapper (lint bans raw `dayjs` elsewhere): zh-cn locale, utc + timezone plugins,
 * every civil date and clock time in Asia/Shanghai whatever the device's own zone.
 */
import dayjs, { type ConfigType, type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const TIME_ZONE = 'Asia/Shanghai';
/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

export type { Dayjs };

/**
 * An instant seen in Asia/Shanghai. Some mini-program JS engines ship without full Intl time-zone
 * data, which the timezone plugin needs; the fixed +08:00 offset gives the same answer there.
 */
export function inShanghai(input?: ConfigType): Dayjs {
  try {
    return dayjs(input).tz(TIME_ZONE);
  } catch {
    return dayjs(input).utcOffset(SHANGHAI_OFFSET_MINUTES);
  }
}

/** Now as an ISO-8601 instant with offset, e.g. 2026-11-21T12:00:00+08:00. */
export function nowInstant(): string {
  return inShanghai().format();
}

/** An instant as Shanghai wall-clock text; default `YYYY-MM-DD HH:mm`. */
export function formatInstant(instant: ConfigType, pattern = 'YYYY-MM-DD HH:mm'): string {
  return inShanghai(instant).format(pattern);
}

/** Today's date in Shanghai, 'YYYY-MM-DD'. */
export function todayDate(now?: ConfigType): string {
  return inShanghai(now).format('YYYY-MM-DD');
}

/**
 * A short time for lists: 今天 → `HH:mm`, yesterday → `昨天 HH:mm`, this year → `M月D日 HH:mm`,
 * otherwise `YYYY年M月D日`.
 */
export function formatListTime(instant: ConfigType, now?: ConfigType): string {
  const at = inShanghai(instant);
  const today = inShanghai(now).startOf('day');
  const day = at.startOf('day');
  const daysAgo = today.diff(day, 'day');
  if (daysAgo === 0) return at.format('HH:mm');
  if (daysAgo === 1) return `昨天 ${at.format('HH:mm')}`;
  if (at.year() === today.year()) return at.format('M月D日 HH:mm');
  return at.format('YYYY年M月D日');
}

/** 早上好 / 中午好 / 下午好 / 晚上好 by Shanghai clock. */
export function greetingFor(now?: ConfigType): string {
  const hour = inShanghai(now).hour();
  if (hour >= 5 && hour < 11) return '早上好';
  if (hour >= 11 && hour < 13) return '中午好';
  if (hour >= 13 && hour < 18) return '下午好';
  return '晚上好';
}

/** True when the instant is at or before now (missing or unreadable counts as expired). */
export function isPast(instant: ConfigType | null | undefined, now?: ConfigType): boolean {
  if (!instant) return true;
  const at = dayjs(instant);
  if (!at.isValid()) return true;
  return !at.isAfter(dayjs(now));
}
