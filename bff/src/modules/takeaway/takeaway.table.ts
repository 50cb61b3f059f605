import type { Selectable } from 'kysely';

export interface TakeawaySettingsTable {
  canteen_id: string;
  /** 1: closing the day refunds uncollected orders to the meal card. */
  refund_expired: number;
  updated_at: string;
  updated_by: string | null;
}

export interface TakeawayItemsTable {
  id: string;
  canteen_id: string;
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  date: string;
  name: string;
  price_fen: number;
  stock: number;
  /** stock − sold; only conditional updates change it. */
  remaining: number;
  sale_starts_at: string;
  sale_ends_at: string;
  pickup_starts_at: string;
  pickup_ends_at: string;
  /** null: no per-person limit. */
  per_person_limit: number | null;
  /** 1 when the item has pickup slots. */
  has_slots: number;
  dish_id: string | null;
  status: 'published' | 'withdrawn';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** When the canteen closed the item's day (结束今天); set, the item sells no more. */
  closed_at: string | null;
}

/** A canteen's takeaway day: a row once it has items, `closed_at` set once it is closed. */
export interface TakeawayDaysTable {
  canteen_id: string;
  /** 'YYYY-MM-DD', Asia/Shanghai. */
  date: string;
  closed_at: string | null;
  /** Who closed it; null when housekeeping closed a day nobody closed. */
  closed_by: string | null;
}

export interface TakeawayPickupSlotsTable {
  id: string;
  item_id: string;
  canteen_id: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  remaining: number;
}

export interface TakeawayOrdersTable {
  id: string;
  person_id: string;
  canteen_id: string;
  date: string;
  status: 'placed' | 'collected' | 'cancelled' | 'expired';
  total_fen: number;
  refunded_fen: number;
  pickup_slot_id: string | null;
  pickup_starts_at: string;
  pickup_ends_at: string;
  pickup_code: string;
  cancel_until: string;
  idempotency_key: string;
  request_hash: string;
  created_at: string;
  collected_at: string | null;
  collected_by: string | null;
  cancelled_at: string | null;
  expired_at: string | null;
}

export interface TakeawayOrderLinesTable {
  order_id: string;
  item_id: string;
  /** The item's name when ordered. */
  name: string;
  quantity: number;
  /** The unit price when ordered. */
  price_fen: number;
}

export interface TakeawayPurchasesTable {
  person_id: string;
  item_id: string;
  quantity: number;
}

export type TakeawayItemRow = Selectable<TakeawayItemsTable>;
export type TakeawayDayRow = Selectable<TakeawayDaysTable>;
export type PickupSlotRow = Selectable<TakeawayPickupSlotsTable>;
export type OrderRow = Selectable<TakeawayOrdersTable>;
export type OrderLineRow = Selectable<TakeawayOrderLinesTable>;

/** The takeaway module's tables. */
export interface TakeawayTables {
  takeaway_settings: TakeawaySettingsTable;
  takeaway_days: TakeawayDaysTable;
  takeaway_items: TakeawayItemsTable;
  takeaway_pickup_slots: TakeawayPickupSlotsTable;
  takeaway_orders: TakeawayOrdersTable;
  takeaway_order_lines: TakeawayOrderLinesTable;
  takeaway_purchases: TakeawayPurchasesTable;
}
