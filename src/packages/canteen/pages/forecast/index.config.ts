export default definePageConfig({
  navigationBarTitleText: '报餐与评价',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
