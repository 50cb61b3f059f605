import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, nullable, stringEnum } from './common.schema';
import { ORDER_STATUSES, TAKEAWAY_ITEM_STATUSES, TAKEAWAY_LIMITS, PICKUP_CODE_PATTERN } from './takeaway';

export * from './takeaway';

/**
 * 食堂外卖: takeaway items a canteen sells for one day, orders paid from the meal card, the pickup
 * code, and the canteen's live board. Money is integer fen (分); dates are `YYYY-MM-DD` in
 * Asia/Shanghai; instants are ISO-8601 with offset.
 */

/**
 * A string from a fixed list as a plain JSON-schema `enum`, not TypeBox's `anyOf` of literals:
 * the BFF serialises answers with fast-json-stringify, which runs a validator for every `anyOf` it
 * meets (README footguns), and these are on the busiest answers of the day. Nullable values use a
 * type array (`['integer', 'null']`) for the same reason.
 */

/** A calendar day in Asia/Shanghai, `YYYY-MM-DD`. */
export const TakeawayDateSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD（Asia/Shanghai）',
});

export const TakeawayCanteenParamsSchema = Type.Object({ canteenId: Type.String({ minLength: 1, maxLength: 64 }) });
export type TakeawayCanteenParams = Static<typeof TakeawayCanteenParamsSchema>;

export const TakeawayItemParamsSchema = Type.Object({
  canteenId: Type.String({ minLength: 1, maxLength: 64 }),
  itemId: Type.String({ minLength: 1, maxLength: 64 }),
});
export type TakeawayItemParams = Static<typeof TakeawayItemParamsSchema>;

/** `?date=YYYY-MM-DD`; today in Asia/Shanghai when absent. */
export const TakeawayDayQuerySchema = Type.Object({ date: Type.Optional(TakeawayDateSchema) });
export type TakeawayDayQuery = Static<typeof TakeawayDayQuerySchema>;

export const PickupSlotSchema = Type.Object({
  id: Type.String(),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  /** How many orders may choose this slot. */
  capacity: Type.Integer({ minimum: 1 }),
  remaining: Type.Integer({ minimum: 0 }),
});
export type PickupSlot = Static<typeof PickupSlotSchema>;

export const TakeawayItemSchema = Type.Object({
  id: Type.String(),
  canteenId: Type.String(),
  date: TakeawayDateSchema,
  name: Type.String(),
  priceFen: Type.Integer({ minimum: 0 }),
  stock: Type.Integer({ minimum: 0 }),
  /** Stock not yet sold; 0 shows as 已售罄. */
  remaining: Type.Integer({ minimum: 0 }),
  saleStartsAt: InstantSchema,
  saleEndsAt: InstantSchema,
  pickupStartsAt: InstantSchema,
  pickupEndsAt: InstantSchema,
  /** Most one person may buy of this item on its day; null = 不限购. */
  perPersonLimit: nullable(Type.Integer({ minimum: 1 })),
  /**
   * With a per-person limit: how many more the caller may still buy that day (the limit less what
   * their orders not cancelled hold). Absent for 不限购 items.
   */
  limitLeft: Type.Optional(Type.Integer({ minimum: 0 })),
  /** The dish in the canteen's dish library this item is made from, when it is one. */
  dishId: Type.Optional(Type.String()),
  /** Empty when the pickup window is not split into slots. */
  pickupSlots: Type.Array(PickupSlotSchema),
  status: stringEnum(TAKEAWAY_ITEM_STATUSES),
});
export type TakeawayItem = Static<typeof TakeawayItemSchema>;

export const TakeawayItemListSchema = Type.Object({
  items: Type.Array(TakeawayItemSchema),
  /** Present once the canteen has closed this day (结束今天): nothing of it can be ordered any more. */
  closedAt: Type.Optional(InstantSchema),
});
export type TakeawayItemList = Static<typeof TakeawayItemListSchema>;

export const NewPickupSlotSchema = Type.Object(
  {
    startsAt: InstantSchema,
    endsAt: InstantSchema,
    capacity: Type.Integer({ minimum: 1, maximum: TAKEAWAY_LIMITS.maxSlotCapacity }),
  },
  { additionalProperties: false },
);
export type NewPickupSlot = Static<typeof NewPickupSlotSchema>;

