import { Text, View } from '@tarojs/components';
import { Tabs } from './Tabs';
import './kit.css';

/**
 * Which canteen a page shows, the same on every page: one tab per canteen, or, with only one,
 * its name as a plain title (nothing to pick). Nothing at all while the list is empty.
 */
export function CanteenSwitcher({
  canteens,
  value,
  onChange,
}: {
  canteens: readonly { id: string; name: string }[];
  value: string | null | undefined;
  onChange: (id: string) => void;
}) {
  if (canteens.length === 0) return null;
  if (canteens.length === 1) {
    return (
      <View className="ui-tabs">
        <Text className="ui-tab ui-tab--fixed">{canteens[0].name}</Text>
      </View>
    );
  }
  return (
    <Tabs
      items={canteens.map((canteen) => ({ value: canteen.id, label: canteen.name }))}
      value={value}
      onChange={onChange}
      label="选择食堂"
    />
  );
}
