import { Text, View } from '@tarojs/components';
import type { Message } from '@contract/messages.schema';
import { formatListTime } from '@/shared/time';

/** One message: unread marked; `opens` when tapping it leads to what it is about (查看详情). */
export function MessageItem({
  message,
  opens,
  onTap,
}: {
  message: Message;
  opens: boolean;
  onTap: (message: Message) => void;
}) {
  const unread = message.readAt === null;
  return (
    <View className={`msg tap${unread ? ' msg--unread' : ''}`} ariaRole="button" onClick={() => onTap(message)}>
      <View className="msg__head">
        {unread ? <Text className="msg__tag">未读</Text> : null}
        <Text className="msg__title">{message.title}</Text>
        <Text className="msg__time">{formatListTime(message.createdAt)}</Text>
      </View>
      <Text className="msg__body">{message.body}</Text>
      {opens ? <Text className="msg__open">查看详情 ›</Text> : null}
    </View>
  );
}