/** POST /api/canteens/:canteenId/takeaway */
export const NewTakeawayItemSchema = Type.Object(
  {
    date: TakeawayDateSchema,
    name: Type.String({ minLength: 1, maxLength: 40 }),
    /** At least ¥0.01: takeaway is paid from the meal card, and a ¥0 item is refused, not published free. */
    priceFen: Type.Integer({ minimum: TAKEAWAY_LIMITS.minPriceFen, maximum: TAKEAWAY_LIMITS.maxPriceFen }),
    stock: Type.Integer({ minimum: 0, maximum: TAKEAWAY_LIMITS.maxStock }),
    /** Must end after now (SALE_WINDOW_PAST): an item whose sale is already over could never sell. */
    saleStartsAt: InstantSchema,
    saleEndsAt: InstantSchema,
    pickupStartsAt: InstantSchema,
    pickupEndsAt: InstantSchema,
    /**
     * Omit for 不限购. Not `null`: the BFF's validator coerces types, and 0 would silently become
     * null (unlimited) in an integer-or-null union.
     */
    perPersonLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: TAKEAWAY_LIMITS.maxPerPersonLimit })),
    dishId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    pickupSlots: Type.Optional(Type.Array(NewPickupSlotSchema, { maxItems: TAKEAWAY_LIMITS.maxPickupSlots })),
    /** false keeps the item withdrawn (not on sale) until it is published. Default true. */
    publish: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewTakeawayItem = Static<typeof NewTakeawayItemSchema>;

/** PUT /api/canteens/:canteenId/takeaway/:itemId/stock — never below what is already sold. */
export const TakeawayStockChangeSchema = Type.Object(
  { stock: Type.Integer({ minimum: 0, maximum: TAKEAWAY_LIMITS.maxStock }) },
  { additionalProperties: false },
);
export type TakeawayStockChange = Static<typeof TakeawayStockChangeSchema>;

