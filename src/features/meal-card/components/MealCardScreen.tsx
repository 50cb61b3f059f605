import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MEAL_CARD_TRANSACTION_LABELS } from '@contract/meal-card';
import type { MealCardTransaction } from '@contract/meal-card.schema';
import { useRequireSession } from '@/features/session';
import { toast } from '@/shared/ui/toast';
import { formatListTime } from '@/shared/time';
import { formatFen, formatSignedFen } from '@/shared/money';
import { ListEnd } from '@/shared/ui/StatusView';
import {
  selectCard,
  selectCardError,
  selectCardStatus,
  selectLoadCard,
  selectLoadMoreTransactions,
  selectLoadingMoreTransactions,
  useMealCard,
} from '../store';
import '@/shared/ui/styles';
import './meal-card.css';

const KIND_TONE: Record<MealCardTransaction['kind'], string> = {
  topup: ' ui-tag--primary',
  payment: ' ui-tag--warning',
  refund: ' ui-tag--success',
};

/**
 * 数字餐卡: the balance and every transaction (充值, 支付, 退款), newest first, a page at a time; a payment or refund
 * opens its order through `onOpenOrder`.
 */
export function MealCardScreen({ onOpenOrder }: { onOpenOrder: (orderId: string) => void }) {
  const me = useRequireSession();
  const card = useMealCard(selectCard);
  const status = useMealCard(selectCardStatus);
  const error = useMealCard(selectCardError);
  const load = useMealCard(selectLoadCard);
  const loadMore = useMealCard(selectLoadMoreTransactions);
  const loadingMore = useMealCard(selectLoadingMoreTransactions);
  const signedIn = me !== null;

  const refresh = useCallback(() => load(), [load]);
  useDidShow(() => {
    if (signedIn) void refresh().catch(toast);
  });
  // The ledger a page at a time: the next one when scrolled to its end.
  useReachBottom(() => {
    void loadMore().catch(toast);
  });
  usePullDownRefresh(() => {
    void refresh()
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });

  if (!signedIn || status === 'idle' || status === 'loading' || (status === 'ready' && !card)) {
    return <View className="status">加载中…</View>;
  }
  if (status === 'error' || !card) {
    return (
      <View className="status">
        <Text className="status__error">{error}</Text>
        <View className="button button--plain tap" ariaRole="button" onClick={() => void refresh().catch(toast)}>
          重试
        </View>
      </View>
    );
  }
  return (
    <View className="mc">
      <View className="mc__hero">
        <Text className="mc__label">餐卡余额</Text>
        <View className="mc__balance" ariaLabel={`餐卡余额 ${formatFen(card.balanceFen)}`}>
          {formatFen(card.balanceFen)}
        </View>
        <Text className="mc__who">{`${me.name} · ${me.unit}`}</Text>
      </View>
      <View className="card mc__ledger">
        <Text className="ui-section-title">交易记录</Text>
        {card.transactions.length === 0 ? (
          <View className="status">
            <Text>暂无交易记录</Text>
            <Text className="text-muted">充值、外卖支付和退款都会记在这里</Text>
          </View>
        ) : (
          <>
            {card.transactions.map((tx) => (
              <TransactionRow key={tx.id} tx={tx} onOpenOrder={onOpenOrder} />
            ))}
            <ListEnd
              hasMore={card.nextCursor !== null}
              loading={loadingMore}
              onMore={() => void loadMore().catch(toast)}
            />
          </>
        )}
      </View>
    </View>
  );
}

function TransactionRow({ tx, onOpenOrder }: { tx: MealCardTransaction; onOpenOrder: (orderId: string) => void }) {
  const label = MEAL_CARD_TRANSACTION_LABELS[tx.kind];
  const detail = [tx.note, tx.by ? `操作人 ${tx.by.name}` : null].filter(Boolean).join(' · ');
  const orderId = tx.orderId;
  return (
    <View
      className={`ui-cell mc-tx${orderId ? ' tap' : ''}`}
      ariaRole={orderId ? 'button' : undefined}
      onClick={orderId ? () => onOpenOrder(orderId) : undefined}
    >
      <View className="ui-cell__main">
        <View className="mc-tx__head">
          <Text className={`ui-tag${KIND_TONE[tx.kind]}`}>{label}</Text>
          <Text className="mc-tx__detail">{detail}</Text>
        </View>
        <Text className="text-muted">
          {formatListTime(tx.at)}
          {orderId ? ' · 查看订单 ›' : ''}
        </Text>
      </View>
      <View className="mc-tx__side">
        <Text className={`mc-tx__amount${tx.amountFen > 0 ? ' mc-tx__amount--in' : ''}`}>
          {formatSignedFen(tx.amountFen)}
        </Text>
        <Text className="mc-tx__after">{`余额 ${formatFen(tx.balanceAfterFen)}`}</Text>
      </View>
    </View>
  );
}
