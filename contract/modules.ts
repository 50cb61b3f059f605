import type { Role } from './roles';

/**
 * The service catalogue behind the home grid: every module of product.md, grouped the way users
 * think of them. `live: false` shows as 即将上线 and opens nothing. Each tile's icon is keyed by `id`
 * in `src/features/home/components/service-icons.ts`.
 */
export type ServiceGroup = 'canteen' | 'travel' | 'office' | 'manage';

export const SERVICE_GROUP_LABELS: Record<ServiceGroup, string> = {
  canteen: '食堂服务',
  travel: '出行访客',
  office: '办公服务',
  manage: '管理',
};

export interface ServiceEntry {
  id: string;
  name: string;
  group: ServiceGroup;
  roles: readonly Role[];
  /** Page path in the mini-app once the module is built. */
  path?: string;
  live: boolean;
}

const ALL_STAFF: readonly Role[] = ['staff', 'admin'];

export const SERVICES: readonly ServiceEntry[] = [
  {
    id: 'menu',
    name: '今日菜品',
    group: 'canteen',
    roles: ['staff', 'canteen', 'admin'],
    path: '/packages/canteen/pages/menu/index',
    live: true,
  },
  {
    id: 'takeaway',
    name: '食堂外卖',
    group: 'canteen',
    roles: ALL_STAFF,
    path: '/packages/takeaway/pages/order/index',
    live: true,
  },
  {
    id: 'meal-card',
    name: '数字餐卡',
    group: 'canteen',
    roles: ALL_STAFF,
    path: '/packages/takeaway/pages/meal-card/index',
    live: true,
  },
  {
    id: 'headcount',
    name: '报餐',
    group: 'canteen',
    roles: ALL_STAFF,
    path: '/packages/headcount/pages/signup/index',
    live: true,
  },
  {
    id: 'canteen-manage',
    name: '食堂管理',
    group: 'canteen',
    roles: ['canteen', 'admin'],
    path: '/packages/canteen/pages/manage/index',
    live: true,
  },
  {
    id: 'canteen-board',
    name: '订单看板',
    group: 'canteen',
    roles: ['canteen'],
    path: '/packages/takeaway/pages/board/index',
    live: true,
  },
  // Staff book; a visitor's car is parked through their visit (访客预约), not here.
  {
    id: 'parking',
    name: '停车预约',
    group: 'travel',
    roles: ['staff'],
    path: '/packages/parking/pages/book/index',
    live: true,
  },
  {
    id: 'parking-gate',
    name: '车辆放行',
    group: 'travel',
    roles: ['guard'],
    path: '/packages/parking/pages/gate/index',
    live: true,
  },
  {
    id: 'visitors',
    name: '访客预约',
    group: 'travel',
    roles: ['staff', 'visitor', 'admin'],
    path: '/packages/visitors/pages/visits/index',
    live: true,
  },
  {
    id: 'gate',
    name: '门岗核验',
    group: 'travel',
    roles: ['guard'],
    path: '/packages/visitors/pages/gate/index',
    live: true,
  },
  {
    id: 'repairs',
    name: '报修服务',
    group: 'office',
    roles: ['staff', 'admin'],
    path: '/packages/repairs/pages/tickets/index',
    live: true,
  },
  {
    id: 'repair-tasks',
    name: '维修工单',
    group: 'office',
    // Admins escalated to (an overdue ticket past its second limit) open the dispatcher's board from here.
    roles: ['repairer', 'dispatcher', 'admin'],
    path: '/packages/repairs/pages/tasks/index',
    live: true,
  },
  { id: 'meetings', name: '会议预约', group: 'office', roles: ALL_STAFF, live: false },
  {
    id: 'mailbox',
    name: '服务信箱',
    group: 'office',
    // Anyone signed in may write (the BFF lets them); the guard's home stays the gate check alone.
    roles: ['staff', 'visitor', 'repairer', 'dispatcher', 'canteen', 'admin'],
    path: '/packages/mailbox/pages/letters/index',
    live: true,
  },
  { id: 'cockpit', name: '驾驶舱', group: 'manage', roles: ['admin'], live: false },
  {
    id: 'parking-admin',
    name: '停车场管理',
    group: 'manage',
    roles: ['admin'],
    path: '/packages/parking/pages/admin/index',
    live: true,
  },
  {
    id: 'meal-card-topup',
    name: '餐卡充值',
    group: 'manage',
    roles: ['admin'],
    path: '/packages/takeaway/pages/topup/index',
    live: true,
  },
  {
    id: 'people-admin',
    name: '人员与角色',
    group: 'manage',
    roles: ['admin'],
    path: '/packages/people-admin/pages/people/index',
    live: true,
  },
  {
    id: 'mailbox-triage',
    name: '信箱处理',
    group: 'manage',
    roles: ['admin'],
    path: '/packages/mailbox/pages/inbox/index',
    live: true,
  },
];

/** What one person sees: the entries any of their roles may use, in catalogue order, by group. */
export function servicesFor(roles: readonly Role[]): { group: ServiceGroup; label: string; entries: ServiceEntry[] }[] {
  const visible = SERVICES.filter((entry) => entry.roles.some((role) => roles.includes(role)));
  return (Object.keys(SERVICE_GROUP_LABELS) as ServiceGroup[])
    .map((group) => ({ group, label: SERVICE_GROUP_LABELS[group], entries: visible.filter((e) => e.group === group) }))
    .filter((section) => section.entries.length > 0);
}
