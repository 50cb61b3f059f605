import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { RepairTicket } from '@contract/repairs.schema';
import { errorMessage } from '@/shared/http';
import type { LoadStatus } from '@/shared/remote/load-slot';
import { toast } from '@/shared/ui/toast';
import { fetchTickets, type Scope } from './api';

export interface TicketList {
  status: LoadStatus;
  /** Newest first, pages appended in the order they came. */
  items: RepairTicket[];
  nextCursor: string | null;
  loadingMore: boolean;
  error: string | null;
  reload(): Promise<void>;
  more(): void;
}

/**
 * One list of tickets for one screen: loads on show, pull down to refresh, the next page at the
 * bottom. With `pollMs`, the first page is read again that often while the page is shown, so a
 * repairer sees a new dispatch arrive without reloading (a light poll: one indexed page read, which
 * works the same in WeChat, 浙政钉 H5 and the browser, where a socket would need a client of its own
 * per platform and a live-board service shared with the canteen's).
 */
export function useTicketList(scope: Scope, state: 'open' | 'closed' | null, pollMs?: number): TicketList {
  const [data, setData] = useState<Omit<TicketList, 'reload' | 'more'>>({
    status: 'idle',
    items: [],
    nextCursor: null,
    loadingMore: false,
    error: null,
  });
  const seq = useRef(0);
  const shown = useRef(false);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    if (!shown.current) setData((d) => ({ ...d, status: 'loading', error: null }));
    try {
      const page = await fetchTickets(scope, state, null);
      if (mine !== seq.current) return;
      shown.current = true;
      setData({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false, error: null });
    } catch (error) {
      if (mine !== seq.current) return;
      if (shown.current) throw error;
      setData((d) => ({ ...d, status: 'error', error: errorMessage(error) }));
    }
  }, [scope, state]);

  const more = useCallback(() => {
    setData((d) => {
      if (!d.nextCursor || d.loadingMore) return d;
      const cursor = d.nextCursor;
      const mine = seq.current;
      fetchTickets(scope, state, cursor)
        .then((page) => {
          if (mine !== seq.current) return;
          setData((now) => ({
            ...now,
            items: [...now.items, ...page.items.filter((t) => !now.items.some((x) => x.id === t.id))],
            nextCursor: page.nextCursor,
            loadingMore: false,
          }));
        })
        .catch((error: unknown) => {
          setData((now) => ({ ...now, loadingMore: false }));
          toast(error);
        });
      return { ...d, loadingMore: true };
    });
  }, [scope, state]);

  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = undefined;
  };
  const startPolling = () => {
    if (pollMs && !timer.current) timer.current = setInterval(() => void reload().catch(() => {}), pollMs);
  };
  // The first load is the mount: a list shown under content that loaded first mounts after the
  // page's show event. A show (back from a ticket) reads it again, unless a load has just started
  // (the show that comes right after the mount).
  const startedAt = useRef(0);
  const load = () => {
    startedAt.current = Date.now();
    void reload().catch(toast);
    startPolling();
  };
  useEffect(load, [reload]); // eslint-disable-line react-hooks/exhaustive-deps -- reload carries scope and state
  useDidShow(() => {
    if (Date.now() - startedAt.current > 1000) load();
  });
  useDidHide(stopPolling);
  useEffect(() => stopPolling, []);
  usePullDownRefresh(() => {
    void reload()
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(more);

  return { ...data, reload, more };
}

/** The current time, moved on every `everyMs` (countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
