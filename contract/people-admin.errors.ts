/** Error codes of 人员与角色 (admins granting and taking away roles). Chinese, saying what to do. */
export const PEOPLE_ADMIN_ERRORS = {
  PERSON_NOT_FOUND: '找不到此人员，请重新搜索',
  LAST_ADMIN: '不能移除最后一位管理员，请先为其他人授予管理员角色',
  CANTEEN_REQUIRED: '食堂角色需至少关联一个食堂，请选择所在食堂',
  ROLE_CANTEEN_UNKNOWN: '所选食堂不存在，请刷新后重新选择',
} as const;
