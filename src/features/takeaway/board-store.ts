import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { BoardOrder, BoardServerMessage, BoardSummary } from '@contract/takeaway.schema';
import { messageFor, type ErrorCode } from '@contract/errors';
import { errorMessage } from '@/shared/http';
import { sendToSignIn } from '@/features/session/actions';
import { useSession } from '@/features/session/store';
import { fetchBoard, fetchBoardOrders } from './api';
import { connectBoard, type BoardLinkState } from './board-socket';
import { playNewOrderCue } from './cue';

export interface BoardState {
  /** Whose board: the canteen and day, 'YYYY-MM-DD' Asia/Shanghai. */
  canteenId: string | null;
  date: string | null;
  link: BoardLinkState | 'idle';
  /** Why the board refused this person, or could not be read (Chinese). */
  linkError: string | null;
  /** False until the first full board arrived. */
  loaded: boolean;
  /** Orders loaded so far (to hand out, and those that changed while watching), oldest first. */
  orders: BoardOrder[];
  /** The day's counts, slots and prep list as the database summed them; null until loaded. */
  summary: BoardSummary | null;
  /** Where the next page of orders still to hand out starts; null when all are here. */
  nextCursor: string | null;
  /** Orders that arrived live while the board was open (marked 新). */
  fresh: Record<string, true>;
  /** When the canteen closed this day (结束今天), ISO instant; null while it sells. */
  closedAt: string | null;
  /** Opens the live board of a canteen's day (closing any other). */
  open(canteenId: string, date: string): void;
  close(): void;
  /** Reads the whole day over HTTP (pull-down, or while the live line is down). */
  reload(): Promise<void>;
  /** Orders the server answered with outside the socket (a pickup just made here). */
  upsert(orders: readonly BoardOrder[]): void;
  /** The next page of orders still to hand out (the list is scrolled to its end). */
  loadMore(): Promise<void>;
}

type Data = Omit<BoardState, 'open' | 'close' | 'reload' | 'upsert' | 'loadMore'>;
const empty: Data = {
  canteenId: null,
  date: null,
  link: 'idle',
  linkError: null,
  loaded: false,
  orders: [],
  summary: null,
  nextCursor: null,
  fresh: {},
  closedAt: null,
};

let stop: (() => void) | null = null;
let loadingMore = false;

/** The board's line was refused because the session is over: signing in again is the way on. */
const SESSION_ENDED: readonly ErrorCode[] = ['UNAUTHENTICATED', 'TOKEN_EXPIRED'];

/** Minimum gap between two sound cues, so a lunch rush is not one long beep. */
const CUE_GAP_MS = 3000;
let lastCue = 0;

function merge(current: readonly BoardOrder[], changed: readonly BoardOrder[]): BoardOrder[] {
  const byId = new Map(current.map((o) => [o.id, o]));
  for (const order of changed) byId.set(order.id, order);
  return [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : 1));
}

export const useBoard = create<BoardState>()((set, get) => {
  const receive = (message: BoardServerMessage) => {
    if (message.type === 'ready') {
      set({
        orders: merge([], message.board.orders),
        summary: message.board.summary,
        nextCursor: message.board.nextCursor,
        closedAt: message.board.closedAt ?? null,
        loaded: true,
        linkError: null,
      });
      return;
    }
    if (message.type === 'summary') {
      set({ summary: message.summary });
      return;
    }
    if (message.type === 'closed') {
      set({ closedAt: message.closedAt });
      return;
    }
    if (message.type !== 'orders') return;
    const known = new Set(get().orders.map((o) => o.id));
    const arrived = message.orders.filter((o) => !known.has(o.id));
    set((state) => ({
      orders: merge(state.orders, message.orders),
      fresh:
        arrived.length > 0
          ? { ...state.fresh, ...Object.fromEntries(arrived.map((o) => [o.id, true as const])) }
          : state.fresh,
    }));
    if (arrived.some((o) => o.status === 'placed') && Date.now() - lastCue >= CUE_GAP_MS) {
      lastCue = Date.now();
      playNewOrderCue();
    }
  };

  return {
    ...empty,

    open(canteenId, date) {
      const { canteenId: was, date: wasDate, link } = get();
      if (stop && was === canteenId && wasDate === date && link !== 'refused') return;
      stop?.();
      const sameDay = was === canteenId && wasDate === date;
      set({
        ...(sameDay ? {} : { orders: [], summary: null, nextCursor: null, fresh: {}, closedAt: null, loaded: false }),
        canteenId,
        date,
        link: 'connecting',
        linkError: null,
      });
      stop = connectBoard(
        { canteenId, date, token: () => useSession.getState().token },
        {
          onMessage: receive,
          onState: (state, error) => {
            if (state === 'refused' && error && SESSION_ENDED.includes(error)) {
              // Logged out elsewhere or expired: like a 401 over HTTP, to sign-in and back here after.
              stop?.();
              stop = null;
              set({ link: 'idle' });
              void Taro.showToast({ title: messageFor(error), icon: 'none' });
              sendToSignIn();
              return;
            }
            set({ link: state, ...(state === 'refused' ? { linkError: messageFor(error) } : {}) });
          },
        },
      );
    },

    close() {
      stop?.();
      stop = null;
      set({ link: 'idle' });
    },

    async reload() {
      const { canteenId, date } = get();
      if (!canteenId || !date) return;
      try {
        const board = await fetchBoard(canteenId, date);
        if (get().canteenId !== canteenId || get().date !== date) return;
        set((state) => ({
          orders: merge(state.orders, board.orders),
          summary: board.summary,
          nextCursor: state.nextCursor === null && state.loaded ? null : board.nextCursor,
          closedAt: board.closedAt ?? null,
          loaded: true,
        }));
      } catch (error) {
        if (!get().loaded) set({ linkError: errorMessage(error) });
        throw error;
      }
    },

    upsert(orders) {
      set((state) => ({ orders: merge(state.orders, orders) }));
    },

    async loadMore() {
      const { canteenId, date, nextCursor } = get();
      if (!canteenId || !date || !nextCursor || loadingMore) return;
      loadingMore = true;
      try {
        const page = await fetchBoardOrders(canteenId, date, 'placed', nextCursor);
        if (get().canteenId !== canteenId || get().date !== date) return;
        set((state) => ({ orders: merge(state.orders, page.items), nextCursor: page.nextCursor }));
      } finally {
        loadingMore = false;
      }
    },
  };
});

useSession.subscribe((state, previous) => {
  if (state.token === previous.token) return;
  stop?.();
  stop = null;
  useBoard.setState(empty);
});

export const selectBoardOrders = (s: BoardState) => s.orders;
export const selectBoardLink = (s: BoardState) => s.link;
export const selectBoardLinkError = (s: BoardState) => s.linkError;
export const selectBoardLoaded = (s: BoardState) => s.loaded;
export const selectBoardFresh = (s: BoardState) => s.fresh;
export const selectBoardClosedAt = (s: BoardState) => s.closedAt;
export const selectOpenBoard = (s: BoardState) => s.open;
export const selectCloseBoard = (s: BoardState) => s.close;
export const selectReloadBoard = (s: BoardState) => s.reload;
export const selectUpsertBoard = (s: BoardState) => s.upsert;
export const selectBoardSummary = (s: BoardState) => s.summary;
export const selectBoardHasMore = (s: BoardState) => s.nextCursor !== null;
export const selectLoadMoreBoard = (s: BoardState) => s.loadMore;
