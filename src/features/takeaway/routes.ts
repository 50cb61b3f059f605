import { toQuery } from '@/shared/routes';

/** Pages of the takeaway subpackage (src/packages/takeaway). */
export const TAKEAWAY_PAGES = {
  shop: '/packages/takeaway/pages/order/index',
  orders: '/packages/takeaway/pages/orders/index',
  order: (id: string, placed = false) =>
    `/packages/takeaway/pages/order-detail/index${toQuery({ id, placed: placed ? '1' : undefined })}`,
  mealCard: '/packages/takeaway/pages/meal-card/index',
  board: '/packages/takeaway/pages/board/index',
  items: '/packages/takeaway/pages/items/index',
  newItem: (canteenId: string, date: string) =>
    `/packages/takeaway/pages/item-new/index${toQuery({ canteenId, date })}`,
  topup: '/packages/takeaway/pages/topup/index',
} as const;
