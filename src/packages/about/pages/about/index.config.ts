export default definePageConfig({
  navigationBarTitleText: '关于与版本',
});
