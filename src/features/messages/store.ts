import { create } from 'zustand';
import type { Message } from '@contract/messages.schema';
import { isApiError } from '@/shared/http';
import { nowInstant } from '@/shared/time';
import { loadSlot, type LoadSlot, type LoadStatus } from '@/shared/remote/load-slot';
import { onSessionChange } from '@/features/session/store';
import { fetchMessages, markMessageRead } from './api';

export interface MessagesState {
  /** `loading` only while nothing has been shown yet; later loads refresh in place. */
  status: LoadStatus;
  /** Newest first, as the server sends them. */
  items: Message[];
  /** Unread count from the server, kept in step with local mark-read. */
  unread: number;
  /** Why the last load failed (Chinese, for the screen); null after a success. */
  error: string | null;
  /** Optimistic read times (message id → instant) still waiting for the server's answer. */
  pendingReads: Record<string, string>;
  load(): Promise<void>;
  /** Optimistic: shows the message read at once, then takes the server's answer; rethrows a failure after undoing. */
  markRead(id: string): Promise<void>;
}

type MessagesData = Pick<MessagesState, 'status' | 'items' | 'unread' | 'error' | 'pendingReads'>;
const empty: MessagesData = { status: 'idle', items: [], unread: 0, error: null, pendingReads: {} };

const slot: LoadSlot<MessagesState> = loadSlot(() => useMessages, { status: 'status', error: 'error' });

export const useMessages = create<MessagesState>()((set, get) => ({
  ...empty,

  load: () =>
    slot.load(fetchMessages, (list) => {
      // A mark-read still in flight beats a list fetched before it landed.
      const pending = get().pendingReads;
      let stillUnreadHere = 0;
      const items = list.items.map((message) => {
        const readAt = pending[message.id];
        if (!readAt || message.readAt) return message;
        stillUnreadHere += 1;
        return { ...message, readAt };
      });
      return { items, unread: Math.max(0, list.unread - stillUnreadHere) };
    }),

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
}));

// Someone else's messages must never show: forget them whenever the session changes hands.
onSessionChange(() => {
  slot.drop();
  useMessages.setState(empty);
});

export const selectStatus = (state: MessagesState) => state.status;
export const selectItems = (state: MessagesState) => state.items;
export const selectUnread = (state: MessagesState) => state.unread;
export const selectError = (state: MessagesState) => state.error;
export const selectLoad = (state: MessagesState) => state.load;
export const selectMarkRead = (state: MessagesState) => state.markRead;
