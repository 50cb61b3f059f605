import type { RepairShift } from '@contract/repairs.schema';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai weekday (1 Monday … 7 Sunday) and wall-clock 'HH:mm' of an instant. */
export function shanghaiWallClock(now: Date): { weekday: number; time: string } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const day = local.getUTCDay();
  return { weekday: day === 0 ? 7 : day, time: local.toISOString().slice(11, 16) };
}

/**
 * Whether a shift covers this moment. A shift whose end is not after its start runs overnight:
 * it covers its weekdays from `starts` and the following mornings until `ends`. '24:00' ends a
 * shift at midnight, so 00:00–24:00 on all seven days is on duty around the clock.
 */
export function onDuty(shifts: readonly RepairShift[], now: Date): boolean {
  const { weekday, time } = shanghaiWallClock(now);
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return shifts.some((s) => {
    if (s.starts < s.ends) return s.weekdays.includes(weekday) && s.starts <= time && time < s.ends;
    return (s.weekdays.includes(weekday) && time >= s.starts) || (s.weekdays.includes(yesterday) && time < s.ends);
  });
}

/** Parses a stored JSON array, answering [] for anything else (profiles written by hand). */
export function jsonArray<T>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}
