import { create } from 'zustand';
import type { Canteen } from '@contract/canteen.schema';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchCanteens } from './api';

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
const slot: LoadSlot<CanteensState> = loadSlot(() => useTakeawayCanteens, { status: 'status', error: 'error' });

/** The canteens the takeaway pages offer. */
export const useTakeawayCanteens = create<CanteensState>()((set) => ({
  ...empty,
  load: () => slot.load(fetchCanteens, ({ items }) => ({ canteens: items })),
  select(canteenId) {
    set({ canteenId });
  },
}));

onSessionChange(() => {
  slot.drop();
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
