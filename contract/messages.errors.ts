/** Error codes of the in-app message centre (消息). Messages are Chinese and say what to do. */
export const MESSAGES_ERRORS = {
  MESSAGE_NOT_FOUND: '消息不存在',
} as const;
