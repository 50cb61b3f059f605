import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { servicesFor, type ServiceEntry } from '@contract/modules';
import type { Role } from '@contract/roles';
import { serviceIcon } from './service-icons';

function open(entry: ServiceEntry) {
  if (!entry.live || !entry.path) {
    void Taro.showToast({ title: `${entry.name}即将上线，敬请期待`, icon: 'none' });
    return;
  }
  void Taro.navigateTo({ url: entry.path });
}

/** The services this person's roles may use, grouped (食堂服务, 出行访客, 办公服务, 管理). */
export function ServiceGrid({ roles }: { roles: readonly Role[] }) {
  const sections = servicesFor(roles);
  if (sections.length === 0) {
    return <View className="status">暂无可用服务，请联系管理员开通</View>;
  }
  return (
    <View className="grid">
      {sections.map((section) => (
        <View key={section.group} className="card grid__section">
          <Text className="grid__label">{section.label}</Text>
          <View className="grid__tiles">
            {section.entries.map((entry) => (
              <View
                key={entry.id}
                className={`grid__tile tap${entry.live ? '' : ' grid__tile--soon'}`}
                ariaRole="button"
                ariaLabel={entry.live ? entry.name : `${entry.name}，即将上线`}
                onClick={() => open(entry)}
              >
                <View className={`grid__icon grid__icon--${section.group}`} aria-hidden>
                  <Image className="grid__icon-img" src={serviceIcon(entry.id)} mode="aspectFit" />
                </View>
                <Text className="grid__name">{entry.name}</Text>
                {entry.live ? null : <Text className="grid__badge">即将上线</Text>}
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
