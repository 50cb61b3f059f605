export default definePageConfig({
  navigationBarTitleText: '报修服务',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
