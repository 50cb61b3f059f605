import { useCallback, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ParkingLot } from '@contract/parking.schema';
import { useRequireSession } from '@/features/session';
import { messageFor } from '@contract/errors';
import { isApiError } from '@/shared/http';
import { newIdempotencyKey } from '@/shared/http/idempotency-key';
import { askPushConsent } from '@/shared/push/consent';
import { useRemote } from '@/shared/remote/use-remote';
import { todayDate } from '@/shared/time';
import { Chips } from '@/shared/ui/Chips';
import { FormRow } from '@/shared/ui/FormRow';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { toast } from '@/shared/ui/toast';
import '@/shared/ui/styles';
import { addCar, bookSpace, fetchAvailability, fetchCars, fetchLots, removeCar } from '../api';
import { openParkingPage } from '../routes';
import { addDays, dayLabel, windowOf, type WindowChoice } from '../vocab';
import { Plate } from './Plate';
import { PlateEntry } from './PlateEntry';
import './parking.css';

const WINDOWS: { value: WindowChoice; label: string }[] = [
  { value: 'day', label: '全天' },
  { value: 'am', label: '上午' },
  { value: 'pm', label: '下午' },
];

/** 我的车辆: up to three plates, checked as typed by the same rule the gate's BFF uses. */
function MyCars({ plates, onChange }: { plates: string[]; onChange: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const add = async (plate: string) => {
    try {
      await addCar(plate);
      setText('');
      await onChange();
    } catch (error) {
      toast(error);
    }
  };
  return (
    <View className="card">
      <Text className="ui-section-title">我的车辆</Text>
      {plates.length === 0 ? <Text className="text-muted">还没有登记车牌，请先添加</Text> : null}
      {plates.map((p) => (
        <View key={p} className="ui-cell">
          <View className="ui-cell__main">
            <Plate plate={p} />
          </View>
          <View
            className="ui-link ui-link--danger tap"
            ariaRole="button"
            ariaLabel={`删除车牌 ${p}`}
            onClick={() => setRemoving(p)}
          >
            删除
          </View>
        </View>
      ))}
      {plates.length < 3 ? (
        <PlateEntry
          label="添加车牌"
          hint="如 浙A12345、新能源 浙AD12345"
          placeholder="输入车牌号"
          inputLabel="车牌号"
          action="添加"
          value={text}
          onInput={setText}
          onSubmit={add}
          showReading
        />
      ) : null}
      <ConfirmDialog
        visible={removing !== null}
        title={`删除车牌 ${removing ?? ''}？`}
        content="删除后不能再用这辆车预约；已有的预约不受影响。"
        confirmText="删除"
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const plate = removing;
          setRemoving(null);
          if (plate) void removeCar(plate).then(onChange, toast);
        }}
      />
    </View>
  );
}

