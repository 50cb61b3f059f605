/** The app's version as shown on 关于与版本; a test keeps it equal to package.json's `version`. */
export const APP_VERSION = '0.1.0';

/** Who runs the service and how to reach them (客服). */
export const SUPPORT_CONTACT = {
  team: '机关事务管理局 后勤服务中心',
  phone: '0571-87000000',
  hours: '工作日 8:30–12:00，13:30–17:30',
  place: '机关大院 1 号楼一楼 后勤服务中心窗口',
} as const;
