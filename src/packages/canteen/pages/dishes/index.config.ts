export default definePageConfig({
  navigationBarTitleText: '菜品库',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
