import type { Kysely } from 'kysely';
import type {
  MealCard,
  MealCardTransaction,
  MealCardTransactionPage,
  TopupRequest,
  TopupResult,
} from '@contract/meal-card.schema';
import type { PageQuery } from '@contract/page.schema';
import type { Database } from '../../db/schema';
import { DomainError, badRequest, notFound } from '../../errors';
import { newId, newSortableId, sha256Hex } from '../../lib/ids';
import { decodeSeqCursor, encodeSeqCursor } from '../../lib/page-cursor';
import { yuan } from '../../lib/money';
import { transactionWithRetry } from '../../lib/retry-transaction';
import { toInstant, toStored, type Clock } from '../../lib/time';
import { findPerson, type Person } from '../auth';
import type { MessagesService } from '../messages';
import {
  creditCards,
  findCard,
  findRecipients,
  findTopup,
  insertLedgerRows,
  insertTopup,
  listLedger,
  topupRecipients,
  type LedgerEntry,
} from './meal-card.repository';
import type { LedgerRow, TopupRow } from './meal-card.table';

const toTransaction = (row: LedgerEntry): MealCardTransaction => ({
  id: row.id,
  kind: row.kind,
  amountFen: row.amount_fen,
  balanceAfterFen: row.balance_after_fen,
  ...(row.order_id ? { orderId: row.order_id } : {}),
  ...(row.note ? { note: row.note } : {}),
  ...(row.by_person_id ? { by: { id: row.by_person_id, name: row.by_name ?? '' } } : {}),
  at: toInstant(row.created_at),
});

/** The ledger's cursors name their list, so one from another list is refused. */
const LEDGER_LIST = 'ledger';

/** Thrown inside the top-up transaction when another request already used the key. */
class TopupReplay extends Error {}

export interface CardMovement {
  personId: string;
  amountFen: number;
  orderId: string;
  note?: string;
  at: string;
}

/** A ledger row for a card change: the card's new balance and its sequence number. */
function ledgerRow(
  change: { person_id: string; balance_fen: number; seq: number },
  row: Partial<LedgerRow> & Pick<LedgerRow, 'kind' | 'amount_fen' | 'created_at'>,
): LedgerRow {
  return {
    id: newSortableId(),
    person_id: change.person_id,
    seq: change.seq,
    balance_after_fen: change.balance_fen,
    order_id: null,
    topup_id: null,
    note: null,
    by_person_id: null,
    ...row,
  };
}

/**
 * The meal card: balances change only through this service, always together with a ledger row
 * numbered by the card's own sequence, so balance = sum(ledger) holds by construction.
 */
