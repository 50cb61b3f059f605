/** Error codes of sign-in, sessions and people. Messages are Chinese and say what to do. */
export const AUTH_ERRORS = {
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  AUTH_PROVIDER_DISABLED: '当前环境未开放此登录方式',
  AUTH_CODE_INVALID: '登录凭证无效或已过期，请重新进入应用',
  AUTH_UPSTREAM_FAILED: '登录服务暂时不可用，请稍后再试',
  USER_NOT_FOUND: '用户不存在',
  USER_DISABLED: '该账号已停用，请联系管理员',
  IDENTITY_LINKED_ELSEWHERE: '该账号已绑定其他用户',
} as const;
