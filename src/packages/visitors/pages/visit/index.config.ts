export default definePageConfig({
  navigationBarTitleText: '来访详情',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
