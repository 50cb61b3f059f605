// Which pages the accessibility sweep visits, and as whom. Every page of src/app.config.ts (main
// package and subpackages) must be listed here with a role that can use it: the sweep fails on a
// page it does not know, so a new page cannot skip the check.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every route of the app as `/pages/x/index` or `/packages/m/pages/x/index`, read from app.config.ts. */
export function appRoutes() {
  const text = fs.readFileSync(path.join(repoRoot, 'src', 'app.config.ts'), 'utf8').replace(/\/\/.*$/gm, '');
  const [modules, app] = text.split('export default defineAppConfig');
  const routes = [];
  let root;
  for (const match of modules.matchAll(/root:\s*'([^']+)'|'(pages\/[^']+)'/g)) {
    if (match[1]) root = match[1];
    else if (root) routes.push(`/${root}/${match[2]}`);
  }
  const main = /pages:\s*\[([^\]]*)\]/.exec(app);
  for (const match of (main?.[1] ?? '').matchAll(/'(pages\/[^']+)'/g)) routes.push(`/${match[1]}`);
  return routes;
}

/**
 * route → { role, query?, text? }: who opens it (`null`: signed out), what it needs in its address
 * (`{orderId}`, `{letterId}` and `{today}` are filled in by the sweep), and a text to wait for before checking.
 */
export const PAGE_VISITS = {
  '/pages/home/index': { role: 'staff', text: '今日菜品' },
  '/pages/messages/index': { role: 'staff' },
  '/pages/profile/index': { role: 'staff', text: '关怀模式' },
  '/pages/sign-in/index': { role: null, text: '演示登录' },
  '/packages/canteen/pages/menu/index': { role: 'staff' },
  '/packages/canteen/pages/week/index': { role: 'staff' },
  '/packages/canteen/pages/manage/index': { role: 'canteen' },
  '/packages/canteen/pages/dishes/index': { role: 'canteen' },
  '/packages/canteen/pages/dish-edit/index': { role: 'canteen' },
  '/packages/canteen/pages/editor/index': { role: 'canteen' },
  '/packages/canteen/pages/forecast/index': { role: 'canteen' },
  '/packages/canteen/pages/settings/index': { role: 'admin' },
  '/packages/takeaway/pages/order/index': { role: 'staff', text: '红烧肉套餐' },
  '/packages/takeaway/pages/orders/index': { role: 'staff' },
  '/packages/takeaway/pages/order-detail/index': { role: 'staff', query: '?id={orderId}', text: '取餐码' },
  '/packages/takeaway/pages/meal-card/index': { role: 'staff' },
  '/packages/takeaway/pages/board/index': { role: 'canteen', text: '取餐核销' },
  '/packages/takeaway/pages/items/index': { role: 'canteen' },
  '/packages/takeaway/pages/item-new/index': { role: 'canteen', query: '?canteenId=canteen-1&date={today}' },
  '/packages/takeaway/pages/topup/index': { role: 'admin' },
  '/packages/about/pages/privacy/index': { role: 'staff', text: '一、我们收集哪些信息' },
  '/packages/about/pages/terms/index': { role: 'staff', text: '三、数字餐卡' },
  '/packages/about/pages/about/index': { role: 'staff', text: '版本 0.1.0' },
  '/packages/about/pages/support/index': { role: 'staff', text: '客服电话' },
  '/packages/about/pages/not-found/index': { role: 'staff', text: '页面不存在' },
  '/packages/headcount/pages/signup/index': { role: 'staff' },
  '/packages/mailbox/pages/letters/index': { role: 'staff', text: '写信' },
  '/packages/mailbox/pages/write/index': { role: 'staff', text: '匿名' },
  '/packages/mailbox/pages/letter/index': { role: 'staff', query: '?id={letterId}', text: '无障碍检查' },
  '/packages/mailbox/pages/inbox/index': { role: 'admin', text: '待回复' },
  '/packages/repairs/pages/tickets/index': { role: 'staff', text: '我要报修' },
  '/packages/repairs/pages/report/index': { role: 'staff', text: '提交报修' },
  // A demo ticket in 维修中 (repairs.seed.ts), which a dispatcher may read.
  '/packages/repairs/pages/ticket/index': {
    role: 'dispatcher',
    query: '?id=0193a000-0000-7000-8000-000000000004',
    text: '处理过程',
  },
  '/packages/repairs/pages/tasks/index': { role: 'repairer', text: '我的工单' },
  '/packages/repairs/pages/board/index': { role: 'dispatcher', text: '按类别' },
  '/packages/repairs/pages/rules/index': { role: 'dispatcher', text: '楼宇 → 片区' },
  '/packages/repairs/pages/repairer/index': {
    role: 'dispatcher',
    query: '?personId=demo-repairer-01',
    text: '保存档案',
  },
  '/packages/parking/pages/book/index': { role: 'staff', text: '我的车辆' },
  '/packages/parking/pages/bookings/index': { role: 'staff', text: '预约车位' },
  '/packages/parking/pages/gate/index': { role: 'guard', text: '预计车辆' },
  '/packages/parking/pages/admin/index': { role: 'admin', text: '保存规则' },
  '/packages/visitors/pages/visits/index': { role: 'staff', text: '邀请访客' },
  '/packages/visitors/pages/visit/index': { role: 'visitor', query: '?id={visitId}', text: '访客通行码' },
  '/packages/visitors/pages/invite/index': { role: 'staff', text: '生成邀请' },
  '/packages/visitors/pages/apply/index': { role: 'visitor', text: '我已阅读并同意' },
  '/packages/visitors/pages/invitation/index': { role: 'visitor', query: '?token=VI1.x.y.z', text: '邀请链接无效' },
  '/packages/visitors/pages/gate/index': { role: 'guard', text: '核验通行码' },
  '/packages/visitors/pages/walk-in/index': { role: 'guard', text: '我已阅读并同意' },
  '/packages/visitors/pages/admin/index': { role: 'admin', text: '加入限制名单' },
  '/packages/people-admin/pages/people/index': { role: 'admin', text: '共' },
  '/packages/people-admin/pages/person/index': { role: 'admin', query: '?id=demo-multi-01', text: '变更记录' },
};

/** Extra visits beyond one per route: every role's home grid, and an unknown address (→ 页面不存在). */
export const EXTRA_VISITS = [
  { path: '/pages/home/index', role: 'canteen', text: '订单看板' },
  { path: '/pages/home/index', role: 'admin', text: '餐卡充值' },
  { path: '/pages/home/index', role: 'guard', text: '门岗核验' },
  { path: '/pages/home/index', role: 'visitor', text: '访客预约' },
  { path: '/pages/home/index', role: 'repairer', text: '维修工单' },
  { path: '/no/such/page', role: 'staff', text: '页面不存在' },
  { path: '/no/such/page', role: null, text: '页面不存在' },
];
