import { create } from 'zustand';
import type { MealCard } from '@contract/meal-card.schema';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchMealCard } from './api';

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
const slot: LoadSlot<MealCardState> = loadSlot(() => useMealCard, { status: 'status', error: 'error' });

/** 数字餐卡: the signed-in person's card. */
export const useMealCard = create<MealCardState>()(() => ({
  ...empty,
  load: () => slot.load(fetchMealCard, (card) => ({ card })),
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
