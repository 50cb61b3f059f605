export default definePageConfig({
  navigationBarTitleText: '食堂管理',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
