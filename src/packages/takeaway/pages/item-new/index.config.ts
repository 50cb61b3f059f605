export default definePageConfig({ navigationBarTitleText: '新增外卖菜品' });
