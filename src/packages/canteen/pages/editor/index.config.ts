export default definePageConfig({
  navigationBarTitleText: '菜单编排',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
