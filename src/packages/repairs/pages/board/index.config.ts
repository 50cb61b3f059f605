export default definePageConfig({
  navigationBarTitleText: '调度看板',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
