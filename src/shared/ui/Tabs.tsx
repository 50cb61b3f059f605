import { View } from '@tarojs/components';
import './kit.css';

export interface TabItem<T extends string> {
  value: T;
  label: string;
}

/**
 * One view out of a few (canteens, filters, board views): a `tablist` whose picked tab carries
 * `aria-selected`. Tapping the picked tab again does nothing.
 */
export function Tabs<T extends string>({
  items,
  value,
  onChange,
  label,
  small,
}: {
  items: readonly TabItem<T>[];
  value: T | null | undefined;
  onChange: (value: T) => void;
  /** What is being picked (read out with the list). */
  label: string;
  small?: boolean;
}) {
  return (
    <View className="ui-tabs" ariaRole="tablist" ariaLabel={label}>
      {items.map((item) => {
        const on = item.value === value;
        return (
          <View
            key={item.value}
            className={`ui-tab tap${small ? ' ui-chip--small' : ''}${on ? ' ui-tab--on' : ''}`}
            ariaRole="tab"
            ariaLabel={item.label}
            aria-selected={on}
            onClick={() => {
              if (!on) onChange(item.value);
            }}
          >
            {item.label}
          </View>
        );
      })}
    </View>
  );
}
