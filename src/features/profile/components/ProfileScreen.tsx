import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@contract/roles';
import { useRequireSession } from '@/features/session';
import { AboutLinks } from './AboutLinks';
import { CareModeSwitch } from './CareModeSwitch';
import { SignOutButton } from './SignOutButton';
import './profile.css';

export function ProfileScreen() {
  const me = useRequireSession();
  if (!me) return <View className="status">正在加载…</View>;
  return (
    <View className="profile">
      <View className="card profile__person">
        <View className="profile__avatar" aria-hidden>
          {me.name.slice(0, 1)}
        </View>
        <View className="profile__who">
          <Text className="profile__name">{me.name}</Text>
          <Text className="text-muted">{me.unit || '未填写单位'}</Text>
          <View className="profile__roles">
            {me.roles.map((role) => (
              <Text key={role} className="profile__role">
                {ROLE_LABELS[role]}
              </Text>
            ))}
          </View>
        </View>
      </View>
      <View className="card profile__settings">
        <CareModeSwitch />
      </View>
      <AboutLinks />
      <View className="profile__footer">
        <SignOutButton />
      </View>
    </View>
  );
}
