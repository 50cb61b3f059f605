import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { errorMessage } from '@/shared/http';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import type { Box } from '../api';
import { selectInbox, selectLoadMore, selectMine, selectRefresh, useMailbox } from '../store';
import { LetterCard } from './LetterCard';

function toast(error: unknown) {
  void Taro.showToast({ title: errorMessage(error), icon: 'none' });
}

/**
 * A box's letters, newest first: loads on show, pull down to refresh, the next page when scrolled
 * to the bottom (or 加载更多 tapped).
 */
export function LetterList({ box, emptyTitle, emptyHint }: { box: Box; emptyTitle: string; emptyHint?: string }) {
  const list = useMailbox(box === 'mine' ? selectMine : selectInbox);
  const refresh = useMailbox(selectRefresh);
  const loadMore = useMailbox(selectLoadMore);

  const reload = useCallback(() => refresh(box).catch(toast), [refresh, box]);
  const more = useCallback(() => void loadMore(box).catch(toast), [loadMore, box]);

  useDidShow(() => void reload());
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(more);

  if (list.status === 'idle' || list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <LoadError message={list.error} onRetry={() => void reload()} />;
  if (list.items.length === 0) return <Empty title={emptyTitle} hint={emptyHint} />;
  return (
    <View className="mb-list">
      {list.items.map((letter) => (
        <LetterCard key={letter.id} letter={letter} showWriter={box === 'inbox'} />
      ))}
      {list.loadingMore ? (
        <Text className="mb-list__end">加载中…</Text>
      ) : list.nextCursor ? (
        <View className="mb-list__more tap" ariaRole="button" onClick={more}>
          加载更多
        </View>
      ) : (
        <Text className="mb-list__end">没有更多了</Text>
      )}
    </View>
  );
}
