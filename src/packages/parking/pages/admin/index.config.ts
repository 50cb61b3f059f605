export default definePageConfig({
  navigationBarTitleText: '停车场管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
