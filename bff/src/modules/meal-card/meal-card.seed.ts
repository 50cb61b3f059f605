import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DEMO_MEAL_CARD_TOPUP } from '../../db/seed-data';
import { newId } from '../../lib/ids';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toStored, type Clock } from '../../lib/time';
import { creditCards, insertLedgerRows, insertTopup } from './meal-card.repository';

/**
 * The meal-card demo, idempotent: ¥300 on the card of every demo person who eats (anyone but a
 * visitor only) and has no card yet, once, as a ledger top-up by the demo admin.
 */
export async function seedMealCardDemo(db: Kysely<Database>, clock: Clock): Promise<void> {
  const stamp = toStored(clock.now());
  await transactionWithRetry(db, async (trx) => {
    const demoPeople = await trx.selectFrom('people').select('id').where('is_demo', '=', 1).execute();
    const present = new Set(demoPeople.map((p) => p.id));
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
  });
}
