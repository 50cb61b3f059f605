import type { Role } from '@contract/roles';

/** The demo compound: modelled on a Hangzhou Citizen Center-style campus (product.md). */
export const DEMO_CAMPUS = { id: 'campus-smzx', name: '市民中心', address: '杭州市江干区解放东路18号' };

export const DEMO_BUILDINGS = [
  { id: 'bld-a', name: 'A座' },
  { id: 'bld-b', name: 'B座' },
  { id: 'bld-c', name: 'C座' },
  { id: 'bld-d', name: 'D座' },
];

export const DEMO_CANTEENS = [
  { id: 'canteen-1', name: '第一食堂', location: 'A座负一楼' },
  { id: 'canteen-2', name: '第二食堂', location: 'C座二楼' },
];

export const DEMO_LOTS = [
  { id: 'lot-north', name: '北区地面停车场', capacity: 120 },
  { id: 'lot-underground', name: '地下停车库', capacity: 480 },
];

export const DEMO_ROOMS = [
  { id: 'room-a301', buildingId: 'bld-a', name: 'A301 会议室', capacity: 12 },
  { id: 'room-b501', buildingId: 'bld-b', name: 'B501 报告厅', capacity: 120 },
  { id: 'room-c208', buildingId: 'bld-c', name: 'C208 洽谈室', capacity: 6 },
];

export interface DemoPerson {
  id: string;
  name: string;
  unit: string;
  roles: Role[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { id: 'demo-staff-01', name: '张伟', unit: '市发展和改革委员会', roles: ['staff'] },
  { id: 'demo-staff-02', name: '王芳', unit: '市财政局', roles: ['staff'] },
  { id: 'demo-staff-03', name: '李强', unit: '市教育局', roles: ['staff'] },
  { id: 'demo-staff-04', name: '刘洋', unit: '市人力资源和社会保障局', roles: ['staff'] },
  { id: 'demo-staff-05', name: '陈静', unit: '市卫生健康委员会', roles: ['staff'] },
  { id: 'demo-staff-06', name: '杨磊', unit: '市住房和城乡建设局', roles: ['staff'] },
  { id: 'demo-staff-07', name: '赵敏', unit: '市市场监督管理局', roles: ['staff'] },
  { id: 'demo-staff-08', name: '黄俊', unit: '市机关事务管理局', roles: ['staff', 'dispatcher'] },
  { id: 'demo-visitor-01', name: '周晓', unit: '浙江某科技有限公司', roles: ['visitor'] },
  { id: 'demo-visitor-02', name: '吴倩', unit: '某建筑设计院', roles: ['visitor'] },
  { id: 'demo-repairer-01', name: '郑师傅', unit: '市民中心物业服务中心', roles: ['repairer'] },
  { id: 'demo-repairer-02', name: '孙师傅', unit: '市民中心物业服务中心', roles: ['repairer'] },
  { id: 'demo-dispatcher-01', name: '钱主管', unit: '市民中心物业服务中心', roles: ['dispatcher', 'repairer'] },
  { id: 'demo-canteen-01', name: '林师傅', unit: '第一食堂', roles: ['canteen'] },
  { id: 'demo-canteen-02', name: '何师傅', unit: '第二食堂', roles: ['canteen'] },
  { id: 'demo-guard-01', name: '马队长', unit: '市民中心安保部', roles: ['guard'] },
  { id: 'demo-guard-02', name: '罗保安', unit: '市民中心安保部', roles: ['guard'] },
  { id: 'demo-admin-01', name: '高处长', unit: '市机关事务管理局', roles: ['admin', 'staff'] },
  { id: 'demo-admin-02', name: '徐科长', unit: '市机关事务管理局', roles: ['admin'] },
  { id: 'demo-multi-01', name: '许燕', unit: '市机关事务管理局', roles: ['staff', 'canteen', 'guard'] },
];

/** Who works for which canteen (canteen_staff); the canteen menus seed may link the same people. */
export const DEMO_CANTEEN_STAFF = [
  { personId: 'demo-canteen-01', canteenId: 'canteen-1' },
  { personId: 'demo-canteen-02', canteenId: 'canteen-2' },
  { personId: 'demo-multi-01', canteenId: 'canteen-1' },
];

/** Every demo person who eats (staff, admin, canteen…, not visitors) starts with ¥300 on the card. */
export const DEMO_MEAL_CARD_TOPUP = { amountFen: 30_000, note: '演示初始餐补', byPersonId: 'demo-admin-01' };

/**
 * Takeaway items put on sale every day the demo runs, in both canteens. Sale and pickup windows
 * cover the whole day so the demo works at any hour; an item with slots has its pickup window
 * split into slots from 00:00 to 24:00, so the window it shows is the one checkout offers (fine
 * slots around lunch and dinner). Slots are 'HH:mm' in Asia/Shanghai; '24:00' is the day's end.
 */
export interface DemoTakeawayItem {
  key: string;
  canteenId: string;
  name: string;
  priceFen: number;
  stock: number;
  perPersonLimit: number | null;
  slots?: { starts: string; ends: string; capacity: number }[];
}

const DAY_SLOTS = [
  { starts: '00:00', ends: '08:00', capacity: 40 },
  { starts: '08:00', ends: '11:00', capacity: 40 },
  { starts: '11:00', ends: '11:30', capacity: 60 },
  { starts: '11:30', ends: '12:00', capacity: 60 },
  { starts: '12:00', ends: '12:30', capacity: 60 },
  { starts: '12:30', ends: '14:00', capacity: 40 },
  { starts: '14:00', ends: '17:30', capacity: 40 },
  { starts: '17:30', ends: '18:30', capacity: 40 },
  { starts: '18:30', ends: '21:00', capacity: 40 },
  { starts: '21:00', ends: '24:00', capacity: 40 },
];

export const DEMO_TAKEAWAY_ITEMS: DemoTakeawayItem[] = [
  {
    key: 'braised-pork',
    canteenId: 'canteen-1',
    name: '红烧肉套餐',
    priceFen: 1800,
    stock: 80,
    perPersonLimit: 2,
    slots: DAY_SLOTS,
  },
  {
    key: 'tomato-egg',
    canteenId: 'canteen-1',
    name: '番茄炒蛋盖浇饭',
    priceFen: 1200,
    stock: 120,
    perPersonLimit: 2,
    slots: DAY_SLOTS,
  },
  {
    key: 'dumplings',
    canteenId: 'canteen-1',
    name: '手工荠菜水饺（生，20只）',
    priceFen: 1500,
    stock: 50,
    perPersonLimit: 3,
  },
  { key: 'buns', canteenId: 'canteen-1', name: '杂粮馒头（4个）', priceFen: 400, stock: 200, perPersonLimit: null },
  {
    key: 'fish',
    canteenId: 'canteen-2',
    name: '清蒸鲈鱼套餐',
    priceFen: 2200,
    stock: 40,
    perPersonLimit: 1,
    slots: DAY_SLOTS,
  },
  {
    key: 'noodles',
    canteenId: 'canteen-2',
    name: '葱油拌面',
    priceFen: 900,
    stock: 100,
    perPersonLimit: 2,
    slots: DAY_SLOTS,
  },
  {
    key: 'vegetables',
    canteenId: 'canteen-2',
    name: '净菜礼包（时蔬三样）',
    priceFen: 2500,
    stock: 30,
    perPersonLimit: 1,
  },
  // Sold out from the start, so the demo shows 已售罄 without ordering it empty first.
  { key: 'baozi', canteenId: 'canteen-2', name: '鲜肉大包（2个）', priceFen: 500, stock: 0, perPersonLimit: null },
];
