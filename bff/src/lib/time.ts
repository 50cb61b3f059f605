import { addDays, isValidDate } from '@contract/workdays';

// Time: the injectable clock, and instants stored as UTC ISO strings (sortable as text on SQLite and
// PostgreSQL alike) and sent on the wire with the Asia/Shanghai offset, which has no daylight
// saving: always +08:00.

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The clock, injectable so tests can move time without sleeping. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export const toStored = (date: Date): string => date.toISOString();

/** '2026-11-21T04:00:00.000Z' → '2026-11-21T12:00:00.000+08:00' */
export function toInstant(stored: string | Date): string {
  if (typeof stored === 'string') {
    const text = textInShanghai(stored);
    if (text !== undefined) return text;
  }
  const ms = (typeof stored === 'string' ? new Date(stored) : stored).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(stored)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export const addMs = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

const STORED = /^\d{4}-\d{2}-\d{2}T(\d{2}):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** The last day whose next day was asked for: instants in one answer are mostly of one day. */
let lastDay = '';
let lastNextDay = '';
function nextDay(date: string): string {
  if (date !== lastDay) {
    lastNextDay = addDays(date, 1);
    lastDay = date;
  }
  return lastNextDay;
}

/**
 * A stored instant's text rewritten in Shanghai time without a Date (every answer carries several
 * instants): only the hour moves, and from 16:00 UTC on, the date to the next day. Anything else,
 * or any doubt about the text, is left to the Date path.
 */
function textInShanghai(stored: string): string | undefined {
  const m = STORED.exec(stored);
  if (!m || !isValidDate(stored.slice(0, 10))) return undefined;
  const hour = Number(m[1]);
  if (hour > 23) return undefined;
  const day = hour < 16 ? stored.slice(0, 10) : nextDay(stored.slice(0, 10));
  return `${day}T${String((hour + 8) % 24).padStart(2, '0')}${stored.slice(13, 23)}+08:00`;
}
