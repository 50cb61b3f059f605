import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, stringEnum } from './common.schema';
import { pageOf } from './page.schema';
import { MEAL_CARD_LIMITS, MEAL_CARD_TRANSACTION_KINDS } from './meal-card';
import { PEOPLE_DIRECTORY_LIMITS } from './people';

export * from './meal-card';

/**
 * 数字餐卡: one card per person, a balance in integer fen and a ledger. Every top-up, payment and
 * refund is one ledger row, and the balance always equals the sum of the card's ledger.
 */

export const MealCardTransactionSchema = Type.Object({
  id: Type.String(),
  kind: stringEnum(MEAL_CARD_TRANSACTION_KINDS),
  /** Signed: top-ups and refunds are positive, payments negative. */
  amountFen: Type.Integer(),
  balanceAfterFen: Type.Integer({ minimum: 0 }),
  /** The takeaway order a payment or refund belongs to. */
  orderId: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  /** Who made a top-up. */
  by: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
  at: InstantSchema,
});
export type MealCardTransaction = Static<typeof MealCardTransactionSchema>;

/** GET /api/meal-card — the balance and the latest transactions, newest first. */
export const MealCardSchema = Type.Object({
  personId: Type.String(),
  balanceFen: Type.Integer({ minimum: 0 }),
  transactions: Type.Array(MealCardTransactionSchema),
  /** More transactions follow: GET /api/meal-card/transactions?cursor= (null when these are all). */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type MealCard = Static<typeof MealCardSchema>;

/** GET /api/meal-card/transactions?limit=&cursor= — my card's ledger, newest first, page by page. */
export const MealCardTransactionPageSchema = pageOf(MealCardTransactionSchema);
export type MealCardTransactionPage = Static<typeof MealCardTransactionPageSchema>;

export const MealCardQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type MealCardQuery = Static<typeof MealCardQuerySchema>;

/**
 * POST /api/meal-cards/topups (admin, with an `Idempotency-Key` header): the same amount to each
 * named person, or to everyone in a unit (a monthly subsidy). Give exactly one of personIds / unit.
 */
export const TopupRequestSchema = Type.Object(
  {
    personIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        minItems: 1,
        maxItems: MEAL_CARD_LIMITS.maxTopupPeople,
      }),
    ),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: PEOPLE_DIRECTORY_LIMITS.maxUnitLength })),
    amountFen: Type.Integer({ minimum: 1, maximum: MEAL_CARD_LIMITS.maxTopupFen }),
    note: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type TopupRequest = Static<typeof TopupRequestSchema>;

export const TopupResultSchema = Type.Object({
  id: Type.String(),
  amountFen: Type.Integer({ minimum: 1 }),
  note: Type.String(),
  /** amountFen × recipients. */
  totalFen: Type.Integer({ minimum: 0 }),
  recipients: Type.Array(
    Type.Object({ personId: Type.String(), name: Type.String(), balanceAfterFen: Type.Integer({ minimum: 0 }) }),
  ),
  at: InstantSchema,
});
export type TopupResult = Static<typeof TopupResultSchema>;

export const MealCardPersonParamsSchema = Type.Object({ personId: Type.String({ minLength: 1, maxLength: 64 }) });
export type MealCardPersonParams = Static<typeof MealCardPersonParamsSchema>;
