/**
 * Instants are stored as UTC ISO strings (sortable as text on SQLite and PostgreSQL alike) and sent
 * on the wire with the Asia/Shanghai offset, which has no daylight saving: always +08:00.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The clock, injectable so tests can move time without sleeping. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export const toStored = (date: Date): string => date.toISOString();

/** '2026-11-21T04:00:00.000Z' → '2026-11-21T12:00:00.000+08:00' */
export function toInstant(stored: string | Date): string {
  const ms = (typeof stored === 'string' ? new Date(stored) : stored).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${String(stored)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export const addMs = (date: Date, ms: number): Date => new Date(date.getTime() + ms);
