import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { TAKEAWAY_LIMITS } from '@contract/takeaway';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { formatFen } from '@/shared/money';
import { inputValue } from '@/features/meal-card/input-value';
import { saleState, windowText, type SaleState } from '../format';
import '@/shared/ui/styles';

const STATE_TAGS: Record<SaleState, string> = {
  'on-sale': '在售',
  'not-open': '未开售',
  closed: '已停售',
  'sold-out': '已售罄',
  withdrawn: '已下架',
};

/**
 * One item as its canteen sees it: stock, sold, left, windows, slots; 上架/下架 and 调整库存
 * (never below what is sold: the server refuses with STOCK_BELOW_SOLD, shown here).
 */
export function ManageItemCard(props: {
  item: TakeawayItem;
  busy: boolean;
  onToggle: () => void;
  onStock: (stock: number) => Promise<string | null>;
}) {
  const { item } = props;
  const sold = item.stock - item.remaining;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(String(item.stock));
  const [problem, setProblem] = useState<string | null>(null);
  const published = item.status === 'published';
  // What diners see now, so staff never read 在售 for an item diners see as 已停售.
  const state = saleState(item);
  const tag = STATE_TAGS[state];
  const value = Number(draft);
  const valid = /^\d+$/.test(draft) && value <= TAKEAWAY_LIMITS.maxStock;

  const save = async () => {
    if (!valid) {
      setProblem(`请输入 0 到 ${TAKEAWAY_LIMITS.maxStock} 的整数`);
      return;
    }
    if (value < sold) {
      setProblem(`库存不能少于已售出的 ${sold} 份`);
      return;
    }
    const refused = await props.onStock(value);
    setProblem(refused);
    if (!refused) setEditing(false);
  };
  const bump = (delta: number) => {
    const next = Math.max(sold, Math.min(TAKEAWAY_LIMITS.maxStock, (valid ? value : item.stock) + delta));
    setDraft(String(next));
    setProblem(null);
  };

  return (
    <View className={`ta-mi${published ? '' : ' ta-mi--off'}`} ariaLabel={`${item.name}，${tag}`}>
      <View className="ta-item__head">
        <Text className="ta-item__name">{item.name}</Text>
        <Text className={`ui-tag${state === 'on-sale' ? ' ui-tag--success' : ''}`}>{tag}</Text>
      </View>
      <Text className="ta-mi__nums">{`${formatFen(item.priceFen)} · 库存 ${item.stock} · 已售 ${sold} · 剩余 ${item.remaining}${item.remaining === 0 ? '（已售罄）' : ''}`}</Text>
      <Text className="ta-item__meta">
        {`售卖 ${windowText(item.saleStartsAt, item.saleEndsAt, item.date)} · 取餐 ${windowText(item.pickupStartsAt, item.pickupEndsAt, item.date)} · ${item.perPersonLimit === null ? '不限购' : `每人限购 ${item.perPersonLimit} 份`}`}
      </Text>
      {item.pickupSlots.length > 0 ? (
        <View className="ta-mi__slots">
          {item.pickupSlots.map((slot) => (
            <Text
              key={slot.id}
              className="ta-mi__slot"
            >{`${windowText(slot.startsAt, slot.endsAt, item.date)} 余 ${slot.remaining}/${slot.capacity}`}</Text>
          ))}
        </View>
      ) : null}
      {editing ? (
        <View className="ta-mi__stock">
          <View className="ta-stepper">
            <View className="ta-stepper__btn tap" ariaRole="button" ariaLabel="库存减 10" onClick={() => bump(-10)}>
              −10
            </View>
            <Input
              className="ta-mi__input"
              type="number"
              value={draft}
              ariaLabel={`${item.name} 新库存`}
              onInput={(e) => setDraft(inputValue(e))}
            />
            <View className="ta-stepper__btn tap" ariaRole="button" ariaLabel="库存加 10" onClick={() => bump(10)}>
              +10
            </View>
          </View>
          <View className="ta-mi__actions">
            <View className="ui-link tap" ariaRole="button" onClick={() => setEditing(false)}>
              取消
            </View>
            <View
              className={`ui-link ui-link--strong tap${props.busy ? ' button--off' : ''}`}
              ariaRole="button"
              onClick={() => void save()}
            >
              保存库存
            </View>
          </View>
          {problem ? (
            <View className="status__error" ariaRole="alert">
              {problem}
            </View>
          ) : null}
        </View>
      ) : (
        <View className="ta-mi__actions">
          <View
            className="ui-link tap"
            ariaRole="button"
            onClick={() => {
              setDraft(String(item.stock));
              setProblem(null);
              setEditing(true);
            }}
          >
            调整库存
          </View>
          <View
            className={`ui-link tap${published ? ' ui-link--danger' : ' ui-link--strong'}${props.busy ? ' button--off' : ''}`}
            ariaRole="button"
            onClick={props.onToggle}
          >
            {published ? '下架' : '上架'}
          </View>
        </View>
      )}
    </View>
  );
}
