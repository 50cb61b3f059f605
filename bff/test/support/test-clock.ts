import type { Clock } from '../../src/lib/time';

/** A clock tests move by hand, so expiry and backoff are tested without sleeping. */
export function createTestClock(start = '2026-11-21T02:00:00.000Z') {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    set(iso: string) {
      current = new Date(iso);
    },
  } satisfies Clock & Record<string, unknown>;
}
export type TestClock = ReturnType<typeof createTestClock>;
