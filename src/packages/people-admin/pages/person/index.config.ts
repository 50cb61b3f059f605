export default definePageConfig({ navigationBarTitleText: '设置角色', enablePullDownRefresh: true });
