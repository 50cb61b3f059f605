import { useCallback, useEffect, useMemo, useState } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { refreshMe, useRequireSession } from '@/features/session';
import { todayDate } from '@/shared/time';
import { formatFen } from '@/shared/money';
import { toast } from '@/shared/ui/toast';
import { closeDay } from '../api';
import { groupBySlot, prepListOf } from '../board';
import {
  selectBoardClosedAt,
  selectBoardFresh,
  selectBoardLink,
  selectBoardLinkError,
  selectBoardLoaded,
  selectBoardOrders,
  selectCloseBoard,
  selectOpenBoard,
  selectReloadBoard,
  selectUpsertBoard,
  useBoard,
} from '../board-store';
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
import { clockOn, longDayText } from '../format';
import { TAKEAWAY_PAGES } from '../routes';
import { BoardGroups, PrepList } from './BoardOrders';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { Empty, LoadError, Loading, NoAccess } from '@/shared/ui/StatusView';
import { PickupPanel } from './PickupPanel';
import './takeaway.css';
import { Tabs } from '@/shared/ui/Tabs';

const BOARD_VIEWS = [
  { value: 'slots', label: '按取餐时段' },
  { value: 'prep', label: '备餐汇总' },
] as const;

const LINK_TEXT = {
  idle: '未连接',
  connecting: '正在连接…',
  live: '实时更新中',
  retrying: '连接中断，正在重连…',
  refused: '无法连接',
} as const;

