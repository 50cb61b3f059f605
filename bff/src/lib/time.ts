/**
 * Instants are stored as UTC ISO strings (sortable as text on SQLite and PostgreSQL alike) and sent
 * on the wire with the Asia/Shanghai offset, which has no daylight saving: always +08:00.
 */
import { isValidDate } from '../../../contract/workdays';

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
    const sameDay = sameDayInShanghai(stored);
    if (sameDay !== undefined) return sameDay;
  }
  const ms = (typeof stored === 'string' ? new Date(stored) : stored).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(stored)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export const addMs = (date: Date, ms: number): Date => new Date(date.getTime() + ms);

const STORED = /^\d{4}-\d{2}-\d{2}T(\d{2}):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * A stored instant before 16:00 UTC is on the same calendar day in Shanghai: only its hour moves,
 * so the text is rewritten without a Date (every answer carries several instants). Anything else,
 * or any doubt about the text, is left to the Date path.
 */
function sameDayInShanghai(stored: string): string | undefined {
  const m = STORED.exec(stored);
  if (!m || !isValidDate(stored.slice(0, 10))) return undefined;
  const hour = Number(m[1]);
  if (hour >= 16) return undefined;
  return `${stored.slice(0, 11)}${String(hour + 8).padStart(2, '0')}${stored.slice(13, 23)}+08:00`;
}
