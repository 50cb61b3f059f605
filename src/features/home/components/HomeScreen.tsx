import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { greetingFor } from '@/shared/time';
import { ServiceGrid } from './ServiceGrid';
import './home.css';

export function HomeScreen() {
  const me = useRequireSession();
  if (!me) return <View className="status">正在加载…</View>;
  return (
    <View className="home">
      <View className="home__hero">
        <Text className="home__greeting">{`${greetingFor()}，${me.name}`}</Text>
        <Text className="home__unit">{me.unit}</Text>
      </View>
      <ServiceGrid roles={me.roles} />
    </View>
  );
}
