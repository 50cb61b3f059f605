import { create } from 'zustand';
import type { MealCard } from '@contract/meal-card.schema';
import { errorMessage } from '@/shared/http';
import { useSession } from '@/features/session/store';
import { fetchMealCard } from './api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface MealCardState {
  /** Balance (fen) and transactions, newest first, as last loaded. */
  card: MealCard | null;
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** Why the last load failed (Chinese); null after a success. */
  error: string | null;
  load(): Promise<void>;
}

type Data = Pick<MealCardState, 'card' | 'status' | 'error'>;
const empty: Data = { card: null, status: 'idle', error: null };
let seq = 0;

/** 数字餐卡: the signed-in person's card. */
export const useMealCard = create<MealCardState>()((set, get) => ({
  ...empty,
  async load() {
    const mine = ++seq;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const card = await fetchMealCard();
      if (mine !== seq) return;
      set({ card, status: 'ready', error: null });
    } catch (error) {
      if (mine !== seq) return;
      if (get().status === 'ready') throw error;
      set({ status: 'error', error: errorMessage(error) });
    }
  },
}));

// Someone else's balance must never show: forget it whenever the session changes hands.
useSession.subscribe((state, previous) => {
  if (state.token === previous.token) return;
  seq += 1;
  useMealCard.setState(empty);
});

export const selectCard = (s: MealCardState) => s.card;
export const selectBalanceFen = (s: MealCardState) => s.card?.balanceFen;
export const selectCardStatus = (s: MealCardState) => s.status;
export const selectCardError = (s: MealCardState) => s.error;
export const selectLoadCard = (s: MealCardState) => s.load;
