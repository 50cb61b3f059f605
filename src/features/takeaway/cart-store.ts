import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { stateStorage } from '@/shared/storage';
import { newIdempotencyKey } from '@/shared/http/idempotency-key';
import { maxOrderable } from './format';

/** One cart: the items of one canteen for one day (an order cannot mix canteens or days). */
export interface Cart {
  /** itemId → quantity (≥ 1). */
  lines: Record<string, number>;
  /** The chosen pickup slot (one of the cart items' slots), or null. */
  slotId: string | null;
  /**
   * The checkout attempt not yet settled: its `Idempotency-Key` and the order it was for. A retry of
   * the same order reuses the key (no second charge); a changed cart gets a new one. Kept on the
   * device so even a retry after the app was closed mid-order is answered with the same order.
   */
  attempt: { key: string; fingerprint: string } | null;
}

export interface CartState {
  /** Whose carts these are: another person signing in on this device starts empty. */
  ownerId: string | null;
  /** By `${canteenId}|${date}` (date 'YYYY-MM-DD', Asia/Shanghai). */
  carts: Record<string, Cart>;
  /** Makes the carts this person's, dropping another person's and days before `today`. */
  claim(personId: string, today: string): void;
  setQuantity(cartKey: string, itemId: string, quantity: number): void;
  setSlot(cartKey: string, slotId: string | null): void;
  clear(cartKey: string): void;
  /** Fits the cart to the items as they are now; answers the names of items that changed. */
  reconcile(cartKey: string, items: readonly TakeawayItem[]): string[];
  /** The key for an attempt at this order: the pending one when it is the same order, else a new one. */
  attemptKey(cartKey: string, fingerprint: string): string;
  /** The attempt got a definite answer: the next one gets a new key. */
  settleAttempt(cartKey: string): void;
}

export const cartKeyOf = (canteenId: string, date: string) => `${canteenId}|${date}`;
const emptyCart: Cart = { lines: {}, slotId: null, attempt: null };

function update(state: CartState, cartKey: string, fn: (cart: Cart) => Cart): Pick<CartState, 'carts'> {
  const next = fn(state.carts[cartKey] ?? emptyCart);
  const carts = { ...state.carts };
  if (Object.keys(next.lines).length === 0 && !next.attempt) delete carts[cartKey];
  else carts[cartKey] = next;
  return { carts };
}

/** Takeaway carts, kept on the device (Taro storage) so a closed app finds them again. */
export const useCart = create<CartState>()(
  persist(
    (set, get) => ({
      ownerId: null,
      carts: {},
      claim(personId, today) {
        const { ownerId, carts } = get();
        const kept = ownerId === personId ? Object.entries(carts).filter(([key]) => key.split('|')[1] >= today) : [];
        if (ownerId === personId && kept.length === Object.keys(carts).length) return;
        set({ ownerId: personId, carts: Object.fromEntries(kept) });
      },
      setQuantity(cartKey, itemId, quantity) {
        set((state) =>
          update(state, cartKey, (cart) => {
            const lines = { ...cart.lines };
            if (quantity > 0) lines[itemId] = Math.floor(quantity);
            else delete lines[itemId];
            return { ...cart, lines };
          }),
        );
      },
      setSlot(cartKey, slotId) {
        set((state) => update(state, cartKey, (cart) => ({ ...cart, slotId })));
      },
      clear(cartKey) {
        set((state) => {
          const carts = { ...state.carts };
          delete carts[cartKey];
          return { carts };
        });
      },
      reconcile(cartKey, items) {
        const cart = get().carts[cartKey];
        if (!cart) return [];
        const changed: string[] = [];
        const lines: Record<string, number> = {};
        for (const [itemId, quantity] of Object.entries(cart.lines)) {
          const item = items.find((i) => i.id === itemId);
          const most = item && item.status === 'published' ? maxOrderable(item) : 0;
          if (most >= quantity) lines[itemId] = quantity;
          else {
            if (item) changed.push(item.name);
            if (most > 0) lines[itemId] = most;
          }
        }
        const slotIds = new Set(items.filter((i) => lines[i.id]).flatMap((i) => i.pickupSlots.map((s) => s.id)));
        const slotId = cart.slotId && slotIds.has(cart.slotId) ? cart.slotId : null;
        if (
          changed.length > 0 ||
          slotId !== cart.slotId ||
          Object.keys(lines).length !== Object.keys(cart.lines).length
        ) {
          set((state) => update(state, cartKey, (c) => ({ ...c, lines, slotId })));
        }
        return changed;
      },
      attemptKey(cartKey, fingerprint) {
        const pending = get().carts[cartKey]?.attempt;
        if (pending && pending.fingerprint === fingerprint) return pending.key;
        const attempt = { key: newIdempotencyKey(), fingerprint };
        set((state) => update(state, cartKey, (cart) => ({ ...cart, attempt })));
        return attempt.key;
      },
      settleAttempt(cartKey) {
        set((state) => update(state, cartKey, (cart) => ({ ...cart, attempt: null })));
      },
    }),
    {
      name: 'sz.takeaway.cart',
      version: 1,
      storage: createJSONStorage(() => stateStorage),
      partialize: ({ ownerId, carts }) => ({ ownerId, carts }),
    },
  ),
);

export const selectCartOf = (cartKey: string) => (state: CartState) => state.carts[cartKey] ?? emptyCart;
export const selectSetQuantity = (state: CartState) => state.setQuantity;
export const selectSetSlot = (state: CartState) => state.setSlot;
export const selectClaimCart = (state: CartState) => state.claim;
