import { create } from 'zustand';
import type { VoteValue } from '@contract/canteen';
import type { Canteen, DayMenu, MenuDish, VoteResult } from '@contract/canteen.schema';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { storage } from '@/shared/storage';
import { onSessionChange } from '@/features/session/store';
import { deleteVote, fetchCanteens, fetchDayMenu, putVote } from './api';
import { withVote } from './vocab';

export type { LoadStatus };

/** Device storage key of the canteen last picked on 今日菜品 / 本周菜谱. */
export const LAST_CANTEEN_KEY = 'canteen.last';

export interface CanteenState {
  /** Every canteen with its serving windows, 报餐 cut-off and `canManage`, as last loaded. */
  canteens: Canteen[];
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  canteensStatus: LoadStatus;
  /** Why the last canteen load failed (Chinese); null after a success. */
  canteensError: string | null;
  /** The canteen picked on 今日菜品 / 本周菜谱, remembered on the device. */
  canteenId: string | null;
  /** Which day menu `menu` is: `${canteenId}|${date}` (date 'YYYY-MM-DD', Asia/Shanghai). */
  menuKey: string | null;
  menu: DayMenu | null;
  menuStatus: LoadStatus;
  menuError: string | null;
  /** Dish ids whose vote is on its way to the server. */
  voting: Record<string, true>;
  loadCanteens(): Promise<void>;
  selectCanteen(id: string): void;
  loadMenu(canteenId: string, date: string): Promise<void>;
  /**
   * 赞/踩 on the menu on screen: the same value again withdraws, the other one changes the vote.
   * Counts change at once and take the server's answer when it lands; a failure puts back what the
   * server last said and rethrows (the screen shows why).
   */
  vote(dishId: string, value: VoteValue): Promise<void>;
}

type Data = Omit<CanteenState, 'loadCanteens' | 'selectCanteen' | 'loadMenu' | 'vote'>;

const empty = (): Data => ({
  canteens: [],
  canteensStatus: 'idle',
  canteensError: null,
  canteenId: storage.get<string>(LAST_CANTEEN_KEY) ?? null,
  menuKey: null,
  menu: null,
  menuStatus: 'idle',
  menuError: null,
  voting: {},
});

const canteensSlot: LoadSlot<CanteenState> = loadSlot(() => useCanteen, {
  status: 'canteensStatus',
  error: 'canteensError',
});
let canteensLoading: Promise<void> | null = null;
const menuSlot: LoadSlot<CanteenState> = loadSlot(() => useCanteen, { status: 'menuStatus', error: 'menuError' });

/** Per `${menuKey}|${dishId}`: the vote the person wants now, and what the server last answered. */
const wanted = new Map<string, VoteValue | null>();
const confirmed = new Map<string, Pick<VoteResult, 'up' | 'down' | 'myVote'>>();
const inFlight = new Set<string>();

const menuKeyOf = (canteenId: string, date: string) => `${canteenId}|${date}`;

function mapDish(menu: DayMenu, dishId: string, fn: (dish: MenuDish) => MenuDish): DayMenu {
  return {
    ...menu,
    meals: menu.meals.map((meal) =>
      meal.dishes.some((d) => d.id === dishId)
        ? { ...meal, dishes: meal.dishes.map((d) => (d.id === dishId ? fn(d) : d)) }
        : meal,
    ),
  };
}

function findDish(menu: DayMenu, dishId: string): MenuDish | undefined {
  for (const meal of menu.meals) {
    const dish = meal.dishes.find((d) => d.id === dishId);
    if (dish) return dish;
  }
  return undefined;
}

/** The canteen to show: the one asked for, else the remembered one, else the first. */
export function pickCanteen(canteens: readonly Canteen[], wantedId: string | null | undefined): string | null {
  if (wantedId && canteens.some((c) => c.id === wantedId)) return wantedId;
  const last = storage.get<string>(LAST_CANTEEN_KEY);
  if (last && canteens.some((c) => c.id === last)) return last;
  return canteens[0]?.id ?? null;
}

