import { View } from '@tarojs/components';
import type { Canteen } from '@contract/canteen.schema';

/** The canteens as a row of chips; the picked one highlighted. */
export function CanteenTabs(props: {
  canteens: readonly Canteen[];
  value: string | null;
  onChange: (id: string) => void;
}) {
  if (props.canteens.length === 0) return null;
  if (props.canteens.length === 1) {
    // Nothing to pick: still say which canteen this is.
    return (
      <View className="ct-tabs">
        <View className="ct-chip ct-chip--on ct-chip--fixed">{props.canteens[0].name}</View>
      </View>
    );
  }
  return (
    <View className="ct-tabs" ariaRole="tablist" ariaLabel="选择食堂">
      {props.canteens.map((canteen) => {
        const on = canteen.id === props.value;
        return (
          <View
            key={canteen.id}
            className={`ct-chip tap${on ? ' ct-chip--on' : ''}`}
            ariaRole="tab"
            ariaLabel={canteen.name}
            aria-selected={on}
            onClick={() => {
              if (!on) props.onChange(canteen.id);
            }}
          >
            {canteen.name}
          </View>
        );
      })}
    </View>
  );
}
