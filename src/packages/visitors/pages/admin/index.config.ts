export default definePageConfig({
  navigationBarTitleText: '访客管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
