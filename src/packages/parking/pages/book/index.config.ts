export default definePageConfig({
  navigationBarTitleText: '停车预约',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
