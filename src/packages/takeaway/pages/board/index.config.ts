export default definePageConfig({
  navigationBarTitleText: '订单看板',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
