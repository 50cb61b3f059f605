import { Text, View } from '@tarojs/components';
import type { Order } from '@contract/takeaway.schema';
import { atText, eventLabel, pickupText, statusLabel } from '../format';

/** 已下单 → 已取餐 / 已取消 / 已过期, with the step still to come while the order waits. */
export function OrderTimeline({ order }: { order: Order }) {
  const steps = order.timeline.map((event) => ({
    label: eventLabel(event.status),
    at: atText(event.at),
    done: true,
    status: event.status,
  }));
  if (order.status === 'placed')
    steps.push({ label: statusLabel('placed'), at: pickupText(order), done: false, status: 'placed' });
  return (
    <View className="ta-timeline" ariaLabel="订单进度">
      {steps.map((step, i) => (
        <View
          key={`${step.label}-${i}`}
          className={`ta-step${step.done ? '' : ' ta-step--todo'} ta-step--${step.status}`}
        >
          <View className="ta-step__dot" />
          <View className="ta-step__body">
            <Text className="ta-step__label">{step.label}</Text>
            <Text className="ta-step__at">{step.at}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
