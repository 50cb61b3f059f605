/** Error codes of the service mailbox (服务信箱). Messages are Chinese and say what to do. */
export const MAILBOX_ERRORS = {
  MAILBOX_CATEGORY_NOT_FOUND: '该信件类别不存在，请刷新后重新选择',
  LETTER_NOT_FOUND: '信件不存在或您无权查看',
  LETTER_BODY_BLANK: '请填写信件内容',
  LETTER_ALREADY_REPLIED: '这封信已经回复过了，不能重复回复',
  LETTER_NOT_REPLIED: '这封信还没有回复，回复后才能评价',
  LETTER_ALREADY_RATED: '您已经评价过这次回复，不能重复评价',
  NOT_LETTER_OWNER: '这封信不是分派给您的，不能回复',
} as const;