export function createMealCardService(deps: { db: Kysely<Database>; clock: Clock; messages: MessagesService }) {
  const { db, clock, messages } = deps;

  async function topupResult(topup: TopupRow): Promise<TopupResult> {
    const recipients = await topupRecipients(db, topup.id);
    return {
      id: topup.id,
      amountFen: topup.amount_fen,
      note: topup.note,
      totalFen: topup.amount_fen * recipients.length,
      recipients: recipients.map((r) => ({
        personId: r.person_id,
        name: r.name,
        balanceAfterFen: r.balance_after_fen,
      })),
      at: toInstant(topup.created_at),
    };
  }

  /** A page of the card's ledger, newest first: one row more than asked tells whether more follow. */
  async function ledgerPage(personId: string, limit: number, cursor?: string): Promise<MealCardTransactionPage> {
    const rows = await listLedger(db, personId, limit + 1, decodeSeqCursor(LEDGER_LIST, cursor));
    const page = rows.slice(0, limit);
    return {
      items: page.map(toTransaction),
      nextCursor: rows.length > limit ? encodeSeqCursor(LEDGER_LIST, page[page.length - 1].seq) : null,
    };
  }

  async function card(personId: string, limit: number): Promise<MealCard> {
    const [row, ledger] = await Promise.all([findCard(db, personId), ledgerPage(personId, limit)]);
    return {
      personId,
      balanceFen: row?.balance_fen ?? 0,
      transactions: ledger.items,
      nextCursor: ledger.nextCursor,
    };
  }

  return {
    /** Returns money for an order inside the caller's transaction. */
    async refund(trx: Kysely<Database>, movement: CardMovement): Promise<void> {
      const [change] = await creditCards(trx, [movement.personId], movement.amountFen, movement.at);
      await insertLedgerRows(trx, [
        ledgerRow(change, {
          kind: 'refund',
          amount_fen: movement.amountFen,
          order_id: movement.orderId,
          note: movement.note ?? null,
          created_at: movement.at,
        }),
      ]);
    },

    card,

    /** My card's ledger, page by page (`?limit=&cursor=`; the card's first page carries the cursor on). */
    transactions: (personId: string, query: PageQuery) => ledgerPage(personId, query.limit ?? 20, query.cursor),

    /** An admin looking at someone's card: unknown people are refused, not shown an empty card. */
    async cardOfPerson(personId: string, limit: number): Promise<MealCard> {
      if (!(await findPerson(db, personId))) throw notFound('USER_NOT_FOUND');
      return card(personId, limit);
    },

    /**
     * Tops up one card or many by the same amount (an admin, with an Idempotency-Key): one top-up
     * row, one ledger row per card recording who did it, one message per person; all or nothing.
     */
    async topup(admin: Person, idempotencyKey: string, request: TopupRequest): Promise<TopupResult> {
      if ((request.personIds === undefined) === (request.unit === undefined)) {
        throw badRequest('VALIDATION_FAILED', '请指定充值人员或单位（二选一）');
      }
      const who: { personIds: string[] } | { unit: string } = request.personIds
        ? { personIds: [...new Set(request.personIds)].sort() }
        : { unit: request.unit!.trim() };
      const note = request.note.trim();
      if (!note) throw badRequest('VALIDATION_FAILED', '请填写充值备注');
      const requestHash = sha256Hex(JSON.stringify({ who, amountFen: request.amountFen, note }));

      const replay = async (): Promise<TopupResult> => {
        const earlier = await findTopup(db, admin.id, idempotencyKey);
        if (!earlier) throw new Error('top-up replay without a stored top-up');
        if (earlier.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', 422);
        return topupResult(earlier);
      };
      if (await findTopup(db, admin.id, idempotencyKey)) return replay();

      const recipients = await findRecipients(db, who);
      if ('personIds' in who && recipients.length < who.personIds.length) throw notFound('USER_NOT_FOUND');
      if (recipients.length === 0) throw new DomainError('TOPUP_NO_RECIPIENTS', 404);

      const at = toStored(clock.now());
      const topup: TopupRow = {
        id: newId(),
        created_by: admin.id,
        idempotency_key: idempotencyKey,
        request_hash: requestHash,
        amount_fen: request.amountFen,
        note,
        recipients: recipients.length,
        created_at: at,
      };
      try {
        const changes = await transactionWithRetry(db, async (trx) => {
          if (!(await insertTopup(trx, topup))) throw new TopupReplay();
          const changed = await creditCards(
            trx,
            recipients.map((r) => r.id),
            request.amountFen,
            at,
          );
          await insertLedgerRows(
            trx,
            changed.map((change) =>
              ledgerRow(change, {
                kind: 'topup',
                amount_fen: request.amountFen,
                topup_id: topup.id,
                note,
                by_person_id: admin.id,
                created_at: at,
              }),
            ),
          );
          for (const r of recipients) {
            await messages.send(trx, {
              personId: r.id,
              title: '餐卡充值到账',
              body: `您的餐卡已充值 ${yuan(request.amountFen)}（${note}）。`,
            });
          }
          return changed;
        });
        const names = new Map(recipients.map((r) => [r.id, r.name]));
        return {
          id: topup.id,
          amountFen: topup.amount_fen,
          note,
          totalFen: topup.amount_fen * changes.length,
          recipients: changes
            .map((c) => ({ personId: c.person_id, name: names.get(c.person_id) ?? '', balanceAfterFen: c.balance_fen }))
            .sort((a, b) => (a.personId < b.personId ? -1 : 1)),
          at: toInstant(at),
        };
      } catch (error) {
        if (error instanceof TopupReplay) return replay();
        throw error;
      }
    },
  };
}

export type MealCardService = ReturnType<typeof createMealCardService>;
