import { Text, View } from '@tarojs/components';
import './kit.css';

/** A yes/no choice written out as a sentence (保存后立即上架): a `checkbox` with `aria-checked`. */
export function Check({
  checked,
  label,
  onChange,
}: {
  checked: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <View
      className={`ui-check tap${checked ? ' ui-check--on' : ''}`}
      ariaRole="checkbox"
      ariaLabel={label}
      aria-checked={checked}
      onClick={() => onChange(!checked)}
    >
      <Text className="ui-check__box">{checked ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}
