import { Text, View } from '@tarojs/components';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { formatFen } from '@/shared/money';
import { clockOn, maxOrderable, saleState, windowText } from '../format';
import '@/shared/ui/styles';

/** One item on sale: price, what is left, limits and windows, and the quantity in the cart. */
export function ItemCard({
  item,
  quantity,
  onChange,
  dayClosed = false,
}: {
  item: TakeawayItem;
  quantity: number;
  onChange: (quantity: number) => void;
  /** The canteen closed the day (结束今天): nothing of it can be ordered any more. */
  dayClosed?: boolean;
}) {
  const state = saleState(item);
  const most = maxOrderable(item);
  // Bought up to the limit already (that day): nothing more for this person, whatever is left.
  const limitReached = item.limitLeft === 0 && state === 'on-sale';
  const orderable = state === 'on-sale' && !dayClosed && !limitReached;
  const badge = dayClosed
    ? '已结束'
    : limitReached
      ? '已达限购'
      : state === 'sold-out'
        ? '已售罄'
        : state === 'not-open'
          ? `${clockOn(item.saleStartsAt, item.date)} 开售`
          : state === 'closed'
            ? '已停售'
            : state === 'withdrawn'
              ? '已下架'
              : null;
  return (
    <View
      className={`ta-item${orderable ? '' : ' ta-item--off'}`}
      ariaLabel={badge ? `${item.name}，${badge}` : item.name}
    >
      <View className="ta-item__head">
        <Text className="ta-item__name">{item.name}</Text>
        <Text className="ta-item__price">{formatFen(item.priceFen)}</Text>
      </View>
      <Text className="ta-item__meta">
        {`取餐 ${windowText(item.pickupStartsAt, item.pickupEndsAt, item.date)} · 售卖至 ${clockOn(item.saleEndsAt, item.date)}`}
      </Text>
      <View className="ta-item__foot">
        <Text className={`ta-item__left${item.remaining > 0 && item.remaining <= 10 ? ' ta-item__left--low' : ''}`}>
          {item.remaining > 0 ? `剩余 ${item.remaining} 份` : '剩余 0 份'}
          {item.perPersonLimit !== null ? ` · 每人限购 ${item.perPersonLimit} 份` : ''}
          {item.limitLeft !== undefined && item.perPersonLimit !== null && item.limitLeft < item.perPersonLimit
            ? `，您已买 ${item.perPersonLimit - item.limitLeft} 份，还可买 ${item.limitLeft} 份`
            : ''}
        </Text>
        {badge ? (
          <Text className={`ui-tag${state === 'sold-out' && !dayClosed ? ' ui-tag--danger ui-tag--strong' : ''}`}>
            {badge}
          </Text>
        ) : quantity === 0 ? (
          <View className="ta-add tap" ariaRole="button" ariaLabel={`加入 ${item.name}`} onClick={() => onChange(1)}>
            加入
          </View>
        ) : (
          <Stepper name={item.name} value={quantity} max={most} onChange={onChange} />
        )}
      </View>
    </View>
  );
}

export function Stepper({
  name,
  value,
  max,
  onChange,
}: {
  name: string;
  value: number;
  max: number;
  onChange: (value: number) => void;
}) {
  const canAdd = value < max;
  return (
    <View className="ta-stepper">
      <View
        className="ta-stepper__btn tap"
        ariaRole="button"
        ariaLabel={`减少 ${name}`}
        onClick={() => onChange(value - 1)}
      >
        −
      </View>
      <View className="ta-stepper__value" ariaLabel={`${name} ${value} 份`}>
        {value}
      </View>
      <View
        className={`ta-stepper__btn tap${canAdd ? '' : ' ta-stepper__btn--off'}`}
        ariaRole="button"
        ariaLabel={canAdd ? `增加 ${name}` : `${name}已达上限`}
        onClick={() => {
          if (canAdd) onChange(value + 1);
        }}
      >
        +
      </View>
    </View>
  );
}
