import { create } from 'zustand';
import type { Order } from '@contract/takeaway.schema';
import { errorMessage } from '@/shared/http';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { cancelOrder, fetchOrder, fetchOrders } from './api';

export interface OrdersState {
  /** My orders, newest first: the pages loaded so far. */
  list: Order[];
  /** Where the next page starts (the server's nextCursor); null when all are loaded. */
  nextCursor: string | null;
  /** A further page is being read (the list scrolled to its end). */
  loadingMore: boolean;
  listStatus: LoadStatus;
  listError: string | null;
  /** Orders seen one at a time (detail page, just placed), by id. */
  byId: Record<string, Order>;
  /** Per id: the detail could not be loaded (Chinese); absent once loaded. */
  detailErrors: Record<string, string>;
  /** Order ids being cancelled. */
  cancelling: Record<string, true>;
  /** Reads the first page again (show, pull-down). */
  loadList(): Promise<void>;
  /** Appends the next page, if any. */
  loadMore(): Promise<void>;
  loadOne(id: string): Promise<void>;
  /** Puts an order the server just answered with into the store (after placing it). */
  remember(order: Order): void;
  /** Cancels; rethrows a refusal (the screen says why) after taking the order as it is now. */
  cancel(id: string): Promise<void>;
}

type Data = Pick<
  OrdersState,
  'list' | 'nextCursor' | 'loadingMore' | 'listStatus' | 'listError' | 'byId' | 'detailErrors' | 'cancelling'
>;
const empty: Data = {
  list: [],
  nextCursor: null,
  loadingMore: false,
  listStatus: 'idle',
  listError: null,
  byId: {},
  detailErrors: {},
  cancelling: {},
};
const listSlot: LoadSlot<OrdersState> = loadSlot(() => useOrders, { status: 'listStatus', error: 'listError' });

function withOrder(state: OrdersState, order: Order): Pick<OrdersState, 'byId' | 'list' | 'detailErrors'> {
  const detailErrors = { ...state.detailErrors };
  delete detailErrors[order.id];
  return {
    byId: { ...state.byId, [order.id]: order },
    list: state.list.some((o) => o.id === order.id)
      ? state.list.map((o) => (o.id === order.id ? order : o))
      : state.list,
    detailErrors,
  };
}

export const useOrders = create<OrdersState>()((set, get) => ({
  ...empty,

  loadList: () =>
    listSlot.load(
      () => fetchOrders(),
      ({ items, nextCursor }) => ({
        list: items,
        nextCursor,
        byId: { ...get().byId, ...Object.fromEntries(items.map((o) => [o.id, o])) },
      }),
    ),

  async loadMore() {
    const { nextCursor, loadingMore } = get();
    if (!nextCursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchOrders(nextCursor);
      // A reload meanwhile started the list over: this page belongs to the old one.
      if (get().nextCursor !== nextCursor) return;
      set((state) => ({
        list: [...state.list, ...page.items.filter((o) => !state.list.some((x) => x.id === o.id))],
        nextCursor: page.nextCursor,
        byId: { ...state.byId, ...Object.fromEntries(page.items.map((o) => [o.id, o])) },
      }));
    } finally {
      set({ loadingMore: false });
    }
  },

  async loadOne(id) {
    try {
      const order = await fetchOrder(id);
      set((state) => withOrder(state, order));
    } catch (error) {
      if (get().byId[id]) throw error;
      set((state) => ({ detailErrors: { ...state.detailErrors, [id]: errorMessage(error) } }));
    }
  },

  remember(order) {
    set((state) => withOrder(state, order));
  },

  async cancel(id) {
    if (get().cancelling[id]) return;
    set((state) => ({ cancelling: { ...state.cancelling, [id]: true } }));
    const done = (state: OrdersState) => {
      const cancelling = { ...state.cancelling };
      delete cancelling[id];
      return cancelling;
    };
    try {
      const order = await cancelOrder(id);
      set((state) => ({ ...withOrder(state, order), cancelling: done(state) }));
    } catch (error) {
      set((state) => ({ cancelling: done(state) }));
      await get()
        .loadOne(id)
        .catch(() => undefined);
      throw error;
    }
  },
}));

onSessionChange(() => {
  listSlot.drop();
  useOrders.setState(empty);
});

export const selectOrderList = (s: OrdersState) => s.list;
export const selectListStatus = (s: OrdersState) => s.listStatus;
export const selectListError = (s: OrdersState) => s.listError;
export const selectLoadList = (s: OrdersState) => s.loadList;
export const selectLoadMore = (s: OrdersState) => s.loadMore;
export const selectHasMore = (s: OrdersState) => s.nextCursor !== null;
export const selectLoadingMore = (s: OrdersState) => s.loadingMore;
export const selectLoadOne = (s: OrdersState) => s.loadOne;
export const selectRemember = (s: OrdersState) => s.remember;
export const selectCancel = (s: OrdersState) => s.cancel;
export const selectOrderById = (id: string) => (s: OrdersState) => s.byId[id];
export const selectDetailError = (id: string) => (s: OrdersState) => s.detailErrors[id];
export const selectCancelling = (id: string) => (s: OrdersState) => s.cancelling[id] === true;
