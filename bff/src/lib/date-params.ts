import { daysBetween, isValidDate } from '@contract/workdays';
import { DomainError } from '../errors';

/** A `YYYY-MM-DD` request value that must be a real date (2026-02-30 is not): INVALID_DATE otherwise. */
export function requireDate(value: string): string {
  if (!isValidDate(value)) throw new DomainError('INVALID_DATE', 400);
  return value;
}

/** `from` ≤ `to`, spanning at most `maxDays` days (both ends included): DATE_RANGE_INVALID otherwise. */
export function requireRange(from: string, to: string, maxDays: number): void {
  requireDate(from);
  requireDate(to);
  const span = daysBetween(from, to) + 1;
  if (span < 1 || span > maxDays) throw new DomainError('DATE_RANGE_INVALID', 400);
}
