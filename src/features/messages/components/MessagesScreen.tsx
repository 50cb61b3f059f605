import { useCallback, useEffect, useRef } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Message } from '@contract/messages.schema';
import { useRequireSession } from '@/features/session';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import {
  selectError,
  selectItems,
  selectLoad,
  selectLoadingMore,
  selectLoadMore,
  selectMarkAllRead,
  selectMarkRead,
  selectNextCursor,
  selectStatus,
  selectUnread,
  useMessages,
} from '../store';
import { subjectPath } from '../subject-routes';
import { MessageItem } from './MessageItem';
import './messages.css';

/**
 * 消息: newest first, unread marked; tapping a message marks it read and opens what it is about;
 * 全部已读; pull down to refresh; the next page when scrolled to the bottom (or 加载更多 tapped).
 * Opened from a push (`?message=&kind=&subject=`) it does the same for that message at once.
 */
export function MessagesScreen() {
  const me = useRequireSession();
  const status = useMessages(selectStatus);
  const items = useMessages(selectItems);
  const unread = useMessages(selectUnread);
  const error = useMessages(selectError);
  const nextCursor = useMessages(selectNextCursor);
  const loadingMore = useMessages(selectLoadingMore);
  const load = useMessages(selectLoad);
  const loadMore = useMessages(selectLoadMore);
  const markRead = useMessages(selectMarkRead);
  const markAllRead = useMessages(selectMarkAllRead);
  const signedIn = me !== null;

  const refresh = useCallback(() => load().catch(toast), [load]);
  const more = useCallback(() => void loadMore().catch(toast), [loadMore]);

  useDidShow(() => {
    if (signedIn) void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => void Taro.stopPullDownRefresh());
  });
  useReachBottom(more);

  const tap = useCallback(
    (message: Message) => {
      void markRead(message.id).catch(toast);
      const path = subjectPath(message.subject);
      if (path) void Taro.navigateTo({ url: path });
    },
    [markRead],
  );
  const readAll = useCallback(() => void markAllRead().catch(toast), [markAllRead]);

  // A push (WeChat subscribe message) opens this page with its message: once the list is in (the
  // message among the newest), mark it read and open its object.
  const { message: pushedId, kind, subject } = useRouter().params;
  const pushOpened = useRef(false);
  const loaded = status === 'ready';
  useEffect(() => {
    if (!loaded || !pushedId || pushOpened.current) return;
    pushOpened.current = true;
    void markRead(pushedId).catch(toast);
    const path = kind && subject ? subjectPath({ kind, id: subject }) : null;
    if (path) void Taro.navigateTo({ url: path });
  }, [loaded, pushedId, kind, subject, markRead]);

  if (!signedIn || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={() => void refresh()} />;
  if (items.length === 0) return <Empty icon="✉" title="暂无消息" />;
  return (
    <View className="messages">
      <View className="messages__summary">
        <Text className="messages__count">{unread > 0 ? `${unread} 条未读` : '暂无未读'}</Text>
        {unread > 0 ? (
          <View className="ui-small-button tap" ariaRole="button" onClick={readAll}>
            全部已读
          </View>
        ) : null}
      </View>
      {items.map((message) => (
        <MessageItem key={message.id} message={message} opens={subjectPath(message.subject) !== null} onTap={tap} />
      ))}
      {loadingMore ? (
        <Text className="messages__end">加载中…</Text>
      ) : nextCursor ? (
        <View className="messages__more tap" ariaRole="button" onClick={more}>
          加载更多
        </View>
      ) : (
        <Text className="messages__end">没有更多了</Text>
      )}
    </View>
  );
}
