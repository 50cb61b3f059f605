import type { Role } from '@contract/roles';

/** A person the mock knows. `demo` people are offered on the demo sign-in page. */
export interface MockPerson {
  id: string;
  name: string;
  unit: string;
  roles: Role[];
  demo: boolean;
  disabled: boolean;
}

export interface SeedMessage {
  personId: string;
  title: string;
  body: string;
  /** Hours before the moment the state was reset. */
  hoursAgo: number;
  read: boolean;
  /** What it is about (tapping it opens that), as the BFF sends it. */
  subject?: { kind: string; id: string };
}

/** Demo people, several roles; 孙丽 holds two. */
export const DEMO_PEOPLE: readonly MockPerson[] = [
  {
    id: 'demo-staff',
    name: '张伟',
    unit: '杭州市机关事务管理局·综合处',
    roles: ['staff'],
    demo: true,
    disabled: false,
  },
  { id: 'demo-staff-2', name: '李娜', unit: '杭州市发展和改革委员会', roles: ['staff'], demo: true, disabled: false },
  { id: 'demo-visitor', name: '周敏', unit: '杭州云栖科技有限公司', roles: ['visitor'], demo: true, disabled: false },
  {
    id: 'demo-repairer',
    name: '陈刚',
    unit: '市民中心后勤服务中心·维修班',
    roles: ['repairer'],
    demo: true,
    disabled: false,
  },
  {
    id: 'demo-dispatcher',
    name: '刘洋',
    unit: '市民中心后勤服务中心',
    roles: ['dispatcher'],
    demo: true,
    disabled: false,
  },
  { id: 'demo-canteen', name: '王芳', unit: '市民中心第一食堂', roles: ['canteen'], demo: true, disabled: false },
  { id: 'demo-guard', name: '赵强', unit: '市民中心东门岗', roles: ['guard'], demo: true, disabled: false },
  {
    id: 'demo-admin',
    name: '孙丽',
    unit: '杭州市机关事务管理局',
    roles: ['admin', 'staff'],
    demo: true,
    disabled: false,
  },
];

/** The guard has none, so the empty message list is easy to reach. */
export const SEED_MESSAGES: readonly SeedMessage[] = [
  {
    personId: 'demo-staff',
    title: '欢迎使用数智后勤',
    body: '食堂、停车、访客、报修等服务都可以在手机上办理，一次都不用跑。',
    hoursAgo: 72,
    read: true,
  },
  {
    personId: 'demo-staff',
    title: '本周菜单已发布',
    body: '第一食堂本周菜单已发布，欢迎点赞或提出建议。',
    hoursAgo: 20,
    read: false,
  },
  {
    personId: 'demo-staff',
    title: '报修已受理',
    body: '您报修的 3 号楼 502 室空调已派单，维修师傅将尽快上门。',
    hoursAgo: 2,
    read: false,
    subject: { kind: 'repair-ticket', id: 'ticket-demo-1' },
  },
  {
    personId: 'demo-staff-2',
    title: '欢迎使用数智后勤',
    body: '食堂、停车、访客、报修等服务都可以在手机上办理，一次都不用跑。',
    hoursAgo: 30,
    read: false,
  },
  {
    personId: 'demo-visitor',
    title: '访客预约已通过',
    body: '您明天 9:30 的来访已获批准，请凭通行码从东门进入。',
    hoursAgo: 5,
    read: false,
  },
  {
    personId: 'demo-repairer',
    title: '新的维修工单',
    body: '3 号楼 502 室空调不制冷，请在 30 分钟内接单。',
    hoursAgo: 1,
    read: false,
  },
  {
    personId: 'demo-dispatcher',
    title: '工单即将超时',
    body: '3 号楼 502 室空调工单 10 分钟后超过接单时限。',
    hoursAgo: 1,
    read: false,
  },
  {
    personId: 'demo-canteen',
    title: '今日外卖订单汇总',
    body: '今日午餐外卖共 128 单，请按取餐时段备餐。',
    hoursAgo: 3,
    read: true,
  },
  {
    personId: 'demo-admin',
    title: '服务信箱有新来信',
    body: '收到 2 封新的建议，请及时分派处理。',
    hoursAgo: 4,
    read: false,
  },
];
