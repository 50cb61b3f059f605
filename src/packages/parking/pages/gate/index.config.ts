export default definePageConfig({
  navigationBarTitleText: '车辆放行',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
