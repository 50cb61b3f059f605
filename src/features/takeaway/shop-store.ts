import { create } from 'zustand';
import type { NewOrder, Order, TakeawayItem } from '@contract/takeaway.schema';
import { errorMessage, isApiError } from '@/shared/http';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchItems, placeOrder } from './api';
import { useCart } from './cart-store';

export interface ShopState {
  /** Which day's items `items` are: `${canteenId}|${date}` (the cart key). */
  key: string | null;
  /** On sale that day, with live `remaining`. */
  items: TakeawayItem[];
  /** When the canteen closed that day (结束今天), as an instant; null while it still sells. */
  closedAt: string | null;
  status: LoadStatus;
  error: string | null;
  /** An order is on its way to the server. */
  submitting: boolean;
  /** Why the last checkout was refused (Chinese), shown in the checkout panel. */
  checkoutError: string | null;
  load(canteenId: string, date: string): Promise<void>;
  /** Places the cart of `key` as one order; answers it, or null after a refusal (see checkoutError). */
  checkout(key: string): Promise<Order | null>;
  dismissCheckoutError(): void;
}

type Data = Omit<ShopState, 'load' | 'checkout' | 'dismissCheckoutError'>;
const empty: Data = {
  key: null,
  items: [],
  closedAt: null,
  status: 'idle',
  error: null,
  submitting: false,
  checkoutError: null,
};
const slot: LoadSlot<ShopState> = loadSlot(() => useShop, { status: 'status', error: 'error' });

/** Codes after which the shelf is out of date: reload it so the person sees why. */
const STALE_SHELF = new Set([
  'SOLD_OUT',
  'ITEM_WITHDRAWN',
  'SALE_CLOSED',
  'SALE_NOT_OPEN',
  'SLOT_FULL',
  'SLOT_ENDED',
  'ITEM_NOT_FOUND',
  'LIMIT_EXCEEDED',
  'TAKEAWAY_DAY_CLOSED',
]);

export const useShop = create<ShopState>()((set, get) => ({
  ...empty,

  load(canteenId, date) {
    const key = `${canteenId}|${date}`;
    return slot.load(
      () => fetchItems(canteenId, date),
      ({ items, closedAt }) => ({ key, items, closedAt: closedAt ?? null }),
      { fresh: get().key !== key, clear: { key, items: [], closedAt: null } },
    );
  },

  async checkout(key) {
    if (get().submitting) return null;
    const [canteenId, date] = key.split('|');
    const cart = useCart.getState().carts[key];
    if (!cart || Object.keys(cart.lines).length === 0) return null;
    const body: NewOrder = {
      canteenId,
      items: Object.entries(cart.lines).map(([itemId, quantity]) => ({ itemId, quantity })),
      ...(cart.slotId ? { pickupSlotId: cart.slotId } : {}),
    };
    const idempotencyKey = useCart.getState().attemptKey(key, JSON.stringify(body));
    set({ submitting: true, checkoutError: null });
    try {
      const order = await placeOrder(body, idempotencyKey);
      useCart.getState().clear(key);
      set({ submitting: false });
      void get()
        .load(canteenId, date)
        .catch(() => undefined);
      return order;
    } catch (error) {
      // A refusal is final for this attempt; no answer (network, timeout, 5xx) may still have
      // made the order, so the key stays for the retry.
      if (isApiError(error) && error.status >= 400 && error.status < 500) useCart.getState().settleAttempt(key);
      set({ submitting: false, checkoutError: errorMessage(error) });
      if (isApiError(error) && STALE_SHELF.has(error.code)) {
        await get()
          .load(canteenId, date)
          .catch(() => undefined);
        useCart.getState().reconcile(key, get().items);
      }
      return null;
    }
  },

  dismissCheckoutError() {
    set({ checkoutError: null });
  },
}));

onSessionChange(() => {
  slot.drop();
  useShop.setState(empty);
});

export const selectShopItems = (s: ShopState) => s.items;
export const selectShopKey = (s: ShopState) => s.key;
export const selectShopClosedAt = (s: ShopState) => s.closedAt;
export const selectShopStatus = (s: ShopState) => s.status;
export const selectShopError = (s: ShopState) => s.error;
export const selectSubmitting = (s: ShopState) => s.submitting;
export const selectCheckoutError = (s: ShopState) => s.checkoutError;
export const selectLoadShop = (s: ShopState) => s.load;
export const selectCheckout = (s: ShopState) => s.checkout;
export const selectDismissCheckoutError = (s: ShopState) => s.dismissCheckoutError;
