import { useCallback, useEffect, useState, type ReactNode } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { useRequireSession } from '@/features/session';
import { formatFen } from '@/shared/money';
import { selectLoadCard, useMealCard } from '@/features/meal-card/store';
import { OrderStatusTag } from './OrderStatusTag';
import { toast } from '@/shared/ui/toast';
import { selectCanteens, selectLoadCanteens, useTakeawayCanteens } from '../canteens-store';
import { atText, dayText, pickupText } from '../format';
import {
  selectCancel,
  selectCancelling,
  selectDetailError,
  selectLoadOne,
  selectOrderById,
  useOrders,
} from '../orders-store';
import { TAKEAWAY_PAGES } from '../routes';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { OrderTimeline } from './OrderTimeline';
import './takeaway.css';

/** While an order waits at the counter its page checks every few seconds, so 已取餐 shows by itself. */
const WATCH_MS = 4000;

/** `482915` → `482 915`, easier to read out at the counter. */
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * One order: the pickup code (QR drawn by `renderQr`, and 6 digits) while it waits, its timeline,
 * what was bought and paid, and 取消订单 until the sale window closes.
 */
export function OrderDetailScreen({
  id,
  placed,
  renderQr,
}: {
  id: string;
  placed: boolean;
  renderQr: (code: string) => ReactNode;
}) {
  const me = useRequireSession();
  const order = useOrders(selectOrderById(id));
  const error = useOrders(selectDetailError(id));
  const cancelling = useOrders(selectCancelling(id));
  const loadOne = useOrders(selectLoadOne);
  const cancel = useOrders(selectCancel);
  const loadCard = useMealCard(selectLoadCard);
  const canteens = useTakeawayCanteens(selectCanteens);
  const loadCanteens = useTakeawayCanteens(selectLoadCanteens);
  const [confirming, setConfirming] = useState(false);
  const [visible, setVisible] = useState(true);
  const signedIn = me !== null;

  const refresh = useCallback(() => loadOne(id), [loadOne, id]);
  useDidShow(() => {
    setVisible(true);
    if (!signedIn) return;
    void refresh().catch(toast);
    void loadCanteens().catch(() => undefined);
  });
  useDidHide(() => setVisible(false));
  usePullDownRefresh(() => {
    void refresh()
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });
  const waiting = order?.status === 'placed';
  useEffect(() => {
    if (!signedIn || !visible || !waiting) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), WATCH_MS);
    return () => clearInterval(timer);
  }, [signedIn, visible, waiting, refresh]);

  if (!signedIn) return <Loading />;
  if (!order) return error ? <LoadError message={error} onRetry={() => void refresh().catch(toast)} /> : <Loading />;

  const canteen = canteens.find((c) => c.id === order.canteenId);
  const cancellable = waiting && Date.now() < Date.parse(order.cancellableUntil);
  const doCancel = async () => {
    setConfirming(false);
    try {
      await cancel(order.id);
      void Taro.showToast({ title: `订单已取消，${formatFen(order.totalFen)} 已退回餐卡`, icon: 'none' });
      void loadCard().catch(() => undefined);
    } catch (err) {
      toast(err);
    }
  };

  return (
    <View className="ta-detail">
      {placed && waiting ? (
        <View className="ui-banner ui-banner--success" ariaRole="alert">
          <Text className="ui-banner__text">{`下单成功，已从餐卡支付 ${formatFen(order.totalFen)}`}</Text>
        </View>
      ) : null}
      <View className="card ta-code">
        <OrderStatusTag status={order.status} className="ta-code__status" />
        {waiting ? (
          <>
            <View className="ta-code__qr">{renderQr(order.pickupCode)}</View>
            <Text className="ta-code__label">取餐码</Text>
            <View className="ta-code__digits" ariaLabel={`取餐码 ${order.pickupCode}`}>
              {spaced(order.pickupCode)}
            </View>
            <Text className="ta-code__where">{`请在 ${pickupText(order)} 到${canteen ? `${canteen.name}（${canteen.location}）` : '食堂'}出示取餐码`}</Text>
          </>
        ) : (
          <Text className="ta-code__where">
            {order.status === 'collected'
              ? '已取餐，祝您用餐愉快'
              : order.status === 'cancelled'
                ? `订单已取消${order.refundedFen > 0 ? `，${formatFen(order.refundedFen)} 已退回餐卡` : ''}`
                : `订单未取餐已过期${order.refundedFen > 0 ? `，${formatFen(order.refundedFen)} 已退回餐卡` : ''}`}
          </Text>
        )}
      </View>

      <View className="card">
        <Text className="ui-section-title">订单进度</Text>
        <OrderTimeline order={order} />
      </View>

      <View className="card">
        <Text className="ui-section-title">{`${canteen?.name ?? '食堂'} · ${dayText(order.date)}`}</Text>
        {order.items.map((line) => (
          <View key={line.itemId} className="ta-line">
            <Text className="ta-line__name">{line.name}</Text>
            <Text className="ta-line__qty">{`${formatFen(line.priceFen)} ×${line.quantity}`}</Text>
            <Text className="ta-line__amount">{formatFen(line.amountFen)}</Text>
          </View>
        ))}
        <View className="ta-line ta-line--total">
          <Text className="ta-line__name">餐卡支付</Text>
          <Text className="ta-line__amount">{formatFen(order.totalFen)}</Text>
        </View>
        {order.refundedFen > 0 ? (
          <View className="ta-line">
            <Text className="ta-line__name">已退回餐卡</Text>
            <Text className="ta-line__amount">{formatFen(order.refundedFen)}</Text>
          </View>
        ) : null}
        <Text className="text-muted">{`下单时间 ${atText(order.createdAt)}`}</Text>
      </View>

      <View className="ta-actions">
        {cancellable ? (
          <View
            className={`button button--danger tap${cancelling ? ' button--off' : ''}`}
            ariaRole="button"
            onClick={() => {
              if (!cancelling) setConfirming(true);
            }}
          >
            {cancelling ? '正在取消…' : '取消订单'}
          </View>
        ) : null}
        <View
          className="button button--plain tap"
          ariaRole="button"
          onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.mealCard })}
        >
          查看餐卡
        </View>
      </View>
      {cancellable ? (
        <Text className="ta-actions__hint">{`${atText(order.cancellableUntil)} 前可取消，款项原路退回餐卡`}</Text>
      ) : null}

      <ConfirmDialog
        visible={confirming}
        title="取消订单？"
        content={`取消后 ${formatFen(order.totalFen)} 将退回餐卡，菜品留给其他同事。`}
        confirmText="取消订单"
        cancelText="再想想"
        onConfirm={() => void doCancel()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
