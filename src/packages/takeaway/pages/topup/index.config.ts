export default definePageConfig({ navigationBarTitleText: '餐卡充值' });