export const useCanteen = create<CanteenState>()((set, get) => {
  /** Applies `fn` to a dish of the menu on screen, when that menu is still `key`. */
  const applyDish = (key: string, dishId: string, fn: (dish: MenuDish) => MenuDish) =>
    set((state) => (state.menuKey === key && state.menu ? { menu: mapDish(state.menu, dishId, fn) } : {}));

  return {
    ...empty(),

    loadCanteens() {
      // Several screens ask at once (a page and the one under it): one request serves them all.
      if (canteensLoading) return canteensLoading;
      const run = canteensSlot
        .load(fetchCanteens, ({ items }) => ({ canteens: items, canteenId: pickCanteen(items, get().canteenId) }))
        .finally(() => {
          if (canteensLoading === run) canteensLoading = null;
        });
      canteensLoading = run;
      return run;
    },

    selectCanteen(id) {
      storage.set(LAST_CANTEEN_KEY, id);
      set({ canteenId: id });
    },

    loadMenu(canteenId, date) {
      const key = menuKeyOf(canteenId, date);
      const withVotesOnTheirWay = (answer: DayMenu) => {
        let menu = answer;
        // A vote still on its way beats counts read before it landed.
        const shown = get().menu;
        if (shown && get().menuKey === key) {
          for (const slot of inFlight) {
            if (!slot.startsWith(`${key}|`)) continue;
            const dishId = slot.slice(key.length + 1);
            const current = findDish(shown, dishId);
            if (current)
              menu = mapDish(menu, dishId, (d) => ({
                ...d,
                up: current.up,
                down: current.down,
                myVote: current.myVote,
              }));
          }
        }
        return { menuKey: key, menu };
      };
      return menuSlot.load(() => fetchDayMenu(canteenId, date), withVotesOnTheirWay, {
        fresh: get().menuKey !== key,
        clear: { menuKey: key, menu: null },
      });
    },

    async vote(dishId, value) {
      const { menu, menuKey } = get();
      if (!menu || !menuKey) return;
      const dish = findDish(menu, dishId);
      if (!dish) return;
      const key = menuKey;
      const slot = `${key}|${dishId}`;
      const next = dish.myVote === value ? null : value;
      if (!confirmed.has(slot)) confirmed.set(slot, { up: dish.up, down: dish.down, myVote: dish.myVote });
      wanted.set(slot, next);
      applyDish(key, dishId, (d) => withVote(d, next));
      // One request per dish at a time: the running one sends the latest wish when it lands, so
      // the server never sees taps out of order.
      if (inFlight.has(slot)) return;
      inFlight.add(slot);
      set((state) => ({ voting: { ...state.voting, [dishId]: true } }));
      try {
        for (;;) {
          const target = wanted.get(slot) ?? null;
          const answer =
            target === null
              ? await deleteVote(menu.canteenId, menu.date, dishId)
              : await putVote(menu.canteenId, menu.date, dishId, target);
          confirmed.set(slot, answer);
          if ((wanted.get(slot) ?? null) === target) {
            applyDish(key, dishId, (d) => ({ ...d, up: answer.up, down: answer.down, myVote: answer.myVote }));
            break;
          }
        }
      } catch (error) {
        const last = confirmed.get(slot);
        if (last) applyDish(key, dishId, (d) => ({ ...d, up: last.up, down: last.down, myVote: last.myVote }));
        throw error;
      } finally {
        inFlight.delete(slot);
        wanted.delete(slot);
        confirmed.delete(slot);
        set((state) => {
          const rest = { ...state.voting };
          delete rest[dishId];
          return { voting: rest };
        });
      }
    },
  };
});

// Someone else's votes must never show: forget menus whenever the session changes hands.
onSessionChange(() => {
  canteensSlot.drop();
  canteensLoading = null;
  menuSlot.drop();
  wanted.clear();
  confirmed.clear();
  inFlight.clear();
  useCanteen.setState(empty());
});

export const selectCanteens = (s: CanteenState) => s.canteens;
export const selectCanteensStatus = (s: CanteenState) => s.canteensStatus;
export const selectCanteensError = (s: CanteenState) => s.canteensError;
export const selectCanteenId = (s: CanteenState) => s.canteenId;
export const selectCurrentCanteen = (s: CanteenState) => s.canteens.find((c) => c.id === s.canteenId);
export const selectMenu = (s: CanteenState) => s.menu;
export const selectMenuKey = (s: CanteenState) => s.menuKey;
export const selectMenuStatus = (s: CanteenState) => s.menuStatus;
export const selectMenuError = (s: CanteenState) => s.menuError;
export const selectVoting = (s: CanteenState) => s.voting;
export const selectLoadCanteens = (s: CanteenState) => s.loadCanteens;
export const selectSelectCanteen = (s: CanteenState) => s.selectCanteen;
export const selectLoadMenu = (s: CanteenState) => s.loadMenu;
export const selectVote = (s: CanteenState) => s.vote;
