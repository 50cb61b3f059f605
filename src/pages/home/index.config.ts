export default definePageConfig({
  navigationBarTitleText: '数智后勤',
});
