import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TakeawayItem } from '@contract/takeaway.schema';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { inShanghai, todayDate } from '@/shared/time';
import { Switch } from '@/shared/ui/Switch';
import { toast } from '@/shared/ui/toast';
import {
  currentCanteen,
  selectCanteens,
  selectCanteensError,
  selectCanteensStatus,
  selectLoadCanteens,
  selectPickCanteen,
  selectPickedCanteenId,
  useTakeawayCanteens,
} from '../canteens-store';
import { dayText, longDayText } from '../format';
import {
  selectLoadManage,
  selectManageBusy,
  selectManageError,
  selectManageItems,
  selectManageKey,
  selectManageStatus,
  selectRefundExpired,
  selectSetPublished,
  selectSetRefundExpired,
  selectSetStock,
  useManageItems,
} from '../manage-store';
import { TAKEAWAY_PAGES } from '../routes';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { DayBar } from '@/shared/ui/DayBar';
import { Empty, LoadError, Loading, NoAccess } from '@/shared/ui/StatusView';
import { ManageItemCard } from './ManageItemCard';
import './takeaway.css';

const shift = (date: string, days: number) =>
  inShanghai(`${date}T12:00:00+08:00`).add(days, 'day').format('YYYY-MM-DD');

/** 外卖菜品 (canteen staff, admins): a day's items, 上架/下架, stock, the refund setting, 新增. */
export function ItemsScreen() {
  const me = useRequireSession();
  const canteens = useTakeawayCanteens(selectCanteens);
  const canteensStatus = useTakeawayCanteens(selectCanteensStatus);
  const canteensError = useTakeawayCanteens(selectCanteensError);
  const picked = useTakeawayCanteens(selectPickedCanteenId);
  const loadCanteens = useTakeawayCanteens(selectLoadCanteens);
  const pick = useTakeawayCanteens(selectPickCanteen);
  const items = useManageItems(selectManageItems);
  const key = useManageItems(selectManageKey);
  const status = useManageItems(selectManageStatus);
  const error = useManageItems(selectManageError);
  const refundExpired = useManageItems(selectRefundExpired);
  const busy = useManageItems(selectManageBusy);
  const load = useManageItems(selectLoadManage);
  const setPublished = useManageItems(selectSetPublished);
  const setStock = useManageItems(selectSetStock);
  const setRefund = useManageItems(selectSetRefundExpired);
  const [date, setDate] = useState(() => todayDate());
  const [withdrawing, setWithdrawing] = useState<TakeawayItem | null>(null);
  const signedIn = me !== null;
  const mayManage = me?.roles.some((r) => r === 'canteen' || r === 'admin') ?? false;
  const mine = useMemo(() => canteens.filter((c) => c.canManage), [canteens]);
  const canteen = currentCanteen(mine, picked);
  const canteenId = canteen?.id;

  const loadDay = useCallback(() => (canteenId ? load(canteenId, date) : Promise.resolve()), [canteenId, date, load]);
  // Coming back (from 新增) reloads the day on screen; a day not loaded yet is the effect's job.
  useDidShow(() => {
    if (!signedIn || !mayManage) return;
    const current = canteenId && useManageItems.getState().key === `${canteenId}|${date}`;
    void Promise.all([loadCanteens(), current ? loadDay() : undefined]).catch(toast);
  });
  useEffect(() => {
    if (signedIn && mayManage && canteenId && key !== `${canteenId}|${date}`) void loadDay().catch(toast);
  }, [signedIn, mayManage, canteenId, date, key, loadDay]);
  usePullDownRefresh(() => {
    void Promise.all([loadCanteens(), loadDay()])
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });

  if (!signedIn) return <Loading />;
  if (!mayManage) return <NoAccess reason="外卖菜品管理仅限食堂工作人员和管理员" />;
  if (canteensStatus === 'error')
    return <LoadError message={canteensError} onRetry={() => void loadCanteens().catch(toast)} />;
  if (canteensStatus !== 'ready') return <Loading />;
  if (!canteen) return <Empty icon="菜" title="您还没有被指派到任何食堂" />;

  const toggle = async (item: TakeawayItem, publish: boolean) => {
    setWithdrawing(null);
    try {
      await setPublished(canteen.id, item.id, publish);
      void Taro.showToast({ title: publish ? `${item.name}已上架` : `${item.name}已下架`, icon: 'none' });
    } catch (err) {
      toast(err);
    }
  };
  const today = todayDate();

  return (
    <View className="ta-manage">
      <CanteenSwitcher canteens={mine} value={canteen.id} onChange={pick} />
      <DayBar
        title={`${longDayText(date)}${date === today ? '（今天）' : ''}`}
        prevLabel="前一天"
        nextLabel="后一天"
        onPrev={() => setDate(shift(date, -1))}
        onNext={() => setDate(shift(date, 1))}
      />
      <View className="card ta-setting">
        <View className="ta-setting__text">
          <Text>过期订单退款</Text>
          <Text className="text-muted">
            {refundExpired ? '结束当天时，未取餐的订单退回餐卡' : '结束当天时，未取餐的订单不退款'}
          </Text>
        </View>
        <Switch
          checked={refundExpired === true}
          disabled={refundExpired === null}
          label={`过期订单退款，${refundExpired ? '已开启' : '已关闭'}`}
          onChange={(on) => void setRefund(canteen.id, on).catch(toast)}
        />
      </View>
      <View className="ta-manage__add">
        <View
          className="button button--primary tap"
          ariaRole="button"
          onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.newItem(canteen.id, date) })}
        >
          {`新增${dayText(date)}的外卖菜品`}
        </View>
      </View>
      {status === 'error' ? (
        <LoadError message={error} onRetry={() => void loadDay().catch(toast)} />
      ) : status !== 'ready' || key !== `${canteen.id}|${date}` ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty
          icon="菜"
          title={`${dayText(date)}还没有外卖菜品`}
          hint="点上方按钮新增，可从菜品库选择或填写净菜、面点等"
        />
      ) : (
        <View className="ta-shop__items">
          {items.map((item) => (
            <ManageItemCard
              key={`${item.id}-${item.stock}`}
              item={item}
              busy={busy[item.id] === true}
              onToggle={() => (item.status === 'published' ? setWithdrawing(item) : void toggle(item, true))}
              onStock={async (stock) => {
                try {
                  await setStock(canteen.id, item.id, stock);
                  void Taro.showToast({ title: `库存已改为 ${stock} 份`, icon: 'none' });
                  return null;
                } catch (err) {
                  return errorMessage(err);
                }
              }}
            />
          ))}
        </View>
      )}
      <ConfirmDialog
        visible={withdrawing !== null}
        title="下架这个菜品？"
        content={`下架后“${withdrawing?.name ?? ''}”不能再下单，已下的订单不受影响。`}
        confirmText="下架"
        onConfirm={() => withdrawing && void toggle(withdrawing, false)}
        onCancel={() => setWithdrawing(null)}
      />
    </View>
  );
}
