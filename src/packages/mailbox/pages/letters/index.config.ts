export default definePageConfig({
  navigationBarTitleText: '服务信箱',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
