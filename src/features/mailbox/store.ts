import { create } from 'zustand';
import type { Letter, LetterStatus, MailboxCategory, MailboxFigures, NewLetter } from '@contract/mailbox.schema';
import { errorMessage } from '@/shared/http';
import { useSession } from '@/features/session/store';
import {
  fetchCategories,
  fetchFigures,
  fetchLetter,
  fetchLetters,
  rateLetter,
  replyToLetter,
  sendLetter,
  type Box,
} from './api';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** One box's list, paged by the server's cursor. */
export interface LetterList {
  /** `loading` only while nothing has been shown yet; a refresh keeps the list on screen. */
  status: LoadStatus;
  /** Newest first, pages appended in the order they came. */
  items: Letter[];
  /** The cursor for the next page; null when the last page is in. */
  nextCursor: string | null;
  /** A next page is on its way (a second scroll to the bottom waits for it). */
  loadingMore: boolean;
  /** Why the last load failed (Chinese, for the screen); null after a success. */
  error: string | null;
  /** Only letters of this status (the inbox's 待回复 / 已回复 filter); null shows all. */
  filter: LetterStatus | null;
}

export interface MailboxState {
  /** The categories a letter may take, in the server's order; empty until loaded. */
  categories: MailboxCategory[];
  mine: LetterList;
  inbox: LetterList;
  /** The admin's inbox figures (待回复, 已回复, mean rating); null until loaded. */
  figures: MailboxFigures | null;
  /** The letter open on the detail page, as the server last answered it. */
  letter: Letter | null;
  letterStatus: LoadStatus;
  letterError: string | null;
  loadCategories(): Promise<void>;
  /** Loads a box's first page again (first show, pull-to-refresh, a new filter); rethrows when a list is already shown. */
  refresh(box: Box): Promise<void>;
  /** Appends the next page, if any; rethrows a failure (the list stays as it was). */
  loadMore(box: Box): Promise<void>;
  setFilter(box: Box, filter: LetterStatus | null): Promise<void>;
  loadFigures(): Promise<void>;
  openLetter(id: string): Promise<void>;
  /** Sends a letter; it heads 我的信件 at once. Rethrows the ApiError. */
  write(letter: NewLetter): Promise<Letter>;
  reply(id: string, body: string): Promise<void>;
  rate(id: string, score: number): Promise<void>;
}

type Data = Pick<MailboxState, 'categories' | 'mine' | 'inbox' | 'figures' | 'letter' | 'letterStatus' | 'letterError'>;

const emptyList: LetterList = {
  status: 'idle',
  items: [],
  nextCursor: null,
  loadingMore: false,
  error: null,
  filter: null,
};
const empty: Data = {
  categories: [],
  mine: emptyList,
  inbox: { ...emptyList, filter: 'open' },
  figures: null,
  letter: null,
  letterStatus: 'idle',
  letterError: null,
};

/** Answers still in flight from before a refresh or a change of filter are dropped. */
const seq = { mine: 0, inbox: 0, letter: 0 };

export const useMailbox = create<MailboxState>()((set, get) => {
  const patch = (box: Box, change: Partial<LetterList>) => set((s) => ({ [box]: { ...s[box], ...change } }));

  /** A letter the server answered anew replaces its old self wherever it shows. */
  const put = (letter: Letter) =>
    set((s) => ({
      letter: s.letter?.id === letter.id ? letter : s.letter,
      mine: { ...s.mine, items: s.mine.items.map((l) => (l.id === letter.id ? letter : l)) },
      inbox: { ...s.inbox, items: s.inbox.items.map((l) => (l.id === letter.id ? letter : l)) },
    }));

  return {
    ...empty,

    async loadCategories() {
      if (get().categories.length) return;
      set({ categories: (await fetchCategories()).items });
    },

    async refresh(box) {
      const mine = ++seq[box];
      const shown = get()[box].status === 'ready';
      if (!shown) patch(box, { status: 'loading', error: null });
      try {
        const page = await fetchLetters(box, get()[box].filter, null);
        if (mine !== seq[box]) return;
        patch(box, {
          status: 'ready',
          items: page.items,
          nextCursor: page.nextCursor,
          loadingMore: false,
          error: null,
        });
      } catch (error) {
        if (mine !== seq[box]) return;
        if (shown) throw error;
        patch(box, { status: 'error', error: errorMessage(error) });
      }
    },

    async loadMore(box) {
      const list = get()[box];
      if (list.status !== 'ready' || list.loadingMore || !list.nextCursor) return;
      const mine = seq[box];
      patch(box, { loadingMore: true });
      try {
        const page = await fetchLetters(box, list.filter, list.nextCursor);
        if (mine !== seq[box]) return;
        patch(box, { items: [...get()[box].items, ...page.items], nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (mine === seq[box]) patch(box, { loadingMore: false });
        throw error;
      }
    },

    async setFilter(box, filter) {
      patch(box, { ...emptyList, filter });
      await get().refresh(box);
    },

    async loadFigures() {
      set({ figures: await fetchFigures() });
    },

    async openLetter(id) {
      const mine = ++seq.letter;
      if (get().letter?.id !== id) set({ letter: null, letterStatus: 'loading', letterError: null });
      try {
        const letter = await fetchLetter(id);
        if (mine === seq.letter) set({ letter, letterStatus: 'ready', letterError: null });
      } catch (error) {
        if (mine === seq.letter) set({ letterStatus: 'error', letterError: errorMessage(error) });
      }
    },

    async write(input) {
      const letter = await sendLetter(input);
      set((s) => ({ mine: { ...s.mine, items: [letter, ...s.mine.items] } }));
      return letter;
    },

    async reply(id, body) {
      put(await replyToLetter(id, body));
    },

    async rate(id, score) {
      put(await rateLetter(id, score));
    },
  };
});

// Someone else's letters must never show: forget them whenever the session changes hands.
useSession.subscribe((state, previous) => {
  if (state.token === previous.token) return;
  seq.mine += 1;
  seq.inbox += 1;
  seq.letter += 1;
  useMailbox.setState(empty);
});

export const selectCategories = (s: MailboxState) => s.categories;
export const selectMine = (s: MailboxState) => s.mine;
export const selectInbox = (s: MailboxState) => s.inbox;
export const selectFigures = (s: MailboxState) => s.figures;
export const selectLetter = (s: MailboxState) => s.letter;
export const selectLetterStatus = (s: MailboxState) => s.letterStatus;
export const selectLetterError = (s: MailboxState) => s.letterError;
export const selectLoadCategories = (s: MailboxState) => s.loadCategories;
export const selectRefresh = (s: MailboxState) => s.refresh;
export const selectLoadMore = (s: MailboxState) => s.loadMore;
export const selectSetFilter = (s: MailboxState) => s.setFilter;
export const selectLoadFigures = (s: MailboxState) => s.loadFigures;
export const selectOpenLetter = (s: MailboxState) => s.openLetter;
export const selectWrite = (s: MailboxState) => s.write;
export const selectReply = (s: MailboxState) => s.reply;
export const selectRate = (s: MailboxState) => s.rate;
