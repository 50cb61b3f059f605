import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return <View className="status">{text}</View>;
}

/** A failed first load: why, and 重试. */
export function LoadError({ message, onRetry }: { message: string | null; onRetry: () => void }) {
  return (
    <View className="status">
      <Text className="status__error">{message ?? '加载失败'}</Text>
      <View className="button button--plain tap" ariaRole="button" onClick={onRetry}>
        重试
      </View>
    </View>
  );
}

export function Empty({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <View className="status">
      <Text>{title}</Text>
      {hint ? <Text className="text-muted">{hint}</Text> : null}
      {children}
    </View>
  );
}
