import { Picker, Text, View } from '@tarojs/components';

/** An `HH:mm` (Asia/Shanghai wall clock) picked with the platform's time picker. */
export function TimeField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Picker mode="time" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className="ta-time tap" ariaRole="button" ariaLabel={`${label} ${value}`}>
        <Text className="ta-time__value">{value}</Text>
      </View>
    </Picker>
  );
}
