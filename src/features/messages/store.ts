import { create } from 'zustand';
import type { Message } from '@contract/messages.schema';
import { isApiError } from '@/shared/http';
import { nowInstant } from '@/shared/time';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchMessages, fetchUnread, markAllMessagesRead, markMessageRead } from './api';
import { forgetBadge, showUnreadBadge } from './badge';

export interface MessagesState {
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** Newest first, as the server sends them: the first page and every page loaded after it. */
  items: Message[];
  /** The next page's cursor; null when every message is shown. */
  nextCursor: string | null;
  /** True while the next page is on its way. */
  loadingMore: boolean;
  /** Unread count from the server, kept in step with local mark-read; the 消息 tab's badge. */
  unread: number;
  /** Why the last load failed (Chinese, for the screen); null after a success. */
  error: string | null;
  /** Optimistic read times (message id → instant) still waiting for the server's answer. */
  pendingReads: Record<string, string>;
  /** The first page again (on show, pull-down). */
  load(): Promise<void>;
  /** The next page (scrolled to the bottom); nothing while one is on its way or none is left. */
  loadMore(): Promise<void>;
  /** The unread count alone (a tab page shown). */
  refreshUnread(): Promise<void>;
  /** Optimistic: shows the message read at once, then takes the server's answer; rethrows a failure after undoing. */
  markRead(id: string): Promise<void>;
  /** 全部已读: optimistic too; on failure the list is read again and the failure rethrown. */
  markAllRead(): Promise<void>;
}

type MessagesData = Pick<
  MessagesState,
  'status' | 'items' | 'nextCursor' | 'loadingMore' | 'unread' | 'error' | 'pendingReads'
>;
const empty: MessagesData = {
  status: 'idle',
  items: [],
  nextCursor: null,
  loadingMore: false,
  unread: 0,
  error: null,
  pendingReads: {},
};

const slot: LoadSlot<MessagesState> = loadSlot(() => useMessages, { status: 'status', error: 'error' });
/** Bumped by every first-page load, so a later page of an older list is dropped. */
let generation = 0;

/** A count from the server minus the reads still on their way there. */
const pendingCount = (state: MessagesState) => Object.keys(state.pendingReads).length;

export const useMessages = create<MessagesState>()((set, get) => ({
  ...empty,

  load: () => {
    generation += 1;
    return slot.load(
      () => fetchMessages(),
      (list) => {
        // A mark-read still in flight beats a list fetched before it landed.
        const pending = get().pendingReads;
        const items = list.items.map((message) => {
          const readAt = pending[message.id];
          return !readAt || message.readAt ? message : { ...message, readAt };
        });
        return {
          items,
          nextCursor: list.nextCursor,
          loadingMore: false,
          unread: Math.max(0, list.unread - pendingCount(get())),
        };
      },
    );
  },

  async loadMore() {
    const { status, loadingMore, nextCursor } = get();
    if (status !== 'ready' || loadingMore || !nextCursor) return;
    const mine = generation;
    set({ loadingMore: true });
    try {
      const page = await fetchMessages(nextCursor);
      if (mine !== generation) return;
      const known = new Set(get().items.map((m) => m.id));
      set((state) => ({
        items: [...state.items, ...page.items.filter((m) => !known.has(m.id))],
        nextCursor: page.nextCursor,
        loadingMore: false,
        unread: Math.max(0, page.unread - pendingCount(state)),
      }));
    } catch (error) {
      if (mine === generation) set({ loadingMore: false });
      throw error;
    }
  },

  async refreshUnread() {
    const { unread } = await fetchUnread();
    set((state) => ({ unread: Math.max(0, unread - pendingCount(state)) }));
  },

  async markRead(id) {
    const message = get().items.find((item) => item.id === id);
    if (!message || message.readAt || get().pendingReads[id]) return;
    const readAt = nowInstant();
    set((state) => ({
      items: state.items.map((item) => (item.id === id ? { ...item, readAt } : item)),
      unread: Math.max(0, state.unread - 1),
      pendingReads: { ...state.pendingReads, [id]: readAt },
    }));
    const settle = (state: MessagesState) => {
      const rest = { ...state.pendingReads };
      delete rest[id];
      return rest;
    };
    try {
      const saved = await markMessageRead(id);
      set((state) => ({
        items: state.items.map((item) => (item.id === id ? saved : item)),
        pendingReads: settle(state),
      }));
    } catch (error) {
      if (isApiError(error) && error.code === 'MESSAGE_NOT_FOUND') {
        // Gone on the server (or never ours): stop showing it.
        set((state) => ({ items: state.items.filter((item) => item.id !== id), pendingReads: settle(state) }));
      } else {
        set((state) => ({
          items: state.items.map((item) => (item.id === id ? { ...item, readAt: null } : item)),
          unread: state.unread + 1,
          pendingReads: settle(state),
        }));
      }
      throw error;
    }
  },

  async markAllRead() {
    const readAt = nowInstant();
    set((state) => ({
      items: state.items.map((item) => (item.readAt ? item : { ...item, readAt })),
      unread: 0,
    }));
    try {
      await markAllMessagesRead();
    } catch (error) {
      // What is read on the server is unknown now: show what it says.
      await get()
        .load()
        .catch(() => undefined);
      throw error;
    }
    // The read times the server recorded (and anything that arrived meanwhile).
    await get()
      .load()
      .catch(() => undefined);
  },
}));

// The 消息 tab's badge follows the unread count wherever it changes.
useMessages.subscribe((state, before) => {
  if (state.unread !== before.unread || state.status !== before.status) showUnreadBadge(state.unread);
});

// Someone else's messages must never show: forget them whenever the session changes hands.
onSessionChange(() => {
  slot.drop();
  generation += 1;
  forgetBadge();
  useMessages.setState(empty);
});

export const selectStatus = (state: MessagesState) => state.status;
export const selectItems = (state: MessagesState) => state.items;
export const selectUnread = (state: MessagesState) => state.unread;
export const selectError = (state: MessagesState) => state.error;
export const selectNextCursor = (state: MessagesState) => state.nextCursor;
export const selectLoadingMore = (state: MessagesState) => state.loadingMore;
export const selectLoad = (state: MessagesState) => state.load;
export const selectLoadMore = (state: MessagesState) => state.loadMore;
export const selectRefreshUnread = (state: MessagesState) => state.refreshUnread;
export const selectMarkRead = (state: MessagesState) => state.markRead;
export const selectMarkAllRead = (state: MessagesState) => state.markAllRead;
