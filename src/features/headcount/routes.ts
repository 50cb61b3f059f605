import Taro from '@tarojs/taro';

/** The headcount subpackage's pages (src/packages/headcount, registered in app.config.ts). */
export const HEADCOUNT_PAGES = {
  signup: '/packages/headcount/pages/signup/index',
} as const;

export function openHeadcountPage(page: keyof typeof HEADCOUNT_PAGES): void {
  void Taro.navigateTo({ url: HEADCOUNT_PAGES[page] });
}
