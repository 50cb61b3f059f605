import { shanghaiDate } from '@contract/workdays';
import type { Clock } from '../lib/time';

/**
 * A demo left running overnight must still let everyone try every role the next day: each module's
 * demo seed is per day and idempotent (today's takeaway items, visits, bookings), so it is run
 * again once the date in Shanghai has changed. Answers a tick that says whether it seeded.
 */
export function demoDayKeeper(seed: () => Promise<unknown>, clock: Clock): () => Promise<boolean> {
  let seededFor = shanghaiDate(clock.now());
  return async () => {
    const today = shanghaiDate(clock.now());
    if (today === seededFor) return false;
    await seed();
    seededFor = today;
    return true;
  };
}
