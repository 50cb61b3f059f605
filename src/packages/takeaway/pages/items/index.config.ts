export default definePageConfig({
  navigationBarTitleText: '外卖菜品',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
