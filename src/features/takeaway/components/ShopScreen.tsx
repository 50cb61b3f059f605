import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { toast } from '@/shared/ui/toast';
import { inShanghai, todayDate } from '@/shared/time';
import { formatFen } from '@/shared/money';
import { selectBalanceFen, selectLoadCard, useMealCard } from '@/features/meal-card/store';
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
import { cartKeyOf, selectCartOf, selectClaimCart, selectSetQuantity, selectSetSlot, useCart } from '../cart-store';
import { dayText, slottedConflict } from '../format';
import { selectRemember, useOrders } from '../orders-store';
import { TAKEAWAY_PAGES } from '../routes';
import {
  selectCheckout,
  selectCheckoutError,
  selectDismissCheckoutError,
  selectLoadShop,
  selectShopClosedAt,
  selectShopError,
  selectShopItems,
  selectShopKey,
  selectShopStatus,
  selectSubmitting,
  useShop,
} from '../shop-store';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { Chips } from '@/shared/ui/Chips';
import { CheckoutPanel } from './CheckoutPanel';
import { ItemCard } from './ItemCard';
import { Empty, LoadError, Loading, NoAccess } from '@/shared/ui/StatusView';
import { askPushConsent } from '@/shared/push/consent';
import './takeaway.css';

/** 食堂外卖: a canteen's items for today or tomorrow, the cart and checkout. */
export function ShopScreen() {
  const me = useRequireSession();
  const canteens = useTakeawayCanteens(selectCanteens);
  const canteensStatus = useTakeawayCanteens(selectCanteensStatus);
  const canteensError = useTakeawayCanteens(selectCanteensError);
  const picked = useTakeawayCanteens(selectPickedCanteenId);
  const loadCanteens = useTakeawayCanteens(selectLoadCanteens);
  const pick = useTakeawayCanteens(selectPickCanteen);
  const items = useShop(selectShopItems);
  const closedAt = useShop(selectShopClosedAt);
  const shopKey = useShop(selectShopKey);
  const status = useShop(selectShopStatus);
  const error = useShop(selectShopError);
  const loadShop = useShop(selectLoadShop);
  const submitting = useShop(selectSubmitting);
  const checkoutError = useShop(selectCheckoutError);
  const checkout = useShop(selectCheckout);
  const dismissCheckoutError = useShop(selectDismissCheckoutError);
  const claim = useCart(selectClaimCart);
  const setQuantity = useCart(selectSetQuantity);
  const setSlot = useCart(selectSetSlot);
  const balanceFen = useMealCard(selectBalanceFen);
  const loadCard = useMealCard(selectLoadCard);
  const remember = useOrders(selectRemember);
  const [date, setDate] = useState(() => todayDate());
  const [sheetOpen, setSheetOpen] = useState(false);

  const canteen = currentCanteen(canteens, picked);
  const key = canteen ? cartKeyOf(canteen.id, date) : '';
  // The canteen ended this day's takeaway (结束今天): shown, and nothing can be added or paid.
  const dayClosed = closedAt !== null && shopKey === key;
  const cart = useCart(selectCartOf(key));
  const signedIn = me !== null;
  const mayOrder = me?.roles.some((role) => role === 'staff' || role === 'admin') ?? false;

  useEffect(() => {
    if (me) claim(me.id, todayDate());
  }, [me, claim]);

  const canteenId = canteen?.id;
  const loadItems = useCallback(async () => {
    if (!canteenId) return;
    await loadShop(canteenId, date);
    const changed = useCart.getState().reconcile(cartKeyOf(canteenId, date), useShop.getState().items);
    // Fewer left, or the person's own limit used up elsewhere (limitLeft): either way the cart shrinks.
    if (changed.length > 0)
      void Taro.showToast({ title: `${changed.join('、')}可买份数不足（余量或限购），已调整购物车`, icon: 'none' });
  }, [loadShop, canteenId, date]);
  const refresh = useCallback(() => Promise.all([loadCanteens(), loadItems()]), [loadCanteens, loadItems]);

  // The first show loads the canteens (the effect below then loads the items); coming back
  // (from an order, the card) refreshes both, since stock moves all the time.
  const shown = useRef(false);
  useDidShow(() => {
    if (!signedIn || !mayOrder) return;
    void (shown.current ? refresh() : loadCanteens()).catch(toast);
    shown.current = true;
  });
  // Another canteen or day picked (and the first canteen known): its items.
  useEffect(() => {
    if (signedIn && mayOrder && canteenId) void loadItems().catch(toast);
  }, [signedIn, mayOrder, canteenId, loadItems]);
  usePullDownRefresh(() => {
    void refresh()
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });

  const lines = useMemo(() => items.filter((item) => cart.lines[item.id]), [items, cart]);
  const count = lines.reduce((sum, item) => sum + cart.lines[item.id], 0);
  const totalFen = lines.reduce((sum, item) => sum + item.priceFen * cart.lines[item.id], 0);
  const days = useMemo(() => {
    const today = todayDate();
    const tomorrow = inShanghai().add(1, 'day').format('YYYY-MM-DD');
    return [
      { value: today, label: dayText(today) },
      { value: tomorrow, label: dayText(tomorrow) },
    ];
  }, []);

  const openSheet = () => {
    dismissCheckoutError();
    setSheetOpen(true);
    void loadCard().catch(() => undefined);
  };
  const sheetShown = sheetOpen && count > 0 && !dayClosed;
  const pay = async () => {
    // In the tap, before any await: WeChat asks consent for the push when the order expires unclaimed.
    void askPushConsent();
    const order = await checkout(key);
    if (!order) return;
    remember(order);
    setSheetOpen(false);
    void loadCard().catch(() => undefined);
    void Taro.navigateTo({ url: TAKEAWAY_PAGES.order(order.id, true) });
  };

  if (!signedIn) return <Loading />;
  if (!mayOrder) return <NoAccess reason="食堂外卖仅向干部职工开放" />;
  if (canteensStatus === 'error')
    return <LoadError message={canteensError} onRetry={() => void refresh().catch(toast)} />;
  if (canteensStatus !== 'ready') return <Loading />;
  if (!canteen) return <Empty icon="外" title="暂无可点外卖的食堂" />;

  return (
    <View className="ta-shop">
      <CanteenSwitcher canteens={canteens} value={canteen.id} onChange={pick} />
      <View className="ta-shop__bar">
        <Chips label="日期" options={days} value={date} onChange={setDate} />
        <View className="ta-shop__links">
          <View
            className="ui-link tap"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.orders })}
          >
            我的订单
          </View>
          <View
            className="ui-link tap"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.mealCard })}
          >
            餐卡
          </View>
        </View>
      </View>
      {checkoutError && !sheetShown ? (
        <View className="ui-banner ui-banner--danger" ariaRole="alert">
          <Text className="ui-banner__text">{checkoutError}</Text>
          <View className="ui-banner__close tap" ariaRole="button" onClick={dismissCheckoutError}>
            知道了
          </View>
        </View>
      ) : null}
      {status === 'error' ? (
        <LoadError message={error} onRetry={() => void refresh().catch(toast)} />
      ) : status !== 'ready' || shopKey !== key ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty icon="外" title={`${canteen.name}${dayText(date)}没有外卖菜品`} hint="可以换个食堂或日期看看" />
      ) : (
        <View className="ta-shop__items">
          {dayClosed ? (
            <View className="ui-banner" ariaRole="status">
              <Text className="ui-banner__text">{`${canteen.name}${dayText(date)}的外卖已结束，不能再下单`}</Text>
            </View>
          ) : null}
          {items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              quantity={cart.lines[item.id] ?? 0}
              onChange={(q) => {
                // Stopped here, not at payment: one order holds one item split into pickup slots.
                const other = q > (cart.lines[item.id] ?? 0) ? slottedConflict(item, items, cart.lines) : undefined;
                if (other) {
                  void Taro.showToast({
                    title: `分时段取餐的菜品须分开下单，请先结算${other.name}`,
                    icon: 'none',
                  });
                  return;
                }
                setQuantity(key, item.id, q);
              }}
              dayClosed={dayClosed}
            />
          ))}
        </View>
      )}
      {count > 0 && !dayClosed ? (
        <View className="ta-cartbar">
          <View className="ta-cartbar__sum">
            <Text className="ta-cartbar__count">{`已选 ${count} 份`}</Text>
            <Text className="ta-cartbar__total">{formatFen(totalFen)}</Text>
          </View>
          <View className="button button--primary tap ta-cartbar__go" ariaRole="button" onClick={openSheet}>
            去结算
          </View>
        </View>
      ) : null}
      {sheetShown ? (
        <CheckoutPanel
          title={`确认订单 · ${canteen.name} ${dayText(date)}`}
          cart={cart}
          items={items}
          balanceFen={balanceFen}
          submitting={submitting}
          error={checkoutError}
          onSlot={(slotId) => setSlot(key, slotId)}
          onSubmit={() => void pay()}
          onClose={() => setSheetOpen(false)}
        />
      ) : null}
    </View>
  );
}
