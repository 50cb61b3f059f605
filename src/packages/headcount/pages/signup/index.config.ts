export default definePageConfig({
  navigationBarTitleText: '报餐',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
