export default definePageConfig({
  navigationBarTitleText: '门岗核验',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
});
