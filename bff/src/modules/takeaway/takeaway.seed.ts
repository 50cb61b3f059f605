import type { Kysely } from 'kysely';
import { addDays, shanghaiDate, shanghaiInstant } from '@contract/workdays';
import type { Database } from '../../db/schema';
import { DEMO_TAKEAWAY_ITEMS } from '../../db/seed-data';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import { insertItemIfAbsent } from './takeaway.repository';

const at = (date: string, hhmm: string) =>
  hhmm === '24:00'
    ? shanghaiInstant(addDays(date, 1), '00:00').toISOString()
    : shanghaiInstant(date, hhmm).toISOString();

/**
 * The takeaway demo, idempotent: today's items in both canteens. Safe to run at every start: a
 * later day gets that day's items, nothing is written twice.
 */
export async function seedTakeawayDemo(db: Kysely<Database>, clock: Clock): Promise<void> {
  const now = clock.now();
  const stamp = toStored(now);
  const today = shanghaiDate(now);
  await transactionWithRetry(db, async (trx) => {
    const canteens = new Set((await trx.selectFrom('canteens').select('id').execute()).map((c) => c.id));
    const dayStart = at(today, '00:00');
    const dayEnd = at(addDays(today, 1), '00:00');
    for (const demo of DEMO_TAKEAWAY_ITEMS) {
      if (!canteens.has(demo.canteenId)) continue;
      const id = `demo-ta-${demo.canteenId}-${today}-${demo.key}`;
      await insertItemIfAbsent(
        trx,
        {
          id,
          canteen_id: demo.canteenId,
          date: today,
          name: demo.name,
          price_fen: demo.priceFen,
          stock: demo.stock,
          remaining: demo.stock,
          sale_starts_at: dayStart,
          sale_ends_at: dayEnd,
          pickup_starts_at: dayStart,
          pickup_ends_at: dayEnd,
          per_person_limit: demo.perPersonLimit,
          has_slots: demo.slots?.length ? 1 : 0,
          dish_id: null,
          status: 'published',
          created_by: null,
          created_at: stamp,
          updated_at: stamp,
        },
        (demo.slots ?? []).map((slot, i) => ({
          id: `${id}-slot-${i + 1}`,
          item_id: id,
          canteen_id: demo.canteenId,
          starts_at: at(today, slot.starts),
          ends_at: at(today, slot.ends),
          capacity: slot.capacity,
          remaining: slot.capacity,
        })),
      );
    }
  });
}
