import { http, HttpResponse, type HttpHandler } from 'msw';
import type {
  MealCard,
  MealCardTransaction,
  MealCardTransactionPage,
  TopupRequest,
  TopupResult,
} from '@contract/meal-card.schema';
import { mockState, nextId, onMockReset, toInstant } from './state';
import type { MockPerson } from './data';
import { pageOfList, signedIn, signedInWith, type Params } from './support';

/**
 * 数字餐卡 from memory: every person but visitors starts with a ¥300 demo top-up; the balance is
 * the sum of the card's ledger. Top-ups credit whoever they name (or the unit's people). The
 * takeaway mock pays and refunds through `chargeCard`. The BFF's refusals are not here.
 */

export interface MockCard {
  balanceFen: number;
  /** Oldest first. */
  ledger: MealCardTransaction[];
}

export const DEMO_TOPUP_NOTE = '演示初始餐补';
const SEED_BALANCE_FEN = 30_000;

function seedCards(): Map<string, MockCard> {
  const cards = new Map<string, MockCard>();
  const at = toInstant(mockState.now() - 24 * 3_600_000);
  const admin = mockState.people.get('demo-admin');
  for (const person of mockState.people.values()) {
    if (person.roles.every((role) => role === 'visitor')) continue;
    const seed: MealCardTransaction = {
      id: `tx-seed-${person.id}`,
      kind: 'topup',
      amountFen: SEED_BALANCE_FEN,
      balanceAfterFen: SEED_BALANCE_FEN,
      note: DEMO_TOPUP_NOTE,
      ...(admin ? { by: { id: admin.id, name: admin.name } } : {}),
      at,
    };
    cards.set(person.id, { balanceFen: SEED_BALANCE_FEN, ledger: [seed] });
  }
  return cards;
}

/** The meal-card world (person id → card); reset with the rest of the mock. */
export const mealCardMock = { cards: seedCards() };
onMockReset(() => {
  mealCardMock.cards = seedCards();
});

function cardOf(personId: string): MockCard {
  let card = mealCardMock.cards.get(personId);
  if (!card) {
    card = { balanceFen: 0, ledger: [] };
    mealCardMock.cards.set(personId, card);
  }
  return card;
}

/** Adds a ledger row (negative amounts pay) and answers the new balance. */
export function chargeCard(personId: string, row: Omit<MealCardTransaction, 'id' | 'balanceAfterFen' | 'at'>): number {
  const card = cardOf(personId);
  card.balanceFen += row.amountFen;
  card.ledger.push({ id: nextId('tx'), ...row, balanceAfterFen: card.balanceFen, at: toInstant(mockState.now()) });
  return card.balanceFen;
}

/** Test helper: set a card's balance (with a ledger row, so balance = sum of the ledger still holds). */
export function setCardBalance(personId: string, balanceFen: number): void {
  const amountFen = balanceFen - cardOf(personId).balanceFen;
  chargeCard(personId, { kind: amountFen >= 0 ? 'topup' : 'payment', amountFen, note: '测试调整' });
}

function cardAnswer(personId: string, request: Request) {
  const limit = Number(new URL(request.url).searchParams.get('limit') ?? 50);
  const card = mealCardMock.cards.get(personId) ?? { balanceFen: 0, ledger: [] };
  const all = [...card.ledger].reverse();
  return HttpResponse.json<MealCard>({
    personId,
    balanceFen: card.balanceFen,
    transactions: all.slice(0, limit),
    nextCursor: all.length > limit ? `m${limit}` : null,
  });
}

function topup(admin: MockPerson, body: TopupRequest): TopupResult {
  const recipients = [...mockState.people.values()]
    .filter((p) => (body.personIds ? body.personIds.includes(p.id) : p.unit === body.unit))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const by = { id: admin.id, name: admin.name };
  return {
    id: nextId('topup'),
    amountFen: body.amountFen,
    note: body.note,
    totalFen: body.amountFen * recipients.length,
    recipients: recipients.map((p) => ({
      personId: p.id,
      name: p.name,
      balanceAfterFen: chargeCard(p.id, { kind: 'topup', amountFen: body.amountFen, note: body.note, by }),
    })),
    at: toInstant(mockState.now()),
  };
}

export function mealCardHandlers(base: string): HttpHandler[] {
  return [
    http.get<Params>(
      `${base}/meal-card`,
      signedIn((person, _params, request) => cardAnswer(person.id, request)),
    ),
    http.get<Params>(
      `${base}/meal-card/transactions`,
      signedIn((person, _params, request) => {
        const card = mealCardMock.cards.get(person.id) ?? { balanceFen: 0, ledger: [] };
        return HttpResponse.json<MealCardTransactionPage>(pageOfList([...card.ledger].reverse(), request));
      }),
    ),
    http.get<Params>(
      `${base}/meal-cards/:personId`,
      signedIn((_person, params, request) => cardAnswer(params.personId, request)),
    ),
    http.post<Params>(
      `${base}/meal-cards/topups`,
      signedInWith<TopupRequest>((admin, body) => HttpResponse.json<TopupResult>(topup(admin, body), { status: 201 })),
    ),
  ];
}
