import { create } from 'zustand';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { changeStock, fetchItems, fetchSettings, saveSettings, setItemPublished } from './api';

export interface ManageState {
  /** Which day `items` are: `${canteenId}|${date}`. */
  key: string | null;
  /** The day's items, withdrawn ones too. */
  items: TakeawayItem[];
  status: LoadStatus;
  error: string | null;
  /** The canteen's 过期订单退款 setting; null until read. */
  refundExpired: boolean | null;
  /** Item ids with a change on its way. */
  busy: Record<string, true>;
  load(canteenId: string, date: string): Promise<void>;
  /** 上架 / 下架; rethrows a refusal. */
  setPublished(canteenId: string, itemId: string, published: boolean): Promise<void>;
  /** New total stock (never below what is sold); rethrows a refusal (STOCK_BELOW_SOLD…). */
  setStock(canteenId: string, itemId: string, stock: number): Promise<void>;
  setRefundExpired(canteenId: string, refundExpired: boolean): Promise<void>;
}

type Data = Pick<ManageState, 'key' | 'items' | 'status' | 'error' | 'refundExpired' | 'busy'>;
const empty: Data = { key: null, items: [], status: 'idle', error: null, refundExpired: null, busy: {} };
const slot: LoadSlot<ManageState> = loadSlot(() => useManageItems, { status: 'status', error: 'error' });

export const useManageItems = create<ManageState>()((set, get) => {
  const replace = (item: TakeawayItem) =>
    set((state) => ({ items: state.items.map((i) => (i.id === item.id ? item : i)) }));
  const withBusy = async (itemId: string, work: () => Promise<TakeawayItem>) => {
    set((state) => ({ busy: { ...state.busy, [itemId]: true } }));
    try {
      replace(await work());
    } finally {
      set((state) => {
        const busy = { ...state.busy };
        delete busy[itemId];
        return { busy };
      });
    }
  };

  return {
    ...empty,

    load(canteenId, date) {
      const key = `${canteenId}|${date}`;
      return slot.load(
        () => Promise.all([fetchItems(canteenId, date), fetchSettings(canteenId).catch(() => null)]),
        ([{ items }, settings]) => ({ key, items, ...(settings ? { refundExpired: settings.refundExpired } : {}) }),
        { fresh: get().key !== key, clear: { key, items: [] } },
      );
    },

    setPublished: (canteenId, itemId, published) =>
      withBusy(itemId, () => setItemPublished(canteenId, itemId, published)),
    setStock: (canteenId, itemId, stock) => withBusy(itemId, () => changeStock(canteenId, itemId, stock)),

    async setRefundExpired(canteenId, refundExpired) {
      const was = get().refundExpired;
      set({ refundExpired });
      try {
        set({ refundExpired: (await saveSettings(canteenId, { refundExpired })).refundExpired });
      } catch (error) {
        set({ refundExpired: was });
        throw error;
      }
    },
  };
});

onSessionChange(() => {
  slot.drop();
  useManageItems.setState(empty);
});

export const selectManageItems = (s: ManageState) => s.items;
export const selectManageKey = (s: ManageState) => s.key;
export const selectManageStatus = (s: ManageState) => s.status;
export const selectManageError = (s: ManageState) => s.error;
export const selectRefundExpired = (s: ManageState) => s.refundExpired;
export const selectManageBusy = (s: ManageState) => s.busy;
export const selectLoadManage = (s: ManageState) => s.load;
export const selectSetPublished = (s: ManageState) => s.setPublished;
export const selectSetStock = (s: ManageState) => s.setStock;
export const selectSetRefundExpired = (s: ManageState) => s.setRefundExpired;
