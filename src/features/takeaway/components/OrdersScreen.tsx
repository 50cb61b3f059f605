import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Order } from '@contract/takeaway.schema';
import { useRequireSession } from '@/features/session';
import { toast } from '@/shared/ui/toast';
import { formatFen } from '@/shared/money';
import { selectCanteens, selectLoadCanteens, useTakeawayCanteens } from '../canteens-store';
import { dayText, linesText, windowText } from '../format';
import {
  selectHasMore,
  selectListError,
  selectListStatus,
  selectLoadList,
  selectLoadMore,
  selectLoadingMore,
  selectOrderList,
  useOrders,
} from '../orders-store';
import { OrderStatusTag } from './OrderStatusTag';
import { TAKEAWAY_PAGES } from '../routes';
import { Empty, ListEnd, LoadError, Loading } from '@/shared/ui/StatusView';
import './takeaway.css';

/** 我的订单: newest first, a page at a time; tap one for its pickup code and timeline. */
export function OrdersScreen() {
  const me = useRequireSession();
  const list = useOrders(selectOrderList);
  const status = useOrders(selectListStatus);
  const error = useOrders(selectListError);
  const loadList = useOrders(selectLoadList);
  const loadMore = useOrders(selectLoadMore);
  const hasMore = useOrders(selectHasMore);
  const loadingMore = useOrders(selectLoadingMore);
  const canteens = useTakeawayCanteens(selectCanteens);
  const loadCanteens = useTakeawayCanteens(selectLoadCanteens);
  const signedIn = me !== null;

  const refresh = useCallback(
    () => Promise.all([loadList(), loadCanteens().catch(() => undefined)]),
    [loadList, loadCanteens],
  );
  useDidShow(() => {
    if (signedIn) void refresh().catch(toast);
  });
  // A page at a time: the next one when the list is scrolled to its end.
  useReachBottom(() => {
    void loadMore().catch(toast);
  });
  usePullDownRefresh(() => {
    void refresh()
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });

  if (!signedIn || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={() => void refresh().catch(toast)} />;
  if (list.length === 0) {
    return (
      <Empty
        icon="单"
        title="还没有外卖订单"
        hint="在食堂外卖点餐后，订单和取餐码会显示在这里"
        action={{ label: '去点外卖', onClick: () => void Taro.redirectTo({ url: TAKEAWAY_PAGES.shop }) }}
      />
    );
  }
  const nameOf = (id: string) => canteens.find((c) => c.id === id)?.name ?? '食堂';
  return (
    <View className="ta-list">
      {list.map((order) => (
        <OrderRow key={order.id} order={order} canteenName={nameOf(order.canteenId)} />
      ))}
      <ListEnd hasMore={hasMore} loading={loadingMore} onMore={() => void loadMore().catch(toast)} />
    </View>
  );
}

function OrderRow({ order, canteenName }: { order: Order; canteenName: string }) {
  return (
    <View
      className="ta-order tap"
      ariaRole="button"
      onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.order(order.id) })}
    >
      <View className="ta-order__head">
        <Text className="ta-order__where">{`${canteenName} · ${dayText(order.date)}`}</Text>
        <OrderStatusTag status={order.status} />
      </View>
      <Text className="ta-order__lines">{linesText(order)}</Text>
      <View className="ta-order__foot">
        <Text className="text-muted">
          {order.status === 'placed'
            ? `取餐码 ${order.pickupCode} · ${windowText(order.pickupStartsAt, order.pickupEndsAt, order.date)}`
            : `合计 ${formatFen(order.totalFen)}${order.refundedFen > 0 ? `，已退 ${formatFen(order.refundedFen)}` : ''}`}
        </Text>
        {order.status === 'placed' ? <Text className="ta-order__total">{formatFen(order.totalFen)}</Text> : null}
      </View>
    </View>
  );
}
