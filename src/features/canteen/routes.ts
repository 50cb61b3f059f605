import Taro from '@tarojs/taro';
import { toQuery } from '@/shared/routes';

/** The canteen subpackage's pages (src/packages/canteen, registered in app.config.ts). */
export const CANTEEN_PAGES = {
  menu: '/packages/canteen/pages/menu/index',
  week: '/packages/canteen/pages/week/index',
  manage: '/packages/canteen/pages/manage/index',
  dishes: '/packages/canteen/pages/dishes/index',
  dishEdit: '/packages/canteen/pages/dish-edit/index',
  editor: '/packages/canteen/pages/editor/index',
  forecast: '/packages/canteen/pages/forecast/index',
  settings: '/packages/canteen/pages/settings/index',
} as const;

export type CanteenPage = keyof typeof CANTEEN_PAGES;

export function openCanteenPage(page: CanteenPage, params: Record<string, string | undefined> = {}): void {
  void Taro.navigateTo({ url: `${CANTEEN_PAGES[page]}${toQuery(params)}` });
}