/** 订单看板 (canteen staff): live orders by pickup slot, the prep list, pickups, close of day. */
export function BoardScreen() {
  const me = useRequireSession();
  const canteens = useTakeawayCanteens(selectCanteens);
  const canteensStatus = useTakeawayCanteens(selectCanteensStatus);
  const canteensError = useTakeawayCanteens(selectCanteensError);
  const picked = useTakeawayCanteens(selectPickedCanteenId);
  const loadCanteens = useTakeawayCanteens(selectLoadCanteens);
  const pick = useTakeawayCanteens(selectPickCanteen);
  const orders = useBoard(selectBoardOrders);
  const link = useBoard(selectBoardLink);
  const linkError = useBoard(selectBoardLinkError);
  const loaded = useBoard(selectBoardLoaded);
  const fresh = useBoard(selectBoardFresh);
  const closedAt = useBoard(selectBoardClosedAt);
  const open = useBoard(selectOpenBoard);
  const close = useBoard(selectCloseBoard);
  const reload = useBoard(selectReloadBoard);
  const upsert = useBoard(selectUpsertBoard);
  const [view, setView] = useState<'slots' | 'prep'>('slots');
  const [confirmClose, setConfirmClose] = useState(false);
  const [visible, setVisible] = useState(true);
  const date = todayDate();
  const signedIn = me !== null;
  const isCanteen = me?.roles.includes('canteen') ?? false;
  const mine = useMemo(() => canteens.filter((c) => c.canManage), [canteens]);
  const canteen = currentCanteen(mine, picked);
  const canteenId = canteen?.id;

  useDidShow(() => {
    setVisible(true);
    if (signedIn && isCanteen) void loadCanteens().catch(toast);
  });
  useDidHide(() => setVisible(false));
  useEffect(() => {
    if (!canteenId || !visible) return;
    open(canteenId, date);
    return () => close();
  }, [canteenId, date, visible, open, close]);
  useEffect(() => {
    if (link !== 'refused') return;
    // The server stopped this board (perhaps mid-shift): the 食堂 role or the staff link may be
    // gone. Read both again, so the page shows what this person may do now.
    void refreshMe();
    void loadCanteens().catch(() => undefined);
  }, [link, loadCanteens]);
  usePullDownRefresh(() => {
    void Promise.all([loadCanteens(), reload()])
      .catch(toast)
      .finally(() => void Taro.stopPullDownRefresh());
  });

  const groups = useMemo(() => groupBySlot(orders), [orders]);
  const prep = useMemo(() => prepListOf(orders), [orders]);
  const waiting = orders.filter((o) => o.status === 'placed').length;
  const collected = orders.filter((o) => o.status === 'collected').length;
  // 共 N 单 counts the orders that stand: a cancelled one was never to be made.
  const standing = orders.filter((o) => o.status !== 'cancelled').length;
  // 结束今天 expires only orders whose pickup window is over; the others are still handed out.
  const overdue = orders.filter((o) => o.status === 'placed' && Date.parse(o.pickupEndsAt) <= Date.now()).length;

  const endDay = useCallback(async () => {
    setConfirmClose(false);
    if (!canteenId) return;
    try {
      const result = await closeDay(canteenId, date);
      const refund = result.refunded > 0 ? `，退款 ${result.refunded} 单 ${formatFen(result.refundedFen)}` : '';
      const still = result.waiting > 0 ? `；${result.waiting} 单未到取餐结束时间，仍可按时取餐` : '';
      void Taro.showToast({ title: `已结束今天外卖：${result.expired} 单未取餐已过期${refund}${still}`, icon: 'none' });
      await reload().catch(() => undefined);
    } catch (error) {
      toast(error);
    }
  }, [canteenId, date, reload]);

  if (!signedIn) return <Loading />;
  if (!isCanteen)
    return (
      <NoAccess reason="订单看板仅限食堂工作人员使用" note={linkError ? `看板已停止更新：${linkError}` : undefined} />
    );
  if (canteensStatus === 'error')
    return <LoadError message={canteensError} onRetry={() => void loadCanteens().catch(toast)} />;
  if (canteensStatus !== 'ready') return <Loading />;
  if (!canteen)
    return (
      <Empty
        icon="看"
        title={linkError ? `看板已停止更新：${linkError}` : '您还没有被指派到任何食堂'}
        hint="请联系管理员在食堂设置中添加您"
      />
    );

  return (
    <View className="ta-board">
      <CanteenSwitcher canteens={mine} value={canteen.id} onChange={pick} />
      <View className="ta-board__bar">
        <View className="ta-board__day">
          <Text className="ta-board__date">{longDayText(date)}</Text>
          <Text className={`ta-link-state ta-link-state--${link}`}>{LINK_TEXT[link]}</Text>
        </View>
        <View className="ta-shop__links">
          <View
            className="ui-link tap"
            ariaRole="button"
            onClick={() => void Taro.navigateTo({ url: TAKEAWAY_PAGES.items })}
          >
            外卖菜品
          </View>
          {closedAt ? null : (
            <View className="ui-link ui-link--danger tap" ariaRole="button" onClick={() => setConfirmClose(true)}>
              结束今天
            </View>
          )}
        </View>
      </View>
      {closedAt ? (
        <View className="ui-banner" ariaRole="status">
          <Text className="ui-banner__text">{`今天的外卖已于 ${clockOn(closedAt, date)} 结束，不再接单`}</Text>
        </View>
      ) : null}
      {link === 'refused' ? (
        <View className="ui-banner ui-banner--danger" ariaRole="alert">
          <Text className="ui-banner__text">{loaded ? `看板已停止更新：${linkError}` : linkError}</Text>
          <View className="ui-banner__close tap" ariaRole="button" onClick={() => open(canteen.id, date)}>
            重试
          </View>
        </View>
      ) : null}
      <PickupPanel canteenId={canteen.id} onCollected={(order) => upsert([order])} />
      <View className="ta-board__summary">
        <Text>{`共 ${standing} 单`}</Text>
        <Text>{`待取 ${waiting}`}</Text>
        <Text>{`已取 ${collected}`}</Text>
      </View>
      <Tabs label="看板视图" items={BOARD_VIEWS} value={view} onChange={setView} />
      {!loaded ? (
        link === 'refused' ? null : (
          <Loading text="正在读取今天的订单…" />
        )
      ) : orders.length === 0 ? (
        <Empty icon="单" title="今天还没有外卖订单" hint="新订单会实时出现在这里，并有提示音" />
      ) : view === 'slots' ? (
        <BoardGroups groups={groups} fresh={fresh} />
      ) : prep.length === 0 ? (
        <Empty icon="备" title="没有需要备餐的菜品" />
      ) : (
        <PrepList lines={prep} />
      )}
      <ConfirmDialog
        visible={confirmClose}
        title="结束今天的外卖？"
        content={
          waiting > 0
            ? [
                '结束后不再接单。',
                overdue > 0 ? `取餐时间已过的 ${overdue} 单将变为已过期（是否退款按本食堂的设置）。` : '',
                waiting > overdue ? `取餐时间未到的 ${waiting - overdue} 单不受影响，仍按时取餐。` : '',
                '此操作不能撤回。',
              ].join('')
            : '目前没有未取餐的订单，确定结束今天的外卖吗？'
        }
        confirmText="结束今天"
        onConfirm={() => void endDay()}
        onCancel={() => setConfirmClose(false)}
      />
    </View>
  );
}
