import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import './kit.css';
import { isNoAccess } from './no-access';
import { PAGES } from '@/shared/routes';

/**
 * The states of a page's first load, worded the same in every module: 加载中, a failure with
 * 重试, 无权访问 (no retry: it cannot help), and empty.
 */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="status" ariaRole="status">
      {text}
    </View>
  );
}

/** A failed first load: why, and 重试; a no-access answer shows `NoAccess` instead. */
export function LoadError({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  if (message && isNoAccess(message)) return <NoAccess reason={message} />;
  return (
    <View className="status">
      <Text className="status__error">{message ?? '加载失败'}</Text>
      <View className="button button--plain tap" ariaRole="button" onClick={onRetry}>
        重试
      </View>
    </View>
  );
}

/** The person's role does not cover this page: say so, say what to do, and offer the way home. */
export function NoAccess({ reason, note }: { reason?: string; note?: string }) {
  return (
    <View className="status">
      <Text className="ui-status__icon">!</Text>
      <Text className="ui-status__title">无权访问</Text>
      <Text>{reason ?? '您没有权限访问此页面'}</Text>
      {note ? <Text className="status__error">{note}</Text> : null}
      <Text className="text-muted">如需使用，请联系单位管理员开通相应角色</Text>
      <View
        className="button button--primary tap"
        ariaRole="button"
        onClick={() => void Taro.switchTab({ url: PAGES.home })}
      >
        返回首页
      </View>
    </View>
  );
}

/** Nothing to show yet: a title, an optional hint and icon glyph, and an optional way on. */
export function Empty({
  title,
  hint,
  icon,
  action,
  children,
}: {
  title: string;
  hint?: string;
  icon?: string;
  action?: { label: string; onClick: () => void };
  children?: ReactNode;
}) {
  return (
    <View className="status">
      {icon ? <Text className="ui-status__icon">{icon}</Text> : null}
      <Text>{title}</Text>
      {hint ? <Text className="text-muted">{hint}</Text> : null}
      {action ? (
        <View className="button button--primary tap" ariaRole="button" onClick={action.onClick}>
          {action.label}
        </View>
      ) : null}
      {children}
    </View>
  );
}

/**
 * The foot of a list read a page at a time: 加载更多 while the server has more (the page also
 * loads it when scrolled to the end), 加载中… while it comes, 没有更多了 at the end.
 */
export function ListEnd({ hasMore, loading, onMore }: { hasMore: boolean; loading: boolean; onMore: () => void }) {
  if (loading) return <Text className="ui-list-end">加载中…</Text>;
  if (!hasMore) return <Text className="ui-list-end">没有更多了</Text>;
  return (
    <View className="ui-list-end ui-list-end--more tap" ariaRole="button" onClick={onMore}>
      加载更多
    </View>
  );
}
