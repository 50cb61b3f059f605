/**
 * The closed set of error codes the API answers with, and the Chinese message for each.
 * The BFF sends `{ error: { code, message } }`; the app shows ERROR_MESSAGES[code] so wording lives here.
 */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确，请检查后重试',
  VALIDATION_FAILED: '填写的内容不符合要求，请检查后重试',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  NOT_FOUND: '请求的内容不存在',
  METHOD_NOT_ALLOWED: '不支持该操作',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  AUTH_PROVIDER_DISABLED: '当前环境未开放此登录方式',
  AUTH_CODE_INVALID: '登录凭证无效或已过期，请重新进入应用',
  AUTH_UPSTREAM_FAILED: '登录服务暂时不可用，请稍后再试',
  USER_NOT_FOUND: '用户不存在',
  USER_DISABLED: '该账号已停用，请联系管理员',
  IDENTITY_LINKED_ELSEWHERE: '该账号已绑定其他用户',
  MESSAGE_NOT_FOUND: '消息不存在',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '请求超时，请稍后重试',
  INTERNAL: '服务暂时不可用，请稍后再试',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/** The message to show for a code; an unknown code (a newer server) falls back to the generic one. */
export function messageFor(code: unknown): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.INTERNAL;
}