export const TakeawaySettingsSchema = Type.Object(
  {
    /** Refund uncollected orders to the meal card when the day is closed (default: no refund). */
    refundExpired: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type TakeawaySettings = Static<typeof TakeawaySettingsSchema>;

/** POST /api/orders — sent with an `Idempotency-Key` header. */
export const NewOrderSchema = Type.Object(
  {
    canteenId: Type.String({ minLength: 1, maxLength: 64 }),
    items: Type.Array(
      Type.Object(
        {
          itemId: Type.String({ minLength: 1, maxLength: 64 }),
          /** Checked by the BFF (INVALID_QUANTITY): a whole number from 1 to TAKEAWAY_LIMITS.maxQuantity. */
          quantity: Type.Number(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: TAKEAWAY_LIMITS.maxLinesPerOrder },
    ),
    pickupSlotId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type NewOrder = Static<typeof NewOrderSchema>;

export const OrderLineSchema = Type.Object({
  itemId: Type.String(),
  name: Type.String(),
  quantity: Type.Integer({ minimum: 1 }),
  /** Unit price when ordered. */
  priceFen: Type.Integer({ minimum: 0 }),
  amountFen: Type.Integer({ minimum: 0 }),
});
export type OrderLine = Static<typeof OrderLineSchema>;

export const OrderEventSchema = Type.Object({
  status: stringEnum(ORDER_STATUSES),
  at: InstantSchema,
});
export type OrderEvent = Static<typeof OrderEventSchema>;

/** The slot an order picks up in. */
export const PickupSlotRefSchema = Type.Object({ id: Type.String(), startsAt: InstantSchema, endsAt: InstantSchema });
export type PickupSlotRef = Static<typeof PickupSlotRefSchema>;

export const OrderSchema = Type.Object({
  id: Type.String(),
  canteenId: Type.String(),
  /** The day the items are for. */
  date: TakeawayDateSchema,
  status: stringEnum(ORDER_STATUSES),
  items: Type.Array(OrderLineSchema),
  totalFen: Type.Integer({ minimum: 0 }),
  /** The chosen slot, or null when the items have no slots. */
  pickupSlot: nullable(PickupSlotRefSchema),
  /** When to come: the slot, or the items' pickup window. */
  pickupStartsAt: InstantSchema,
  pickupEndsAt: InstantSchema,
  /** 6 digits; the QR encodes the same digits. */
  pickupCode: Type.String({ pattern: PICKUP_CODE_PATTERN }),
  /** Cancelling is possible until the sale window of its items closes or its pickup window ends, whichever is first. */
  cancellableUntil: InstantSchema,
  /** Money returned to the meal card (cancel, or an expired order in a canteen that refunds). */
  refundedFen: Type.Integer({ minimum: 0 }),
  /** 已下单 → 已取餐 / 已取消 / 已过期 (ORDER_EVENT_LABELS), oldest first. */
  timeline: Type.Array(OrderEventSchema),
  createdAt: InstantSchema,
});
export type Order = Static<typeof OrderSchema>;

export const OrderListSchema = Type.Object({ items: Type.Array(OrderSchema) });
export type OrderList = Static<typeof OrderListSchema>;

export const OrderListQuerySchema = Type.Object({
  status: Type.Optional(stringEnum(ORDER_STATUSES)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});
export type OrderListQuery = Static<typeof OrderListQuerySchema>;

/** POST /api/canteens/:canteenId/pickups — the code typed in or read from the QR. */
export const PickupRequestSchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 32 }) },
  { additionalProperties: false },
);
export type PickupRequest = Static<typeof PickupRequestSchema>;

/** An order as the canteen sees it: with who placed it. */
export const BoardOrderSchema = Type.Composite([
  OrderSchema,
  Type.Object({ person: Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() }) }),
]);
export type BoardOrder = Static<typeof BoardOrderSchema>;

export const PrepLineSchema = Type.Object({
  itemId: Type.String(),
  name: Type.String(),
  /** Ordered and not cancelled or expired: what the kitchen prepares. */
  quantity: Type.Integer({ minimum: 0 }),
  /** Of which already handed out. */
  collected: Type.Integer({ minimum: 0 }),
});
export type PrepLine = Static<typeof PrepLineSchema>;

/** GET /api/canteens/:canteenId/orders?date= — the board's list, oldest order first, with the prep list. */
export const CanteenBoardSchema = Type.Object({
  canteenId: Type.String(),
  date: TakeawayDateSchema,
  orders: Type.Array(BoardOrderSchema),
  prepList: Type.Array(PrepLineSchema),
  /** Present once the canteen has closed this day (结束今天): it sells nothing more. */
  closedAt: Type.Optional(InstantSchema),
});
export type CanteenBoard = Static<typeof CanteenBoardSchema>;

/** POST /api/canteens/:canteenId/takeaway/close-day */
export const CloseDaySchema = Type.Object({ date: TakeawayDateSchema }, { additionalProperties: false });
export type CloseDay = Static<typeof CloseDaySchema>;

export const CloseDayResultSchema = Type.Object({
  date: TakeawayDateSchema,
  /** Orders whose pickup window had ended uncollected: they became 已过期. */
  expired: Type.Integer({ minimum: 0 }),
  /**
   * Orders whose pickup window had not ended yet: they stay 待取餐 (paid for, still handed out in
   * their window); they expire once it has ended, at the next close or the housekeeping after it.
   */
  waiting: Type.Integer({ minimum: 0 }),
  /** Of which refunded to the meal card (the canteen's refundExpired setting). */
  refunded: Type.Integer({ minimum: 0 }),
  refundedFen: Type.Integer({ minimum: 0 }),
});
export type CloseDayResult = Static<typeof CloseDayResultSchema>;

/**
 * The live board: GET /api/canteens/:canteenId/board/ws?date=YYYY-MM-DD (WebSocket).
 * Sign in with `?token=<bearer token>` or by sending `{ "type": "auth", "token": "…" }` first.
 */
export const BoardSocketQuerySchema = Type.Object({
  date: Type.Optional(TakeawayDateSchema),
  token: Type.Optional(Type.String({ maxLength: 256 })),
});
export type BoardSocketQuery = Static<typeof BoardSocketQuerySchema>;

export const BoardClientMessageSchema = Type.Object({ type: Type.Literal('auth'), token: Type.String() });
export type BoardClientMessage = Static<typeof BoardClientMessageSchema>;

export const BoardServerMessageSchema = Type.Union([
  /** After sign-in: the whole board for the day. */
  Type.Object({ type: Type.Literal('ready'), board: CanteenBoardSchema }),
  /** New or changed orders of the day, pushed as they happen. */
  Type.Object({ type: Type.Literal('orders'), orders: Type.Array(BoardOrderSchema) }),
  /** The canteen closed the board's day (结束今天, from any device): it sells nothing more. */
  Type.Object({ type: Type.Literal('closed'), closedAt: InstantSchema }),
  /**
   * Sign-in refused or not this canteen's staff — at sign-in, or later when the session ends
   * (logout, expiry) or the person stops being this canteen's staff. The socket closes after it
   * with BOARD_CLOSE_CODES (4401: sign in again; 4403: not allowed), the code as close reason.
   */
  Type.Object({ type: Type.Literal('error'), error: Type.Object({ code: Type.String(), message: Type.String() }) }),
]);
export type BoardServerMessage = Static<typeof BoardServerMessageSchema>;
