import type { MealCard, TopupRequest, TopupResult } from '@contract/meal-card.schema';
import { getJson, postJson } from '@/shared/http';

/** The caller's card: balance and the latest transactions, newest first. */
export function fetchMealCard(limit = 100): Promise<MealCard> {
  return getJson<MealCard>('/meal-card', { params: { limit } });
}

/** An admin looking at one person's card (404 USER_NOT_FOUND for nobody). */
export function fetchCardOf(personId: string): Promise<MealCard> {
  return getJson<MealCard>(`/meal-cards/${encodeURIComponent(personId)}`, { params: { limit: 5 } });
}

/** Admin top-up of named people or a whole unit; the key makes a retried attempt count once. */
export function topUp(request: TopupRequest, idempotencyKey: string): Promise<TopupResult> {
  return postJson<TopupResult>('/meal-cards/topups', request, { headers: { 'Idempotency-Key': idempotencyKey } });
}
