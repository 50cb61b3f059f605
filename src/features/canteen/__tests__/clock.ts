/**
 * Fixes the wall clock (Date only: timers, microtasks and msw keep running for real) so menus,
 * serving windows and 报餐 cut-offs are the same whatever day the tests run.
 */
export function setNow(instant: string): void {
  jest.useFakeTimers({
    now: new Date(instant),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

export function realNow(): void {
  jest.useRealTimers();
}

/** Monday 2026-11-23, 12:00 in Shanghai: lunch is being served. */
export const MONDAY_NOON = '2026-11-23T12:00:00+08:00';
export const MONDAY = '2026-11-23';
