import { Text, View } from '@tarojs/components';
import { Switch } from '@/shared/ui/Switch';
import { selectCareMode, selectSetCareMode, useCareMode } from '../care-mode';

/** The 关怀模式 row: a tap anywhere on it toggles. */
export function CareModeSwitch() {
  const enabled = useCareMode(selectCareMode);
  const setEnabled = useCareMode(selectSetCareMode);
  return (
    <View className="profile__row tap" onClick={() => setEnabled(!enabled)}>
      <View className="profile__row-text">
        <Text className="profile__row-title">关怀模式</Text>
        <Text className="text-muted">字更大、按钮更好点，看得更清楚</Text>
      </View>
      <Switch checked={enabled} label="关怀模式" onChange={setEnabled} />
    </View>
  );
}
