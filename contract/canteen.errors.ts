/** Error codes of canteen menus (今日菜品): canteens, dishes, menus, votes. Messages are Chinese and say what to do. */
export const CANTEEN_ERRORS = {
  NOT_CANTEEN_STAFF: '您不是该食堂的工作人员，不能进行此操作',
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
} as const;
