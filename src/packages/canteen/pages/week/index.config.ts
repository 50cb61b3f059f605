export default definePageConfig({
  navigationBarTitleText: '本周菜谱',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
