export default definePageConfig({ navigationBarTitleText: '信件详情', enablePullDownRefresh: true });
