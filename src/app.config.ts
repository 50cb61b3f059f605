/**
 * Main package: the three tabs and sign-in, nothing else. Every module is a subpackage under
 * `packages/<module>/pages/...` (see src/README.md) so the main package stays small; add it to
 * MODULE_PACKAGES as it is built.
 */
const MODULE_PACKAGES: { root: string; pages: string[] }[] = [
  // e.g. { root: 'packages/canteen', pages: ['pages/menu/index'] },
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
