import type { MealKind, VoteValue } from '@contract/canteen';
import type {
  Canteen,
  CanteenList,
  CanteenUpdate,
  DayMenu,
  Dish,
  DishCreate,
  DishList,
  DishListQuery,
  DishUpdate,
  MenuCopy,
  MenuCopyResult,
  MenuRange,
  MenuStatusList,
  Ranking,
  RankingQuery,
  VoteResult,
  WeekMenu,
} from '@contract/canteen.schema';
import { getJson, http, postJson } from '@/shared/http';

const canteenPath = (canteenId: string) => `/canteens/${encodeURIComponent(canteenId)}`;

// ---- diners -------------------------------------------------------------------------------------

/** Every canteen, with serving windows, 报餐 cut-off and whether the caller manages it. */
export function fetchCanteens(): Promise<CanteenList> {
  return getJson<CanteenList>('/canteens');
}

/** One day's menu (published meals only for diners; drafts too for its managers). */
export function fetchDayMenu(canteenId: string, date: string): Promise<DayMenu> {
  return getJson<DayMenu>(`${canteenPath(canteenId)}/menu`, { params: { date } });
}

/** Seven days from `start` (a Monday for 本周菜谱). */
export function fetchWeekMenu(canteenId: string, start: string): Promise<WeekMenu> {
  return getJson<WeekMenu>(`${canteenPath(canteenId)}/menu/week`, { params: { start } });
}

const votePath = (canteenId: string, date: string, dishId: string) =>
  `${canteenPath(canteenId)}/menu/${encodeURIComponent(date)}/dishes/${encodeURIComponent(dishId)}/vote`;

/** 赞 or 踩 (replaces the caller's earlier vote); answers the dish's counts after it. */
export async function putVote(canteenId: string, date: string, dishId: string, value: VoteValue): Promise<VoteResult> {
  return (await http.put<VoteResult>(votePath(canteenId, date, dishId), { value })).data;
}

/**
 * Withdraws the caller's vote; answers the dish's counts after it. Sent with `{}`: wx.request labels
 * every request application/json, and the BFF refuses that label on an empty body (MALFORMED_JSON).
 */
export async function deleteVote(canteenId: string, date: string, dishId: string): Promise<VoteResult> {
  return (await http.delete<VoteResult>(votePath(canteenId, date, dishId), { data: {} })).data;
}

// ---- canteen staff and admins -------------------------------------------------------------------

export function fetchDishes(canteenId: string, retired: DishListQuery['retired'] = 'include'): Promise<DishList> {
  return getJson<DishList>(`${canteenPath(canteenId)}/dishes`, { params: { retired } });
}

export function createDish(canteenId: string, body: DishCreate): Promise<Dish> {
  return postJson<Dish>(`${canteenPath(canteenId)}/dishes`, body);
}

export async function updateDish(canteenId: string, dishId: string, patch: DishUpdate): Promise<Dish> {
  return (await http.patch<Dish>(`${canteenPath(canteenId)}/dishes/${encodeURIComponent(dishId)}`, patch)).data;
}

/** Retires (true) or restores (false) a dish. */
export function setDishRetired(canteenId: string, dishId: string, retired: boolean): Promise<Dish> {
  return postJson<Dish>(
    `${canteenPath(canteenId)}/dishes/${encodeURIComponent(dishId)}/${retired ? 'retire' : 'restore'}`,
  );
}

/** Sets a meal's dishes in serving order (empty removes the meal's menu); answers the day. */
export async function putMealDishes(
  canteenId: string,
  date: string,
  meal: MealKind,
  dishIds: string[],
): Promise<DayMenu> {
  const url = `${canteenPath(canteenId)}/menu/${encodeURIComponent(date)}/meals/${meal}`;
  return (await http.put<DayMenu>(url, { dishIds })).data;
}

export function copyMenu(canteenId: string, body: MenuCopy): Promise<MenuCopyResult> {
  return postJson<MenuCopyResult>(`${canteenPath(canteenId)}/menu/copy`, body);
}

/** Publishes (true) or withdraws (false) the composed meals in a range. */
export function setMenuPublished(canteenId: string, range: MenuRange, published: boolean): Promise<MenuStatusList> {
  return postJson<MenuStatusList>(`${canteenPath(canteenId)}/menu/${published ? 'publish' : 'unpublish'}`, range);
}

export function fetchRanking(canteenId: string, query: RankingQuery = {}): Promise<Ranking> {
  return getJson<Ranking>(`${canteenPath(canteenId)}/ranking`, { params: query });
}

/** Admin: name, location, serving windows, 报餐 cut-off. */
export async function updateCanteen(canteenId: string, patch: CanteenUpdate): Promise<Canteen> {
  return (await http.patch<Canteen>(canteenPath(canteenId), patch)).data;
}
