import type { Kysely } from 'kysely';
import { addDays, shanghaiDate, shanghaiInstant } from '../../../../contract/workdays';
import type { Database } from '../../db/schema';
import { DEMO_CANTEEN_STAFF, DEMO_MEAL_CARD_TOPUP, DEMO_TAKEAWAY_ITEMS } from '../../db/seed-data';
import { newId } from '../../lib/ids';
import { toStored, type Clock } from '../../lib/time';
import { creditCards, insertLedgerRows, insertTopup } from '../meal-card/meal-card.repository';
import { insertItemIfAbsent, linkCanteenStaff } from './takeaway.repository';

const at = (date: string, hhmm: string) => shanghaiInstant(date, hhmm).toISOString();

/**
 * The takeaway demo, idempotent: canteen staff links, ¥300 on every eating demo person's card
 * (once, as a ledger top-up by the demo admin), and today's items in both canteens. Safe to run
 * at every start: a later day gets that day's items, nothing is written twice.
 */
export async function seedTakeawayDemo(db: Kysely<Database>, clock: Clock): Promise<void> {
  const now = clock.now();
  const stamp = toStored(now);
  const today = shanghaiDate(now);
  await db.transaction().execute(async (trx) => {
    const demoPeople = await trx.selectFrom('people').select('id').where('is_demo', '=', 1).execute();
    const present = new Set(demoPeople.map((p) => p.id));
    await linkCanteenStaff(
      trx,
      DEMO_CANTEEN_STAFF.filter((l) => present.has(l.personId)).map((l) => ({
        person_id: l.personId,
        canteen_id: l.canteenId,
      })),
    );

    // Cards: only demo people who have none yet and are not visitors-only.
    if (present.has(DEMO_MEAL_CARD_TOPUP.byPersonId)) {
      const needCards = await trx
        .selectFrom('people as p')
        .leftJoin('meal_cards as c', 'c.person_id', 'p.id')
        .select('p.id')
        .where('p.is_demo', '=', 1)
        .where('c.person_id', 'is', null)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('person_roles as r')
              .select('r.role')
              .whereRef('r.person_id', '=', 'p.id')
              .where('r.role', '!=', 'visitor'),
          ),
        )
        .orderBy('p.id')
        .execute();
      if (needCards.length > 0) {
        const topupId = newId();
        const { amountFen, note, byPersonId } = DEMO_MEAL_CARD_TOPUP;
        await insertTopup(trx, {
          id: topupId,
          created_by: byPersonId,
          idempotency_key: `demo-seed-${topupId}`,
          request_hash: '',
          amount_fen: amountFen,
          note,
          recipients: needCards.length,
          created_at: stamp,
        });
        const changes = await creditCards(
          trx,
          needCards.map((p) => p.id),
          amountFen,
          stamp,
        );
        await insertLedgerRows(
          trx,
          changes.map((c) => ({
            id: newId(),
            person_id: c.person_id,
            seq: c.seq,
            kind: 'topup' as const,
            amount_fen: amountFen,
            balance_after_fen: c.balance_fen,
            order_id: null,
            topup_id: topupId,
            note,
            by_person_id: byPersonId,
            created_at: stamp,
          })),
        );
      }
    }

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
