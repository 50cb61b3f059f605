export default definePageConfig({
  navigationBarTitleText: '派单规则与维修工',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
