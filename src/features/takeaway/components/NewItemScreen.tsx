import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { Dish } from '@contract/canteen.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { inputValue } from '@/features/meal-card/input-value';
import { createItem, fetchDishes } from '../api';
import { longDayText } from '../format';
import { initialDraft, nextSlot, toNewItem, type ItemDraft } from '../item-draft';
import { TimeField } from './TimeField';
import { Check } from '@/shared/ui/Check';
import { Loading } from '@/shared/ui/StatusView';
import './takeaway.css';

/**
 * 新增外卖菜品: from the dish library or typed (净菜, 面点…), price in ¥ (sent as fen), stock, sale
 * and pickup windows, optional pickup slots with a capacity each, per-person limit, publish now.
 */
export function NewItemScreen({ canteenId, date }: { canteenId: string; date: string }) {
  const me = useRequireSession();
  const [draft, setDraft] = useState<ItemDraft>(initialDraft);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dishes, setDishes] = useState<Dish[] | null>(null);
  const [dishProblem, setDishProblem] = useState<string | null>(null);
  const set = (patch: Partial<ItemDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setSlot = (index: number, patch: Partial<ItemDraft['slots'][number]>) =>
    setDraft((d) => ({ ...d, slots: d.slots.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));

  if (!me) return <Loading />;
  if (!canteenId || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    return <View className="status">缺少食堂或日期，请从外卖菜品页进入</View>;

  const openLibrary = async () => {
    setDishProblem(null);
    try {
      setDishes((await fetchDishes(canteenId)).items.filter((d) => !d.retired));
    } catch (error) {
      setDishProblem(errorMessage(error));
    }
  };

  const save = async () => {
    const body = toNewItem(draft, date);
    if (typeof body === 'string') {
      setProblem(body);
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const item = await createItem(canteenId, body);
      void Taro.showToast({
        title: item.status === 'published' ? `${item.name}已上架` : `${item.name}已保存，未上架`,
        icon: 'none',
      });
      void Taro.navigateBack();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="ta-form">
      <Text className="ta-form__day">{`${longDayText(date)} 的外卖菜品`}</Text>
      <View className="card">
        <Text className="ui-label">菜品名称</Text>
        <Input
          className="ui-input ui-input--grow"
          value={draft.name}
          maxlength={40}
          placeholder="例如 红烧肉套餐、净菜礼包"
          onInput={(e) => set({ name: inputValue(e), dishId: null })}
        />
        {draft.dishId ? <Text className="text-muted">已关联菜品库中的菜品</Text> : null}
        {dishes === null ? (
          <View className="ui-link tap ta-form__library" ariaRole="button" onClick={() => void openLibrary()}>
            从菜品库选择
          </View>
        ) : (
          <View className="ta-chips">
            {dishes.map((dish) => (
              <View
                key={dish.id}
                className={`ta-chip tap${draft.dishId === dish.id ? ' ta-chip--on' : ''}`}
                ariaRole="button"
                onClick={() => set({ name: dish.name, dishId: dish.id })}
              >
                <Text className="ta-chip__label">{dish.name}</Text>
              </View>
            ))}
            {dishes.length === 0 ? <Text className="text-muted">菜品库是空的，请直接填写名称</Text> : null}
          </View>
        )}
        {dishProblem ? <Text className="status__error">{dishProblem}</Text> : null}

        <View className="ta-form__grid">
          <View className="ta-form__cell">
            <Text className="ui-label">价格（元）</Text>
            <Input
              className="ui-input ui-input--grow"
              type="digit"
              value={draft.price}
              placeholder="18"
              onInput={(e) => set({ price: inputValue(e) })}
            />
          </View>
          <View className="ta-form__cell">
            <Text className="ui-label">库存（份）</Text>
            <Input
              className="ui-input ui-input--grow"
              type="number"
              value={draft.stock}
              placeholder="100"
              onInput={(e) => set({ stock: inputValue(e) })}
            />
          </View>
          <View className="ta-form__cell">
            <Text className="ui-label">每人限购</Text>
            <Input
              className="ui-input ui-input--grow"
              type="number"
              value={draft.limit}
              placeholder="不限"
              onInput={(e) => set({ limit: inputValue(e) })}
            />
          </View>
        </View>
      </View>

      <View className="card">
        <Text className="ui-label">售卖时间</Text>
        <View className="ta-form__range">
          <TimeField label="售卖开始" value={draft.saleStart} onChange={(saleStart) => set({ saleStart })} />
          <Text>至</Text>
          <TimeField label="售卖结束" value={draft.saleEnd} onChange={(saleEnd) => set({ saleEnd })} />
        </View>
        <Check
          label="前一天开始售卖（提前预订）"
          checked={draft.saleFromDayBefore}
          onChange={(saleFromDayBefore) => set({ saleFromDayBefore })}
        />
        <Text className="ui-label">取餐时间</Text>
        <View className="ta-form__range">
          <TimeField label="取餐开始" value={draft.pickupStart} onChange={(pickupStart) => set({ pickupStart })} />
          <Text>至</Text>
          <TimeField label="取餐结束" value={draft.pickupEnd} onChange={(pickupEnd) => set({ pickupEnd })} />
        </View>

        <Text className="ui-label">分时段取餐（可选）</Text>
        {draft.slots.map((slot, index) => (
          <View key={index} className="ta-form__slot">
            <TimeField
              label={`时段 ${index + 1} 开始`}
              value={slot.start}
              onChange={(start) => setSlot(index, { start })}
            />
            <Text>至</Text>
            <TimeField label={`时段 ${index + 1} 结束`} value={slot.end} onChange={(end) => setSlot(index, { end })} />
            <Input
              className="ui-input ui-input--grow ta-input--small"
              type="number"
              value={slot.capacity}
              placeholder="单数"
              onInput={(e) => setSlot(index, { capacity: inputValue(e) })}
            />
            <View
              className="ui-link ui-link--danger tap"
              ariaRole="button"
              ariaLabel={`删除时段 ${index + 1}`}
              onClick={() => set({ slots: draft.slots.filter((_, i) => i !== index) })}
            >
              删除
            </View>
          </View>
        ))}
        <View
          className="ui-link tap"
          ariaRole="button"
          onClick={() => {
            const slot = nextSlot(draft);
            if (slot) set({ slots: [...draft.slots, slot] });
            else void Taro.showToast({ title: '取餐时间已分完，请先延长取餐结束时间', icon: 'none' });
          }}
        >
          + 添加取餐时段
        </View>
        <Text className="text-muted">不分时段时，顾客在整个取餐时间内都可取餐；分时段后每个时段限定接单数。</Text>
      </View>

      <View className="card">
        <Check label="保存后立即上架" checked={draft.publish} onChange={(publish) => set({ publish })} />
        {problem ? (
          <View className="ui-banner ui-banner--danger ta-form__problem" ariaRole="alert">
            {problem}
          </View>
        ) : null}
        <View
          className={`button button--primary tap ta-form__save${saving ? ' button--off' : ''}`}
          ariaRole="button"
          onClick={() => (saving ? undefined : void save())}
        >
          {saving ? '正在保存…' : draft.publish ? '保存并上架' : '保存'}
        </View>
      </View>
    </View>
  );
}
