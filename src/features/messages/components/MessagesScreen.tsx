import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { toast } from '@/shared/ui/toast';
import {
  selectError,
  selectItems,
  selectLoad,
  selectMarkRead,
  selectStatus,
  selectUnread,
  useMessages,
} from '../store';
import { MessageItem } from './MessageItem';
import './messages.css';

/** 消息: newest first, unread marked, tap to read, pull down to refresh. */
export function MessagesScreen() {
  const me = useRequireSession();
  const status = useMessages(selectStatus);
  const items = useMessages(selectItems);
  const unread = useMessages(selectUnread);
  const error = useMessages(selectError);
  const load = useMessages(selectLoad);
  const markRead = useMessages(selectMarkRead);
  const signedIn = me !== null;

  const refresh = useCallback(() => load().catch(toast), [load]);

  useDidShow(() => {
    if (signedIn) void refresh();
  });

  usePullDownRefresh(() => {
    void refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const read = useCallback((id: string) => void markRead(id).catch(toast), [markRead]);

  if (!signedIn || status === 'idle' || status === 'loading') {
    return <View className="status">加载中…</View>;
  }
  if (status === 'error') {
    return (
      <View className="status">
        <Text className="status__error">{error}</Text>
        <View className="button button--plain tap" ariaRole="button" onClick={() => void refresh()}>
          重试
        </View>
      </View>
    );
  }
  if (items.length === 0) {
    return (
      <View className="status">
        <Text className="messages__empty-icon">✉</Text>
        <Text>暂无消息</Text>
      </View>
    );
  }
  return (
    <View className="messages">
      <Text className="messages__summary">{unread > 0 ? `${unread} 条未读` : '全部已读'}</Text>
      {items.map((message) => (
        <MessageItem key={message.id} message={message} onRead={read} />
      ))}
    </View>
  );
}
