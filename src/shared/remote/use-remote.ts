import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { errorMessage } from '@/shared/http';
import { toast } from '@/shared/ui/toast';
import type { LoadStatus } from './load-slot';

export interface Remote<T> {
  /** `loading` only while nothing has been shown for this key; later loads refresh in place. */
  status: LoadStatus;
  data: T | null;
  /** Why the first load failed (Chinese). */
  error: string | null;
  /** Loads again; a failure while data is shown becomes a toast and keeps the data. */
  reload(): Promise<void>;
  /** Replaces the data with a server answer (after a save). */
  setData(data: T): void;
}

/**
 * Screen-local server data for the management pages (one screen, one answer): loads when `key`
 * changes, again when the page shows again (coming back from an edit page) and on pull-down.
 * `key` null waits (e.g. until the canteen is known).
 */
export function useRemote<T>(key: string | null, load: () => Promise<T>): Remote<T> {
  const [state, setState] = useState<{ key: string | null; status: LoadStatus; data: T | null; error: string | null }>({
    key: null,
    status: 'idle',
    data: null,
    error: null,
  });
  const seq = useRef(0);
  const current = useRef({ key, load });
  current.current = { key, load };
  const shownKey = useRef<string | null>(null);

  const reload = useCallback(async () => {
    const { key: k, load: fn } = current.current;
    if (k === null) return;
    const mine = ++seq.current;
    const refreshing = shownKey.current === k;
    if (!refreshing) setState({ key: k, status: 'loading', data: null, error: null });
    try {
      const data = await fn();
      if (mine !== seq.current) return;
      shownKey.current = k;
      setState({ key: k, status: 'ready', data, error: null });
    } catch (error) {
      if (mine !== seq.current) return;
      if (refreshing) toast(error);
      else setState({ key: k, status: 'error', data: null, error: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount, already loading above.
    if (shown.current) void reload();
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const setData = useCallback((data: T) => {
    setState((s) => ({ ...s, status: 'ready', data, error: null }));
  }, []);

  const fresh = state.key === key;
  return {
    status: fresh ? state.status : key === null ? 'idle' : 'loading',
    data: fresh ? state.data : null,
    error: fresh ? state.error : null,
    reload,
    setData,
  };
}
