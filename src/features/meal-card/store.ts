import { create } from 'zustand';
import type { MealCard } from '@contract/meal-card.schema';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchMealCard, fetchTransactions } from './api';

export interface MealCardState {
  /** Balance (fen) and transactions, newest first, as last loaded. */
  card: MealCard | null;
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** Why the last load failed (Chinese); null after a success. */
  error: string | null;
  /** A further page of transactions is being read. */
  loadingMore: boolean;
  load(): Promise<void>;
  /** Appends the next page of transactions (scrolled to the end), if any. */
  loadMore(): Promise<void>;
}

type Data = Pick<MealCardState, 'card' | 'status' | 'error' | 'loadingMore'>;
const empty: Data = { card: null, status: 'idle', error: null, loadingMore: false };
const slot: LoadSlot<MealCardState> = loadSlot(() => useMealCard, { status: 'status', error: 'error' });

/** 数字餐卡: the signed-in person's card. */
export const useMealCard = create<MealCardState>()((set, get) => ({
  ...empty,
  load: () =>
    slot.load(
      () => fetchMealCard(),
      (card) => ({ card }),
    ),
  async loadMore() {
    const { card, loadingMore } = get();
    const cursor = card?.nextCursor;
    if (!card || !cursor || loadingMore) return;
    set({ loadingMore: true });
    try {
      const page = await fetchTransactions(cursor);
      const now = get().card;
      // A reload meanwhile started the ledger over: this page belongs to the old one.
      if (!now || now.nextCursor !== cursor) return;
      set({ card: { ...now, transactions: [...now.transactions, ...page.items], nextCursor: page.nextCursor } });
    } finally {
      set({ loadingMore: false });
    }
  },
}));

// Someone else's balance must never show.
onSessionChange(() => {
  slot.drop();
  useMealCard.setState(empty);
});

export const selectCard = (s: MealCardState) => s.card;
export const selectBalanceFen = (s: MealCardState) => s.card?.balanceFen;
export const selectCardStatus = (s: MealCardState) => s.status;
export const selectCardError = (s: MealCardState) => s.error;
export const selectLoadCard = (s: MealCardState) => s.load;
export const selectLoadMoreTransactions = (s: MealCardState) => s.loadMore;
export const selectLoadingMoreTransactions = (s: MealCardState) => s.loadingMore;
