import { Text, View } from '@tarojs/components';
import type { Canteen } from '@contract/canteen.schema';

/** One tab per canteen; the picked one is marked (a single canteen shows as a plain title). */
export function CanteenTabs({
  canteens,
  value,
  onChange,
}: {
  canteens: readonly Canteen[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  if (canteens.length === 1) {
    return (
      <View className="ta-tabs">
        <Text className="ta-tabs__single">{`${canteens[0].name} · ${canteens[0].location}`}</Text>
      </View>
    );
  }
  return (
    <View className="ta-tabs" ariaRole="tablist">
      {canteens.map((canteen) => (
        <View
          key={canteen.id}
          className={`ta-tabs__tab tap${canteen.id === value ? ' ta-tabs__tab--on' : ''}`}
          ariaRole="tab"
          aria-selected={canteen.id === value}
          ariaLabel={canteen.id === value ? `${canteen.name}，已选中` : canteen.name}
          onClick={() => onChange(canteen.id)}
        >
          {canteen.name}
        </View>
      ))}
    </View>
  );
}

/** Chips for picking one of a few values (days, slots). */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly { value: T; label: string; hint?: string; disabled?: boolean }[];
  value: T | null;
  onChange: (value: T) => void;
  label: string;
}) {
  return (
    <View className="ta-chips" ariaRole="radiogroup" ariaLabel={label}>
      {options.map((option) => (
        <View
          key={option.value}
          className={`ta-chip tap${option.value === value ? ' ta-chip--on' : ''}${option.disabled ? ' ta-chip--off' : ''}`}
          ariaRole="radio"
          aria-checked={option.value === value}
          ariaLabel={`${option.label}${option.hint ? `，${option.hint}` : ''}${option.value === value ? '，已选中' : ''}`}
          onClick={() => {
            if (!option.disabled) onChange(option.value);
          }}
        >
          <Text className="ta-chip__label">{option.label}</Text>
          {option.hint ? <Text className="ta-chip__hint">{option.hint}</Text> : null}
        </View>
      ))}
    </View>
  );
}
