import { create } from 'zustand';
import type { HeadcountMeal } from '@contract/canteen';
import type { MyHeadcount } from '@contract/headcount.schema';
import { errorMessage } from '@/shared/http';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchMyHeadcount, putMyHeadcount } from './api';

/** `${date}|${meal}`: one row of the 报餐 list. */
export const rowKey = (date: string, meal: HeadcountMeal) => `${date}|${meal}`;

export interface HeadcountState {
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** My sign-ups for the next workdays, as the server last answered (plus choices on their way). */
  mine: MyHeadcount | null;
  error: string | null;
  /** Rows whose change is on its way to the server. */
  saving: Record<string, true>;
  /** Why a row's last change was refused (Chinese), until the next change of that row. */
  rowErrors: Record<string, string>;
  load(): Promise<void>;
  /** Signs up for a meal at a canteen, or withdraws (null). Shown at once; undone with the reason on failure. */
  choose(date: string, meal: HeadcountMeal, canteenId: string | null): Promise<void>;
}

type Data = Pick<HeadcountState, 'status' | 'mine' | 'error' | 'saving' | 'rowErrors'>;
const empty: Data = { status: 'idle', mine: null, error: null, saving: {}, rowErrors: {} };

const slot: LoadSlot<HeadcountState> = loadSlot(() => useHeadcount, { status: 'status', error: 'error' });

function withChoice(mine: MyHeadcount, date: string, meal: HeadcountMeal, canteenId: string | null): MyHeadcount {
  return {
    ...mine,
    days: mine.days.map((day) =>
      day.date !== date ? day : { ...day, meals: day.meals.map((m) => (m.meal === meal ? { ...m, canteenId } : m)) },
    ),
  };
}

function choiceOf(mine: MyHeadcount | null, date: string, meal: HeadcountMeal): string | null {
  return mine?.days.find((d) => d.date === date)?.meals.find((m) => m.meal === meal)?.canteenId ?? null;
}

export const useHeadcount = create<HeadcountState>()((set, get) => ({
  ...empty,

  load: () => slot.load(fetchMyHeadcount, (mine) => ({ mine })),

  async choose(date, meal, canteenId) {
    const key = rowKey(date, meal);
    const { mine, saving } = get();
    if (!mine || saving[key]) return;
    const before = choiceOf(mine, date, meal);
    if (before === canteenId) return;
    slot.drop(); // a list read before this change must not undo it
    const rowErrors = { ...get().rowErrors };
    delete rowErrors[key];
    set({ mine: withChoice(mine, date, meal, canteenId), saving: { ...saving, [key]: true }, rowErrors });
    const settle = () => {
      const rest = { ...get().saving };
      delete rest[key];
      return rest;
    };
    try {
      const answer = await putMyHeadcount({ entries: [{ date, meal, canteenId }] });
      // Other rows may be on their way too: keep their choices, take the server's for the rest.
      let next = answer;
      for (const other of Object.keys(get().saving)) {
        if (other === key) continue;
        const [d, m] = other.split('|') as [string, HeadcountMeal];
        next = withChoice(next, d, m, choiceOf(get().mine, d, m));
      }
      set({ mine: next, saving: settle() });
    } catch (error) {
      const current = get().mine;
      set({
        mine: current ? withChoice(current, date, meal, before) : current,
        saving: settle(),
        rowErrors: { ...get().rowErrors, [key]: errorMessage(error) },
      });
      throw error;
    }
  },
}));

onSessionChange(() => {
  slot.drop();
  useHeadcount.setState(empty);
});

export const selectStatus = (s: HeadcountState) => s.status;
export const selectMine = (s: HeadcountState) => s.mine;
export const selectError = (s: HeadcountState) => s.error;
export const selectSaving = (s: HeadcountState) => s.saving;
export const selectRowErrors = (s: HeadcountState) => s.rowErrors;
export const selectLoad = (s: HeadcountState) => s.load;
export const selectChoose = (s: HeadcountState) => s.choose;
