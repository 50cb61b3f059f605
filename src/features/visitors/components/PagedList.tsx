import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@/shared/http';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface ListState<T> {
  key: string;
  status: 'loading' | 'ready' | 'error';
  items: T[];
  next: string | null;
  error: string | null;
}

/**
 * A list paged by cursor: loads when `listKey` changes and when the page shows again, pull down to
 * refresh, the next page at the bottom or on 加载更多. A failed refresh keeps what is shown.
 */
export function PagedList<T extends { id: string }>({
  listKey,
  load,
  render,
  emptyTitle,
  emptyHint,
}: {
  listKey: string;
  load: (cursor: string | null) => Promise<Page<T>>;
  render: (item: T) => ReactNode;
  emptyTitle: string;
  emptyHint?: string;
}) {
  const [state, setState] = useState<ListState<T>>({
    key: listKey,
    status: 'loading',
    items: [],
    next: null,
    error: null,
  });
  const [more, setMore] = useState(false);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setState((s) => (s.key === listKey ? s : { key: listKey, status: 'loading', items: [], next: null, error: null }));
    try {
      const page = await loadRef.current(null);
      if (mine === seq.current)
        setState({ key: listKey, status: 'ready', items: page.items, next: page.nextCursor, error: null });
    } catch (error) {
      if (mine !== seq.current) return;
      setState((s) =>
        s.status === 'ready'
          ? (toast(error), s)
          : { key: listKey, status: 'error', items: [], next: null, error: errorMessage(error) },
      );
    }
  }, [listKey]);

  useEffect(() => {
    void reload();
  }, [reload]);
  const shown = useRef(false);
  useDidShow(() => {
    // The first show is the mount, already loading.
    if (shown.current) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const loadMore = async () => {
    if (more || !state.next) return;
    setMore(true);
    try {
      const page = await loadRef.current(state.next);
      setState((s) => ({ ...s, items: [...s.items, ...page.items], next: page.nextCursor }));
    } catch (error) {
      toast(error);
    } finally {
      setMore(false);
    }
  };
  useReachBottom(() => void loadMore());

  if (state.status === 'loading' || state.key !== listKey) return <Loading />;
  if (state.status === 'error') return <LoadError message={state.error} onRetry={() => void reload()} />;
  if (state.items.length === 0) return <Empty title={emptyTitle} hint={emptyHint} />;
  return (
    <View className="vs-list">
      {state.items.map((item) => (
        <View key={item.id}>{render(item)}</View>
      ))}
      {more ? (
        <Text className="vs-list__end">加载中…</Text>
      ) : state.next ? (
        <View className="vs-list__more tap" ariaRole="button" onClick={() => void loadMore()}>
          加载更多
        </View>
      ) : (
        <Text className="vs-list__end">没有更多了</Text>
      )}
    </View>
  );
}