/** 停车预约 (staff): pick a lot, a day, a part of it and a saved plate; full → join the waiting list. */
export function BookScreen() {
  const me = useRequireSession();
  const lots = useRemote('lots', fetchLots);
  const cars = useRemote('cars', fetchCars);
  const staffLots = useMemo(() => (lots.data?.items ?? []).filter((l) => l.kind === 'staff'), [lots.data]);
  const [lotId, setLotId] = useState<string | null>(null);
  const lot: ParkingLot | undefined = staffLots.find((l) => l.id === lotId) ?? staffLots[0];
  const today = todayDate();
  const [date, setDate] = useState(addDays(today, 1));
  const [part, setPart] = useState<WindowChoice>('day');
  const [plate, setPlate] = useState<string | null>(null);
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ key: string; fingerprint: string } | null>(null);
  const loadAvailability = useCallback(() => fetchAvailability(lot?.id ?? '', date), [lot?.id, date]);
  const availability = useRemote(lot ? `${lot.id}|${date}` : null, loadAvailability);

  if (!me || lots.status === 'idle' || lots.status === 'loading') return <Loading />;
  if (lots.status === 'error') return <LoadError message={lots.error} onRetry={() => void lots.reload()} />;
  if (!lot) return <Empty title="暂无可预约的停车场" hint="请联系管理员开放职工停车场" />;

  const plates = (cars.data?.items ?? []).map((c) => c.plate);
  const chosenPlate = plate && plates.includes(plate) ? plate : (plates[0] ?? null);
  const window = windowOf(part, lot.openTime, lot.closeTime);
  const free = availability.data
    ? availability.data.slots
        .filter((s) => s.startsAt >= window.startsAt && s.endsAt <= window.endsAt)
        .reduce((min, s) => Math.min(min, s.free), availability.data.spaces)
    : null;
  const refusal = availability.data?.refusal ? messageFor(availability.data.refusal) : null;
  const days = Array.from({ length: Math.min(lot.horizonDays, 7) + 1 }, (_, i) => addDays(today, i));

  const submit = async (waitlist: boolean) => {
    // Inside the tap, before any await: WeChat asks consent for the pushes a booking may bring
    // (released, or booked from the waiting list).
    void askPushConsent();
    if (!chosenPlate || busy) return;
    const body = { lotId: lot.id, date, ...window, plate: chosenPlate, ...(waitlist ? { waitlist: true } : {}) };
    const fingerprint = JSON.stringify(body);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { key: newIdempotencyKey(), fingerprint };
    setBusy(true);
    try {
      const booking = await bookSpace(body, attempt.current.key);
      attempt.current = null;
      setFull(false);
      void Taro.showToast({
        title: booking.status === 'waitlisted' ? `已加入候补，第 ${booking.position ?? 1} 位` : '预约成功',
        icon: 'none',
      });
      openParkingPage('bookings');
    } catch (error) {
      if (isApiError(error) && error.code === 'PARKING_FULL') setFull(true);
      toast(error);
    } finally {
      setBusy(false);
      void availability.reload();
    }
  };

  return (
    <View className="pk">
      {staffLots.length > 1 ? (
        <Tabs
          label="停车场"
          items={staffLots.map((l) => ({ value: l.id, label: l.name }))}
          value={lot.id}
          onChange={setLotId}
        />
      ) : (
        <Text className="ui-section-title">{lot.name}</Text>
      )}
      <MyCars plates={plates} onChange={cars.reload} />
      <View className="card">
        <FormRow label="日期">
          <Chips
            label="日期"
            small
            options={days.map((d) => ({ value: d, label: d === today ? '今天' : dayLabel(d) }))}
            value={date}
            onChange={(d) => {
              setDate(d);
              setFull(false);
            }}
          />
        </FormRow>
        <FormRow label="时段" hint={`${window.startsAt}–${window.endsAt}`}>
          <Chips
            label="时段"
            options={WINDOWS}
            value={part}
            onChange={(p) => {
              setPart(p);
              setFull(false);
            }}
          />
        </FormRow>
        {plates.length > 1 ? (
          <FormRow label="车牌">
            <Chips
              label="车牌"
              options={plates.map((p) => ({ value: p, label: p }))}
              value={chosenPlate}
              onChange={setPlate}
            />
          </FormRow>
        ) : null}
        <View className="pk-row">
          <Text>空余车位</Text>
          <Text className="pk-big">{free === null ? '—' : free}</Text>
          <Text className="text-muted">{`共 ${lot.capacity - lot.standingCount} 个可约`}</Text>
        </View>
        {refusal ? <Text className="ui-field__error">{refusal}</Text> : null}
        {!chosenPlate ? <Text className="ui-field__error">请先添加车牌</Text> : null}
        <View className="ui-actions">
          {full || free === 0 ? (
            <View className="button button--primary tap" ariaRole="button" onClick={() => void submit(true)}>
              加入候补
            </View>
          ) : (
            <View className="button button--primary tap" ariaRole="button" onClick={() => void submit(false)}>
              {busy ? '预约中…' : '预约'}
            </View>
          )}
        </View>
      </View>
      <View className="button button--plain tap" ariaRole="button" onClick={() => openParkingPage('bookings')}>
        我的预约
      </View>
    </View>
  );
}
