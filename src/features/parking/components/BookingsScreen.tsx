import { useCallback, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Booking } from '@contract/parking.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { formatInstant, isPast } from '@/shared/time';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import '@/shared/ui/styles';
import { cancelBooking, fetchBookings } from '../api';
import { openParkingPage } from '../routes';
import { STATUS_LABELS, dayLabel } from '../vocab';
import { Plate } from './Plate';
import './parking.css';

function BookingCard({ booking, onCancel }: { booking: Booking; onCancel: (b: Booking) => void }) {
  const status = STATUS_LABELS[booking.status];
  const cancellable = booking.cancellableUntil !== null && !isPast(booking.cancellableUntil);
  return (
    <View className="card pk-booking" ariaLabel={`${booking.lotName} ${booking.date} ${status.label}`}>
      <View className="pk-row">
        <Plate plate={booking.plate} />
        <Text className={`ui-tag ${status.tag}`}>{status.label}</Text>
        {booking.status === 'waitlisted' && booking.position !== null ? (
          <Text className="ui-tag ui-tag--strong">{`候补第 ${booking.position} 位`}</Text>
        ) : null}
      </View>
      <Text className="ui-cell__title">{booking.lotName}</Text>
      <Text>{`${dayLabel(booking.date)} ${booking.startsAt}–${booking.endsAt}`}</Text>
      {booking.enteredAt ? (
        <Text className="text-muted">{`入场 ${formatInstant(booking.enteredAt, 'HH:mm')}`}</Text>
      ) : null}
      {booking.leftAt ? <Text className="text-muted">{`离场 ${formatInstant(booking.leftAt, 'HH:mm')}`}</Text> : null}
      {booking.status === 'booked' ? (
        <Text className="text-muted">道闸按上面的车牌识别放行，请按时入场，超时未到将释放车位</Text>
      ) : null}
      {cancellable ? (
        <View className="ui-actions">
          <Text className="text-muted">{`${formatInstant(booking.cancellableUntil, 'MM-DD HH:mm')} 前可取消`}</Text>
          <View
            className="ui-small-button ui-small-button--danger tap"
            ariaRole="button"
            onClick={() => onCancel(booking)}
          >
            {booking.status === 'waitlisted' ? '退出候补' : '取消预约'}
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** 我的预约: newest first, paged; the plate as the gate reads it, status, waiting position, cancel. */
export function BookingsScreen() {
  const me = useRequireSession();
  const [state, setState] = useState<{
    status: 'loading' | 'ready' | 'error';
    items: Booking[];
    next: string | null;
    error: string | null;
  }>({ status: 'loading', items: [], next: null, error: null });
  const [confirm, setConfirm] = useState<Booking | null>(null);

  const reload = useCallback(async () => {
    try {
      const page = await fetchBookings(null);
      setState({ status: 'ready', items: page.items, next: page.nextCursor, error: null });
    } catch (error) {
      setState((s) =>
        s.status === 'ready' ? s : { status: 'error', items: [], next: null, error: errorMessage(error) },
      );
      toast(error);
    }
  }, []);
  const more = useCallback(async () => {
    if (!state.next) return;
    try {
      const page = await fetchBookings(state.next);
      setState((s) => ({ ...s, items: [...s.items, ...page.items], next: page.nextCursor }));
    } catch (error) {
      toast(error);
    }
  }, [state.next]);

  useDidShow(() => void reload());
  usePullDownRefresh(() => void reload().finally(() => void Taro.stopPullDownRefresh()));
  useReachBottom(() => void more());

  if (!me || state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <LoadError message={state.error} onRetry={() => void reload()} />;
  return (
    <View className="pk">
      <View className="button button--primary tap" ariaRole="button" onClick={() => openParkingPage('book')}>
        预约车位
      </View>
      {state.items.length === 0 ? <Empty title="还没有停车预约" hint="点“预约车位”预约明天的车位" /> : null}
      {state.items.map((b) => (
        <BookingCard key={b.id} booking={b} onCancel={setConfirm} />
      ))}
      {state.next ? (
        <View className="ui-link tap" ariaRole="button" onClick={() => void more()}>
          加载更多
        </View>
      ) : null}
      <ConfirmDialog
        visible={confirm !== null}
        title={confirm?.status === 'waitlisted' ? '退出候补' : '取消预约'}
        content={
          confirm
            ? `${confirm.lotName} ${dayLabel(confirm.date)} ${confirm.startsAt}–${confirm.endsAt}，车牌 ${confirm.plate}`
            : ''
        }
        confirmText="确定取消"
        cancelText="再想想"
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const b = confirm;
          setConfirm(null);
          if (b)
            void cancelBooking(b.id).then(() => {
              void Taro.showToast({ title: '已取消', icon: 'none' });
              return reload();
            }, toast);
        }}
      />
    </View>
  );
}
