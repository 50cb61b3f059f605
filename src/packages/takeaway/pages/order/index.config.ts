export default definePageConfig({
  navigationBarTitleText: '食堂外卖',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
