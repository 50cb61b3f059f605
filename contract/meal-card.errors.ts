/** Error codes of the digital meal card (数字餐卡). Messages are Chinese and say what to do. */
export const MEAL_CARD_ERRORS = {
  INSUFFICIENT_BALANCE: '餐卡余额不足，请联系管理员充值',
  TOPUP_NO_RECIPIENTS: '没有找到要充值的人员，请检查人员或单位',
} as const;
