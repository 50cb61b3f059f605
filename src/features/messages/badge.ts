import Taro from '@tarojs/taro';

/** The 消息 tab's place in app.config's tabBar list. */
const MESSAGES_TAB = 1;

/** The badge's text as last set (null: none); undefined when unknown, so the next call sets it. */
let shown: string | null | undefined;

/**
 * Shows the unread count on the 消息 tab (WeChat's native tab bar; on H5 the tab bar Taro draws).
 * Mini-programs refuse tab bar calls from a page that is not a tab: such a failure is left alone,
 * the next tab page shown sets the badge again (`UnreadBadge`).
 */
export function showUnreadBadge(unread: number): void {
  const text = unread <= 0 ? null : unread > 99 ? '99+' : String(unread);
  if (text === shown) return;
  const done = () => {
    shown = text;
  };
  const call = text
    ? Taro.setTabBarBadge({ index: MESSAGES_TAB, text })
    : Taro.removeTabBarBadge({ index: MESSAGES_TAB });
  void Promise.resolve(call).then(done, () => undefined);
}

/** Forget what was shown (a new session): the next count is set whatever it is. */
export function forgetBadge(): void {
  shown = undefined;
}
