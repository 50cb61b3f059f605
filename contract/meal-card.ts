/** 数字餐卡 rules and wording the app may import as values: dependency-free (no TypeBox). */

export const MEAL_CARD_TRANSACTION_KINDS = ['topup', 'payment', 'refund'] as const;
export type MealCardTransactionKind = (typeof MEAL_CARD_TRANSACTION_KINDS)[number];

export const MEAL_CARD_TRANSACTION_LABELS: Record<MealCardTransactionKind, string> = {
  topup: '充值',
  payment: '支付',
  refund: '退款',
};

export const MEAL_CARD_LIMITS = {
  /** One top-up of one card, fen (¥10,000). */
  maxTopupFen: 1_000_000,
  /** People named in one top-up request. */
  maxTopupPeople: 1000,
} as const;
