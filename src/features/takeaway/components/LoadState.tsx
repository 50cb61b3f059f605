import { Text, View } from '@tarojs/components';

/** Loading, error (with 重试) and empty states of the takeaway pages, worded the same everywhere. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return <View className="status">{text}</View>;
}

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

export function Empty({
  icon,
  text,
  hint,
  action,
}: {
  icon: string;
  text: string;
  hint?: string;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <View className="status">
      <Text className="ta-empty__icon">{icon}</Text>
      <Text>{text}</Text>
      {hint ? <Text className="text-muted">{hint}</Text> : null}
      {action ? (
        <View className="button button--primary tap" ariaRole="button" onClick={action.onClick}>
          {action.label}
        </View>
      ) : null}
    </View>
  );
}
