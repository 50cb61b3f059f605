export default definePageConfig({
  navigationBarTitleText: '今日菜品',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
