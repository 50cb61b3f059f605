import { Text } from '@tarojs/components';
import type { OrderStatus } from '@contract/takeaway';
import { statusLabel } from '../format';
import '@/shared/ui/styles';

const TONE: Record<OrderStatus, string> = {
  placed: ' ui-tag--warning',
  collected: ' ui-tag--success',
  cancelled: '',
  expired: '',
};

/** 待取餐 / 已取餐 / 已取消 / 已过期, coloured by what it means for the person. */
export function OrderStatusTag({
  status,
  label,
  className,
}: {
  status: OrderStatus;
  label?: string;
  className?: string;
}) {
  return (
    <Text className={`ui-tag ui-tag--strong${TONE[status]}${className ? ` ${className}` : ''}`}>
      {label ?? statusLabel(status)}
    </Text>
  );
}
