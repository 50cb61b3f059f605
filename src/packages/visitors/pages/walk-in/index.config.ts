export default definePageConfig({ navigationBarTitleText: '临时访客登记' });
