export default definePageConfig({ navigationBarTitleText: '来访邀请' });
