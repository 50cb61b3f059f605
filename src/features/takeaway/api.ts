import type { CanteenList, DishList } from '@contract/canteen.schema';
import type { OrderStatus } from '@contract/takeaway';
import type {
  BoardOrder,
  BoardOrderPage,
  CanteenBoard,
  CloseDayResult,
  NewOrder,
  NewTakeawayItem,
  Order,
  OrderList,
  TakeawayItem,
  TakeawayItemList,
  TakeawaySettings,
} from '@contract/takeaway.schema';
import { getJson, http, postJson } from '@/shared/http';

const id = encodeURIComponent;

/** Canteens the caller may use; `canManage` marks the ones they run (canteen staff, admins). */
export function fetchCanteens(): Promise<CanteenList> {
  return getJson<CanteenList>('/canteens');
}

/** Items of a day with live `remaining`; the canteen's own staff also get withdrawn ones. */
export function fetchItems(canteenId: string, date: string): Promise<TakeawayItemList> {
  return getJson<TakeawayItemList>(`/canteens/${id(canteenId)}/takeaway`, { params: { date } });
}

/**
 * Places and pays an order. `idempotencyKey` belongs to one checkout attempt: a retry of the same
 * attempt sends the same key and gets the same order back rather than a second charge.
 */
export function placeOrder(order: NewOrder, idempotencyKey: string): Promise<Order> {
  return postJson<Order>('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
}

/** My orders, newest first, a page at a time (`cursor`: the previous page's nextCursor). */
export function fetchOrders(cursor?: string): Promise<OrderList> {
  return getJson<OrderList>('/orders', { params: cursor ? { cursor } : {} });
}

export function fetchOrder(orderId: string): Promise<Order> {
  return getJson<Order>(`/orders/${id(orderId)}`);
}

export function cancelOrder(orderId: string): Promise<Order> {
  return postJson<Order>(`/orders/${id(orderId)}/cancel`);
}

// ---- canteen staff ----------------------------------------------------------------------------

export function createItem(canteenId: string, item: NewTakeawayItem): Promise<TakeawayItem> {
  return postJson<TakeawayItem>(`/canteens/${id(canteenId)}/takeaway`, item);
}

export function setItemPublished(canteenId: string, itemId: string, published: boolean): Promise<TakeawayItem> {
  return postJson<TakeawayItem>(
    `/canteens/${id(canteenId)}/takeaway/${id(itemId)}/${published ? 'publish' : 'withdraw'}`,
  );
}

export async function changeStock(canteenId: string, itemId: string, stock: number): Promise<TakeawayItem> {
  return (await http.put<TakeawayItem>(`/canteens/${id(canteenId)}/takeaway/${id(itemId)}/stock`, { stock })).data;
}

export function fetchSettings(canteenId: string): Promise<TakeawaySettings> {
  return getJson<TakeawaySettings>(`/canteens/${id(canteenId)}/takeaway/settings`);
}

export async function saveSettings(canteenId: string, settings: TakeawaySettings): Promise<TakeawaySettings> {
  return (await http.put<TakeawaySettings>(`/canteens/${id(canteenId)}/takeaway/settings`, settings)).data;
}

export function fetchBoard(canteenId: string, date: string): Promise<CanteenBoard> {
  return getJson<CanteenBoard>(`/canteens/${id(canteenId)}/orders`, { params: { date } });
}

/** A page of the day's orders in one status, newest first (`cursor`: the previous page's nextCursor). */
export function fetchBoardOrders(
  canteenId: string,
  date: string,
  status: OrderStatus,
  cursor?: string,
): Promise<BoardOrderPage> {
  return getJson<BoardOrderPage>(`/canteens/${id(canteenId)}/board/orders`, {
    params: { date, status, ...(cursor ? { cursor } : {}) },
  });
}

/** Hands out an order by its 6-digit code; refusals come back as ApiError with their reason. */
export function collectPickup(canteenId: string, code: string): Promise<BoardOrder> {
  return postJson<BoardOrder>(`/canteens/${id(canteenId)}/pickups`, { code });
}

export function closeDay(canteenId: string, date: string): Promise<CloseDayResult> {
  return postJson<CloseDayResult>(`/canteens/${id(canteenId)}/takeaway/close-day`, { date });
}

/** The canteen's dish library (in use only), to start an item from a dish. */
export function fetchDishes(canteenId: string): Promise<DishList> {
  return getJson<DishList>(`/canteens/${id(canteenId)}/dishes`);
}
