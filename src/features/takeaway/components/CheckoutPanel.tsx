import { Text, View } from '@tarojs/components';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { formatFen } from '@/shared/money';
import type { Cart } from '../cart-store';
import { slotChoices, windowText } from '../format';
import { Chips } from '@/shared/ui/Chips';

/**
 * The checkout sheet: what is in the cart, the pickup slot (when the items have slots), the meal
 * card balance and the pay button. Money leaves the card only when the server says so.
 */
export function CheckoutPanel(props: {
  title: string;
  cart: Cart;
  items: readonly TakeawayItem[];
  balanceFen: number | undefined;
  submitting: boolean;
  error: string | null;
  onSlot: (slotId: string) => void;
  onSubmit: () => void;
  onClose: () => void;
}) {
  const { cart, items } = props;
  const lines = items.filter((item) => cart.lines[item.id]).map((item) => ({ item, quantity: cart.lines[item.id] }));
  const totalFen = lines.reduce((sum, l) => sum + l.item.priceFen * l.quantity, 0);
  const slots = slotChoices(lines.map((l) => l.item));
  const date = lines[0]?.item.date ?? '';
  // A slot chosen earlier that has since ended counts as none chosen.
  const needSlot = slots.length > 0 && !slots.some((s) => s.id === cart.slotId && Date.now() < Date.parse(s.endsAt));
  const short = props.balanceFen !== undefined && props.balanceFen < totalFen;
  return (
    <View className="ui-sheet" catchMove>
      <View className="ui-sheet__mask" onClick={props.onClose} />
      <View className="ui-sheet__box" ariaRole="dialog" ariaLabel="确认订单">
        <View className="ui-sheet__head">
          <Text className="ui-sheet__title">{props.title}</Text>
          <View className="ui-sheet__close tap" ariaRole="button" ariaLabel="关闭" onClick={props.onClose}>
            ✕
          </View>
        </View>
        {lines.map(({ item, quantity }) => (
          <View key={item.id} className="ta-line">
            <Text className="ta-line__name">{item.name}</Text>
            <Text className="ta-line__qty">{`×${quantity}`}</Text>
            <Text className="ta-line__amount">{formatFen(item.priceFen * quantity)}</Text>
          </View>
        ))}
        {slots.length > 0 ? (
          <View className="ta-sheet__section">
            <Text className="ta-sheet__label">选择取餐时段</Text>
            <Chips
              label="取餐时段"
              value={slots.some((s) => s.id === cart.slotId) ? cart.slotId : null}
              onChange={props.onSlot}
              options={slots.map((slot) => {
                // A slot already over is shown but not offered (the BFF refuses it: SLOT_ENDED).
                const ended = Date.now() >= Date.parse(slot.endsAt);
                return {
                  value: slot.id,
                  label: windowText(slot.startsAt, slot.endsAt, date),
                  hint: ended ? '已过' : slot.remaining > 0 ? `余 ${slot.remaining}` : '已约满',
                  disabled: ended || slot.remaining <= 0,
                };
              })}
            />
          </View>
        ) : null}
        <View className="ta-sheet__row">
          <Text className="text-muted">餐卡余额</Text>
          <Text className={short ? 'status__error' : ''}>
            {props.balanceFen === undefined ? '—' : formatFen(props.balanceFen)}
          </Text>
        </View>
        {short ? <Text className="ta-sheet__warn">餐卡余额不足，请联系管理员充值</Text> : null}
        {props.error ? (
          <View className="ta-sheet__error" ariaRole="alert">
            {props.error}
          </View>
        ) : null}
        <View
          className={`button button--primary tap ta-sheet__pay${props.submitting || needSlot || lines.length === 0 ? ' button--off' : ''}`}
          ariaRole="button"
          onClick={() => {
            if (!props.submitting && !needSlot && lines.length > 0) props.onSubmit();
          }}
        >
          {props.submitting ? '正在下单…' : needSlot ? '请先选择取餐时段' : `餐卡支付 ${formatFen(totalFen)}`}
        </View>
      </View>
    </View>
  );
}
