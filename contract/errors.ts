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
  // Takeaway ordering (食堂外卖) and the meal card (数字餐卡).
  SOLD_OUT: '该菜品已售罄，请选择其他菜品',
  SALE_NOT_OPEN: '还没到开售时间，请稍后再来',
  SALE_CLOSED: '已过售卖时间，今天不能再订了',
  ITEM_WITHDRAWN: '该菜品已下架，请选择其他菜品',
  ITEM_NOT_FOUND: '菜品不存在，请刷新后重试',
  LIMIT_EXCEEDED: '超过每人限购份数，请减少数量',
  SLOT_FULL: '该取餐时段已约满，请换一个时段',
  SLOT_NOT_FOUND: '取餐时段不存在，请重新选择',
  PICKUP_SLOT_REQUIRED: '请选择取餐时段',
  INSUFFICIENT_BALANCE: '餐卡余额不足，请联系管理员充值',
  INVALID_QUANTITY: '份数须为 1 到 99 的整数',
  ORDER_MIXED_DATES: '一个订单只能包含同一天的菜品，请分开下单',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_NOT_CANCELLABLE: '已过售卖时间，订单不能再取消',
  PICKUP_CODE_INVALID: '取餐码无效，请核对 6 位数字后重试',
  PICKUP_NOT_OPEN: '还没到该订单的取餐日期，请在订单日期当天取餐',
  ORDER_ALREADY_COLLECTED: '该订单已取餐，不能重复取餐或取消',
  ORDER_CANCELLED: '该订单已取消，不能取餐',
  ORDER_EXPIRED: '该订单已过期，不能取餐或取消',
  WRONG_CANTEEN: '这不是本食堂的订单或取餐时段，请到下单的食堂办理',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少 Idempotency-Key（1 到 128 个可见字符），请更新应用后重试',
  IDEMPOTENCY_KEY_REUSED: '同一个 Idempotency-Key 已用于另一笔不同的请求，请重新提交',
  STOCK_BELOW_SOLD: '库存不能少于已售出的份数',
  NOT_CANTEEN_STAFF: '您不是该食堂的工作人员，不能进行此操作',
  TAKEAWAY_WINDOW_INVALID: '时间设置不正确：开始须早于结束，取餐时段须在取餐时间内，取餐须在当天开始',
  CLOSE_DAY_IN_FUTURE: '还没到这一天，不能结束当天的外卖',
  TOPUP_NO_RECIPIENTS: '没有找到要充值的人员，请检查人员或单位',
  // Canteen menus, dish votes and 报餐 (issue 3). NOT_CANTEEN_STAFF above is shared.
  INVALID_DATE: '日期无效，请选择一个真实存在的日期（年-月-日）',
  DATE_RANGE_INVALID: '日期范围不正确：开始日期不能晚于结束日期，且跨度不能过大',
  DATE_OUT_OF_RANGE: '日期超出可办理的范围，请选择近期的日期',
  CALENDAR_UNAVAILABLE: '该年份的节假日安排尚未公布，暂时无法办理，请公布后再试',
  CANTEEN_NOT_FOUND: '食堂不存在，请刷新后重新选择',
  SERVING_WINDOWS_INVALID: '供餐时间不正确：每餐开始须早于结束，各餐按早、午、晚顺序且不能重叠',
  STAFF_NOT_CANTEEN_ROLE: '只能指派具有“食堂”角色的人员，请先为其开通角色',
  DISH_NOT_FOUND: '菜品不存在或不属于本食堂，请刷新后重试',
  DISH_NAME_TAKEN: '本食堂已有同名菜品（含已停用的），请换个名称或恢复原菜品',
  DISH_RETIRED: '该菜品已停用，请先恢复后再加入菜单',
  MEAL_NOT_SERVED: '该食堂不供应这一餐，请选择其他餐次或食堂',
  MENU_DATE_PASSED: '不能修改已经过去的日期的菜单',
  MENU_EMPTY: '所选日期还没有编排菜品，请先添加菜品再发布',
  MENU_PUBLISHED: '目标日期的菜单已发布，请先撤回发布再复制',
  MENU_NOT_PUBLISHED: '这一餐的菜单还未发布，发布后才能评价',
  DISH_NOT_ON_MENU: '该菜品不在这一天本食堂的菜单上，请刷新菜单后再评价',
  VOTE_NOT_OPEN: '还没到供应这道菜的日子，开餐当天起才能评价',
  VOTE_CLOSED: '只能评价最近 7 天的菜品，这一天的评价已截止',
  HEADCOUNT_CLOSED: '报餐已截止，如需就餐请直接联系食堂',
  NOT_A_WORKDAY: '这一天不是工作日，食堂不需要报餐',
  UPLOAD_TYPE_NOT_ALLOWED: '只能上传 JPG、PNG 或 WebP 格式的图片，请换一张',
  UPLOAD_TOO_LARGE: '图片不能超过 5 MB，请压缩后重新上传',
  UPLOAD_EMPTY: '没有收到图片内容，请重新选择图片上传',
  UPLOAD_NOT_FOUND: '图片不存在，请重新上传',
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  TIMEOUT: '请求超时，请稍后重试',
  INTERNAL: '服务暂时不可用，请稍后再试',
  // Takeaway (issue 4, continued): slots belong to one item; a closed day sells no more.
  ORDER_MIXED_SLOTS: '一个订单只能包含一种分时段取餐的菜品，请分开下单',
  TAKEAWAY_DAY_CLOSED: '食堂已结束这一天的外卖，不能再下单或上架菜品',
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
