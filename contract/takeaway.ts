/** 食堂外卖 rules and wording the app may import as values: dependency-free (no TypeBox). */

export const TAKEAWAY_ITEM_STATUSES = ['published', 'withdrawn'] as const;
export type TakeawayItemStatus = (typeof TAKEAWAY_ITEM_STATUSES)[number];

export const ORDER_STATUSES = ['placed', 'collected', 'cancelled', 'expired'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * What the app shows for each order status (the state an order is in now): a placed order waits
 * at the counter, so it reads 待取餐 in lists, the detail and the board alike.
 */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  placed: '待取餐',
  collected: '已取餐',
  cancelled: '已取消',
  expired: '已过期',
};

/** What a timeline step says: the event that moved the order (placing it is 已下单). */
export const ORDER_EVENT_LABELS: Record<OrderStatus, string> = {
  placed: '已下单',
  collected: '已取餐',
  cancelled: '已取消',
  expired: '已过期',
};

/** Upper bounds the BFF enforces; the app uses them for steppers and forms. */
export const TAKEAWAY_LIMITS = {
  /** Largest quantity of one item in one order line. */
  maxQuantity: 99,
  maxLinesPerOrder: 20,
  /** Lowest price: an item is sold from the meal card, so ¥0 is refused (a mistyped price would give it away). */
  minPriceFen: 1,
  maxPriceFen: 100_000,
  maxStock: 100_000,
  maxPerPersonLimit: 999,
  maxPickupSlots: 12,
  maxSlotCapacity: 10_000,
} as const;

/** A pickup code is 6 digits; the order's QR encodes exactly these digits. */
export const PICKUP_CODE_PATTERN = '^\\d{6}$';

/**
 * How the live board's WebSocket closes when it may not (or may no longer) watch: the application
 * range, mirroring HTTP 401 / 403 / 400. The server sends `{"type":"error"}` with the code first and
 * repeats the error code as the close reason. 1011 (server error) means: reconnect later.
 */
export const BOARD_CLOSE_CODES = {
  /** No, an unknown, a revoked or an expired session: sign in again. */
  unauthenticated: 4401,
  /** Signed in, but not (or no longer) staff of this canteen, or the account is disabled. */
  forbidden: 4403,
  badRequest: 4400,
} as const;
