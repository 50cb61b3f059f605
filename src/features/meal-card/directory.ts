import { useCallback, useEffect, useRef, useState } from 'react';
import type { DirectoryPerson, UnitList } from '@contract/people.schema';
import { errorMessage } from '@/shared/http';
import { fetchUnits, searchPeople } from './api';

/**
 * The admins' people directory for 餐卡充值: a search that pages (people) and the unit list. Kept
 * in the page that uses it (no store): nothing here outlives the page, and balances of others are
 * not left behind for the next person on the device.
 */

export type DirectoryStatus = 'loading' | 'ready' | 'error';

/** People per page: a phone screen or so, so that the amount below stays within reach. */
export const PAGE_SIZE = 10;

/** Typing settles this long before a search goes out. */
export const SEARCH_DELAY_MS = 300;

export interface PeopleSearch {
  /** What the admin typed (name or unit, or a person's id). */
  text: string;
  setText(text: string): void;
  /** `loading` also while a new search replaces shown results (they stay until it answers). */
  status: DirectoryStatus;
  /** Why the search failed (Chinese); null otherwise. */
  error: string | null;
  items: DirectoryPerson[];
  /** Matches in all pages. */
  total: number;
  loadingMore: boolean;
  loadMore(): void;
  /** Runs the search again (after an error, or after a top-up changed balances). */
  reload(): void;
}

interface Found {
  status: DirectoryStatus;
  error: string | null;
  items: DirectoryPerson[];
  total: number;
  page: number;
}

/** People matching what is typed, page by page; `active` false does nothing (the other mode is open). */
export function usePeopleSearch(active: boolean): PeopleSearch {
  const [text, setText] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [found, setFound] = useState<Found>({ status: 'loading', error: null, items: [], total: 0, page: 0 });
  const [loadingMore, setLoadingMore] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!active) return undefined;
    const mine = ++seq.current;
    setFound((f) => ({ ...f, status: 'loading', error: null }));
    setLoadingMore(false);
    const q = text.trim();
    const timer = setTimeout(
      () => {
        searchPeople({ q: q || undefined, page: 1, pageSize: PAGE_SIZE })
          .then((page) => {
            if (mine === seq.current)
              setFound({ status: 'ready', error: null, items: page.items, total: page.total, page: 1 });
          })
          .catch((error: unknown) => {
            if (mine === seq.current)
              setFound({ status: 'error', error: errorMessage(error), items: [], total: 0, page: 0 });
          });
      },
      q ? SEARCH_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [active, text, attempt]);

  const loadMore = useCallback(() => {
    if (loadingMore || found.status !== 'ready' || found.items.length >= found.total) return;
    const mine = seq.current;
    setLoadingMore(true);
    searchPeople({ q: text.trim() || undefined, page: found.page + 1, pageSize: PAGE_SIZE })
      .then((page) => {
        if (mine !== seq.current) return;
        setFound((f) => {
          // A person may move between pages when someone joins meanwhile: keep each once.
          const known = new Set(f.items.map((p) => p.id));
          return {
            ...f,
            items: [...f.items, ...page.items.filter((p) => !known.has(p.id))],
            total: page.total,
            page: page.page,
          };
        });
      })
      .catch((error: unknown) => {
        if (mine === seq.current) setFound((f) => ({ ...f, error: errorMessage(error) }));
      })
      .finally(() => {
        if (mine === seq.current) setLoadingMore(false);
      });
  }, [found, loadingMore, text]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { text, setText, ...found, loadingMore, loadMore, reload };
}

export interface UnitsList {
  status: DirectoryStatus;
  error: string | null;
  units: UnitList['items'];
  reload(): void;
}

/** Every unit with its headcount, read when the unit mode opens (a compound has a few hundred at most). */
export function useUnits(active: boolean): UnitsList {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<UnitsList, 'reload'>>({ status: 'loading', error: null, units: [] });

  useEffect(() => {
    if (!active) return undefined;
    let current = true;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    fetchUnits()
      .then((list) => {
        if (current) setState({ status: 'ready', error: null, units: list.items });
      })
      .catch((error: unknown) => {
        if (current) setState({ status: 'error', error: errorMessage(error), units: [] });
      });
    return () => {
      current = false;
    };
  }, [active, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
