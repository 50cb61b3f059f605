import { Text, View } from '@tarojs/components';
import { selectCareMode, selectSetCareMode, useCareMode } from '../care-mode';

/**
 * The 关怀模式 row: a tap anywhere on it toggles. The switch is drawn here rather than taken from
 * NutUI, whose Switch renders `aria-role` (not `role`) on H5 and costs ~28 KB of the main package.
 */
export function CareModeSwitch() {
  const enabled = useCareMode(selectCareMode);
  const setEnabled = useCareMode(selectSetCareMode);
  return (
    <View className="profile__row tap" onClick={() => setEnabled(!enabled)}>
      <View className="profile__row-text">
        <Text className="profile__row-title">关怀模式</Text>
        <Text className="text-muted">字更大、按钮更好点，看得更清楚</Text>
      </View>
      <View
        className={`profile__switch${enabled ? ' profile__switch--on' : ''}`}
        ariaRole="switch"
        ariaLabel="关怀模式"
        aria-checked={enabled}
      />
    </View>
  );
}
