import type { MealCard, MealCardTransactionPage, TopupRequest, TopupResult } from '@contract/meal-card.schema';
import type { PeoplePage, PeopleQuery, UnitList } from '@contract/people.schema';
import { getJson, postJson } from '@/shared/http';

/** The caller's card: balance and the first page of transactions, newest first. */
export function fetchMealCard(limit = 20): Promise<MealCard> {
  return getJson<MealCard>('/meal-card', { params: { limit } });
}

/** The next page of the caller's transactions (`cursor`: the previous page's nextCursor). */
export function fetchTransactions(cursor: string): Promise<MealCardTransactionPage> {
  return getJson<MealCardTransactionPage>('/meal-card/transactions', { params: { cursor } });
}

/** Admin top-up of named people or a whole unit; the key makes a retried attempt count once. */
export function topUp(request: TopupRequest, idempotencyKey: string): Promise<TopupResult> {
  return postJson<TopupResult>('/meal-cards/topups', request, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** Admin: one page of the people directory (name or unit contains `q`), with balances. */
export function searchPeople(query: PeopleQuery): Promise<PeoplePage> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  return getJson<PeoplePage>('/people', { params });
}

/** Admin: every unit with how many (enabled) people a top-up by unit reaches. */
export function fetchUnits(): Promise<UnitList> {
  return getJson<UnitList>('/people/units');
}
