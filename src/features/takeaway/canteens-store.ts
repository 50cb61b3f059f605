import { create } from 'zustand';
import type { Canteen } from '@contract/canteen.schema';
import { errorMessage } from '@/shared/http';
import { useSession } from '@/features/session/store';
import { fetchCanteens } from './api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface CanteensState {
  /** Every canteen, with `canManage` for the ones the caller runs. */
  canteens: Canteen[];
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** Why the last load failed (Chinese); null after a success. */
  error: string | null;
  /** The canteen picked on the takeaway pages (shop and board share it). */
  canteenId: string | null;
  load(): Promise<void>;
  select(canteenId: string): void;
}

type Data = Omit<CanteensState, 'load' | 'select'>;
const empty: Data = { canteens: [], status: 'idle', error: null, canteenId: null };
let seq = 0;

/** The canteens the takeaway pages offer. */
export const useTakeawayCanteens = create<CanteensState>()((set, get) => ({
  ...empty,
  async load() {
    const mine = ++seq;
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const { items } = await fetchCanteens();
      if (mine !== seq) return;
      set({ canteens: items, status: 'ready', error: null });
    } catch (error) {
      if (mine !== seq) return;
      if (get().status === 'ready') throw error;
      set({ status: 'error', error: errorMessage(error) });
    }
  },
  select(canteenId) {
    set({ canteenId });
  },
}));

useSession.subscribe((state, previous) => {
  if (state.token === previous.token) return;
  seq += 1;
  useTakeawayCanteens.setState(empty);
});

export const selectCanteens = (s: CanteensState) => s.canteens;
export const selectCanteensStatus = (s: CanteensState) => s.status;
export const selectCanteensError = (s: CanteensState) => s.error;
export const selectPickedCanteenId = (s: CanteensState) => s.canteenId;
export const selectLoadCanteens = (s: CanteensState) => s.load;
export const selectPickCanteen = (s: CanteensState) => s.select;

/** The picked canteen among `choices`, else the first of them. */
export function currentCanteen(choices: readonly Canteen[], picked: string | null): Canteen | undefined {
  return choices.find((c) => c.id === picked) ?? choices[0];
}
