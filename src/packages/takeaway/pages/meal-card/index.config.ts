export default definePageConfig({
  navigationBarTitleText: '数字餐卡',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
