import type { Forecast, ForecastQuery, MyHeadcount, MyHeadcountUpdate } from '@contract/headcount.schema';
import { getJson, http } from '@/shared/http';

/** 报餐: my sign-ups for the next `days` workdays (holidays skipped, 调休 workdays included). */
export function fetchMyHeadcount(days = 5): Promise<MyHeadcount> {
  return getJson<MyHeadcount>('/headcount/mine', { params: { days } });
}

/** Sets some sign-ups, all or nothing (`canteenId: null` withdraws); answers the new list. */
export async function putMyHeadcount(body: MyHeadcountUpdate): Promise<MyHeadcount> {
  return (await http.put<MyHeadcount>('/headcount/mine', body)).data;
}

/** Canteen staff and admins: sign-ups per day and meal. */
export function fetchForecast(canteenId: string, query: ForecastQuery = {}): Promise<Forecast> {
  return getJson<Forecast>(`/canteens/${encodeURIComponent(canteenId)}/forecast`, { params: query });
}
