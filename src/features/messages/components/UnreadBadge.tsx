import { useDidShow } from '@tarojs/taro';
import { selectToken, useSession } from '@/features/session';
import { showUnreadBadge } from '../badge';
import { selectRefreshUnread, useMessages } from '../store';

/**
 * Put on every tab page (renders nothing): when the page shows, the unread count is read again and
 * the 消息 tab's badge set. Mini-programs accept tab bar calls only from a tab page.
 */
export function UnreadBadge(): null {
  const signedIn = useSession(selectToken) !== null;
  const refreshUnread = useMessages(selectRefreshUnread);
  useDidShow(() => {
    if (!signedIn) return;
    refreshUnread().then(
      () => showUnreadBadge(useMessages.getState().unread),
      // The badge is a hint: a failed count leaves the last one shown.
      () => undefined,
    );
  });
  return null;
}
