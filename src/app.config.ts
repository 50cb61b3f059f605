/**
 * Main package: the three tabs and sign-in, nothing else. Every module is a subpackage under
 * `packages/<module>/pages/...` (see src/README.md) so the main package stays small; add it to
 * MODULE_PACKAGES as it is built.
 */
const MODULE_PACKAGES: { root: string; pages: string[] }[] = [
  // e.g. { root: 'packages/canteen', pages: ['pages/menu/index'] },
  {
    // 今日菜品 · 本周菜谱 · 报餐, and the canteen's dish library, menu editor, forecast, settings.
    root: 'packages/canteen',
    pages: [
      'pages/menu/index',
      'pages/week/index',
      'pages/manage/index',
      'pages/dishes/index',
      'pages/dish-edit/index',
      'pages/editor/index',
      'pages/forecast/index',
      'pages/settings/index',
    ],
  },
  {
    // 食堂外卖 · 我的订单 · 数字餐卡, the canteen's live board and item editor, admin 餐卡充值.
    root: 'packages/takeaway',
    pages: [
      'pages/order/index',
      'pages/orders/index',
      'pages/order-detail/index',
      'pages/meal-card/index',
      'pages/board/index',
      'pages/items/index',
      'pages/item-new/index',
      'pages/topup/index',
    ],
  },
  {
    // 我的 → 隐私政策 · 用户协议 · 关于与版本 · 客服, and where an unknown address lands (页面不存在).
    root: 'packages/about',
    pages: [
      'pages/privacy/index',
      'pages/terms/index',
      'pages/about/index',
      'pages/support/index',
      'pages/not-found/index',
    ],
  },
  {
    // 报餐: staff sign up for the meals they will eat (the canteens' forecast stays in the canteen's pages).
    root: 'packages/headcount',
    pages: ['pages/signup/index'],
  },
  {
    // 服务信箱: 我的信件, 写信, one letter, and the admins' 收件箱.
    root: 'packages/mailbox',
    pages: ['pages/letters/index', 'pages/write/index', 'pages/letter/index', 'pages/inbox/index'],
  },
  {
    // 报修 · 派单: my tickets, report, one ticket; the repairer's tasks; the dispatcher's board, rules, profiles.
    root: 'packages/repairs',
    pages: [
      'pages/tickets/index',
      'pages/report/index',
      'pages/ticket/index',
      'pages/tasks/index',
      'pages/board/index',
      'pages/rules/index',
      'pages/repairer/index',
    ],
  },
  {
    // 停车预约 · 我的预约 (staff), the guard's 车辆放行 console, the admin's 停车场管理.
    root: 'packages/parking',
    pages: ['pages/book/index', 'pages/bookings/index', 'pages/gate/index', 'pages/admin/index'],
  },
  {
    // 访客预约: my visits (host and visitor), one visit and its pass, invite, apply, an opened
    // invitation, the guard's 门岗核验 and walk-in registration, the admins' block list and audit log.
    root: 'packages/visitors',
    pages: [
      'pages/visits/index',
      'pages/visit/index',
      'pages/invite/index',
      'pages/apply/index',
      'pages/invitation/index',
      'pages/gate/index',
      'pages/walk-in/index',
      'pages/admin/index',
    ],
  },
  {
    // 人员与角色 (admins): find a person, set their roles; the audit of every change.
    root: 'packages/people-admin',
    pages: ['pages/people/index', 'pages/person/index'],
  },
];

export default defineAppConfig({
  pages: ['pages/home/index', 'pages/messages/index', 'pages/profile/index', 'pages/sign-in/index'],
  subPackages: MODULE_PACKAGES,
  window: {
    navigationBarTitleText: '数智后勤',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
    // H5 only: Taro draws a title bar with back/home buttons; src/shell/nav-bar.h5.ts hides it
    // inside WeChat and 浙政钉, which draw their own. A mini-program's bar is native either way.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#646a73',
    selectedColor: '#1d64f2',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tabbar/messages.png',
        selectedIconPath: 'assets/tabbar/messages-active.png',
      },
      {
        pagePath: 'pages/profile/index',
        text: '我的',
        iconPath: 'assets/tabbar/profile.png',
        selectedIconPath: 'assets/tabbar/profile-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
});
