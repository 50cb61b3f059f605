export default definePageConfig({
  navigationBarTitleText: '维修工单',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
