import { Text, View } from '@tarojs/components';
import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import { selectCareMode, selectSetCareMode, useCareMode } from '../care-mode';

export function CareModeSwitch() {
  const enabled = useCareMode(selectCareMode);
  const setEnabled = useCareMode(selectSetCareMode);
  return (
    <View className="profile__row tap" onClick={() => setEnabled(!enabled)}>
      <View className="profile__row-text">
        <Text className="profile__row-title">关怀模式</Text>
        <Text className="text-muted">字更大、按钮更好点，看得更清楚</Text>
      </View>
      {/* The whole row toggles; the switch itself only shows the state. */}
      <View onClick={(event) => event.stopPropagation()}>
        <Switch
          checked={enabled}
          loading={false}
          ariaLabel="关怀模式"
          onChange={(value: boolean) => setEnabled(value)}
        />
      </View>
    </View>
  );
}
