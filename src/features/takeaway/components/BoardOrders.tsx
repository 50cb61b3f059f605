import { Text, View } from '@tarojs/components';
import type { BoardOrder, PrepLine } from '@contract/takeaway.schema';
import type { SlotGroup } from '../board';
import { linesText, statusLabel } from '../format';
import { OrderStatusTag } from './OrderStatusTag';
import { formatListTime } from '@/shared/time';

/** The day's orders by pickup slot; orders that came in live carry 新. */
export function BoardGroups({ groups, fresh }: { groups: readonly SlotGroup[]; fresh: Record<string, true> }) {
  return (
    <View className="ta-board__groups">
      {groups.map((group) => (
        <View key={group.key} className="card ta-group">
          <View className="ta-group__head">
            <Text className="ta-group__label">{group.label}</Text>
            <Text className="text-muted">{`待取 ${group.waiting} · 已取 ${group.collected}`}</Text>
          </View>
          {group.orders.map((order) => (
            <BoardOrderRow key={order.id} order={order} fresh={fresh[order.id] === true} />
          ))}
        </View>
      ))}
    </View>
  );
}

function BoardOrderRow({ order, fresh }: { order: BoardOrder; fresh: boolean }) {
  const done = order.status !== 'placed';
  return (
    <View
      className={`ta-bo${done ? ' ta-bo--done' : ''}`}
      ariaLabel={`取餐码 ${order.pickupCode}，${order.person.name}，${statusLabel(order.status)}`}
    >
      <View className="ta-bo__head">
        <Text className="ta-bo__code">{order.pickupCode}</Text>
        {fresh && !done ? <Text className="ta-bo__new">新</Text> : null}
        <Text className="ta-bo__who">{`${order.person.name} · ${order.person.unit}`}</Text>
        <OrderStatusTag status={order.status} />
      </View>
      <View className="ta-bo__foot">
        <Text className="ta-bo__lines">{linesText(order)}</Text>
        <Text className="text-muted">{formatListTime(order.createdAt)}</Text>
      </View>
    </View>
  );
}

/** 备餐汇总: each item's total across the day's live orders, and how many are handed out. */
export function PrepList({ lines }: { lines: readonly PrepLine[] }) {
  return (
    <View className="card ta-prep">
      {lines.map((line) => (
        <View key={line.itemId} className="ta-prep__row" ariaLabel={`${line.name} 共 ${line.quantity} 份`}>
          <Text className="ta-prep__name">{line.name}</Text>
          <Text className="ta-prep__qty">{`${line.quantity} 份`}</Text>
          <Text className="ta-prep__left text-muted">{`待取 ${line.quantity - line.collected}`}</Text>
        </View>
      ))}
    </View>
  );
}
