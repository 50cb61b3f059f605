import Taro from '@tarojs/taro';

/** The parking subpackage's pages (src/packages/parking, registered in app.config.ts). */
export const PARKING_PAGES = {
  book: '/packages/parking/pages/book/index',
  bookings: '/packages/parking/pages/bookings/index',
  gate: '/packages/parking/pages/gate/index',
  admin: '/packages/parking/pages/admin/index',
} as const;

export function openParkingPage(page: keyof typeof PARKING_PAGES): void {
  void Taro.navigateTo({ url: PARKING_PAGES[page] });
}
