import type { Kysely } from 'kysely';
import type { MessageSubjectRef } from '@contract/messages';
import type { Database } from '../../db/schema';
import { conflict } from '../../errors';
import { newSortableId } from '../../lib/ids';
import type { LedgerRow } from '../../modules/meal-card/meal-card.table';
import type { MessageRow } from '../../modules/messages/messages.table';
import { compiledOnce } from '../compiled-statements';

// The rows of meal-card and messages that an order's transaction writes, with statements compiled
// once. Those modules' own code is plain Kysely and knows nothing of this file: the rows written
// here are the ones `mealCards.refund` and `messages.send` write (same table types, so a column
// added there fails to compile here), and the card's rules are kept the same way: the debit is
// conditional on the balance, and its ledger row takes the card's next `seq`.

type DbOrTrx = Kysely<Database>;

interface CardChange {
  person_id: string;
  balance_fen: number;
  seq: number;
}

const debitStatement = compiledOnce((db: DbOrTrx, p: { personId: string; amountFen: number; at: string }) =>
  db
    .updateTable('meal_cards')
    .set((eb) => ({ balance_fen: eb('balance_fen', '-', p.amountFen), seq: eb('seq', '+', 1), updated_at: p.at }))
    .where('person_id', '=', p.personId)
    .where('balance_fen', '>=', p.amountFen)
    .returning(['person_id', 'balance_fen', 'seq']),
);

/** A free order still gets its ledger row: its card is created if missing, its balance kept. */
async function touchCard(db: DbOrTrx, personId: string, at: string): Promise<CardChange | undefined> {
  return db
    .insertInto('meal_cards')
    .values({ person_id: personId, balance_fen: 0, seq: 1, updated_at: at })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet((eb) => ({
        balance_fen: eb('meal_cards.balance_fen', '+', eb.ref('excluded.balance_fen')),
        seq: eb('meal_cards.seq', '+', 1),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(['person_id', 'balance_fen', 'seq'])
    .executeTakeFirst();
}

const insertLedgerRowStatement = compiledOnce((db: DbOrTrx, row: LedgerRow) =>
  db.insertInto('meal_card_ledger').values(row),
);

/**
 * Takes the order's total off the person's card, with its ledger row, in the order's transaction;
 * refuses (INSUFFICIENT_BALANCE) when the card holds too little. The one conditional UPDATE also
 * locks the card row on PostgreSQL until commit.
 */
export async function payForOrder(
  trx: DbOrTrx,
  payment: { personId: string; amountFen: number; orderId: string; note: string; at: string },
): Promise<void> {
  const change =
    payment.amountFen === 0
      ? await touchCard(trx, payment.personId, payment.at)
      : (await debitStatement(trx, { personId: payment.personId, amountFen: payment.amountFen, at: payment.at }))
          .rows[0];
  if (!change) throw conflict('INSUFFICIENT_BALANCE');
  await insertLedgerRowStatement(trx, {
    id: newSortableId(),
    person_id: change.person_id,
    seq: change.seq,
    balance_after_fen: change.balance_fen,
    kind: 'payment',
    // `|| 0`: a free order's payment is 0, not -0.
    amount_fen: -payment.amountFen || 0,
    order_id: payment.orderId,
    topup_id: null,
    note: payment.note,
    by_person_id: null,
    created_at: payment.at,
  });
}

const insertMessageStatement = compiledOnce((db: DbOrTrx, row: Omit<MessageRow, 'read_at'>) =>
  db
    .insertInto('messages')
    .values({ ...row, read_at: null })
    .onConflict((oc) => oc.column('id').doNothing()),
);

/** The buyer's message about the order, in the order's transaction, stamped `at`. */
export async function writeOrderMessage(
  trx: DbOrTrx,
  message: { personId: string; title: string; body: string; subject: MessageSubjectRef },
  at: string,
): Promise<void> {
  await insertMessageStatement(trx, {
    id: newSortableId(),
    person_id: message.personId,
    title: message.title,
    body: message.body,
    created_at: at,
    subject_kind: message.subject.kind,
    subject_id: message.subject.id,
  });
}
