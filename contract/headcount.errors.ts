/** Error codes of meal headcount (报餐). Messages are Chinese and say what to do. */
export const HEADCOUNT_ERRORS = {
  HEADCOUNT_CLOSED: '报餐已截止，如需就餐请直接联系食堂',
  NOT_A_WORKDAY: '这一天不是工作日，食堂不需要报餐',
} as const;
