import { Text, View } from '@tarojs/components';
import type { Message } from '@contract/messages.schema';
import { formatListTime } from '@/shared/time';

export function MessageItem({ message, onRead }: { message: Message; onRead: (id: string) => void }) {
  const unread = message.readAt === null;
  return (
    <View className={`msg tap${unread ? ' msg--unread' : ''}`} ariaRole="button" onClick={() => onRead(message.id)}>
      <View className="msg__head">
        {unread ? <Text className="msg__tag">未读</Text> : null}
        <Text className="msg__title">{message.title}</Text>
        <Text className="msg__time">{formatListTime(message.createdAt)}</Text>
      </View>
      <Text className="msg__body">{message.body}</Text>
    </View>
  );
}
