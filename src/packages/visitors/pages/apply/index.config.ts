export default definePageConfig({ navigationBarTitleText: '申请来访' });
