export default definePageConfig({
  navigationBarTitleText: '访客预约',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
