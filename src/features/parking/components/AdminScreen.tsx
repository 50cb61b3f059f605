import { useCallback, useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { LotChange, ParkingLot } from '@contract/parking.schema';
import { useRequireSession } from '@/features/session';
import { useRemote } from '@/shared/remote/use-remote';
import { formatInstant, todayDate } from '@/shared/time';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { DayBar } from '@/shared/ui/DayBar';
import { FormRow } from '@/shared/ui/FormRow';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { toast } from '@/shared/ui/toast';
import '@/shared/ui/styles';
import { changeLot, fetchLots, fetchNoShows, fetchOccupancy, fetchSuspensions, liftSuspension } from '../api';
import { addDays, dayLabel, inputValue } from '../vocab';
import './parking.css';

type View_ = 'rules' | 'occupancy' | 'noShows' | 'suspensions';

const NUMBER_FIELDS: { key: keyof LotChange & keyof ParkingLot; label: string; hint: string }[] = [
  { key: 'capacity', label: '车位总数', hint: '含常备公务车占用的车位' },
  { key: 'horizonDays', label: '可提前预约天数', hint: '从今天起' },
  { key: 'cancelDeadlineMinutes', label: '取消截止（分钟）', hint: '时段开始前多少分钟停止取消' },
  { key: 'graceMinutes', label: '未到场释放（分钟）', hint: '时段开始后仍未入场则释放给候补' },
  { key: 'perDayLimit', label: '每人每天上限', hint: '' },
  { key: 'perWeekLimit', label: '每人每周上限', hint: '' },
];

function RulesForm({ lot, onSaved }: { lot: ParkingLot; onSaved: (lot: ParkingLot) => void }) {
  const [form, setForm] = useState<Record<string, string>>({});
  useEffect(() => {
    setForm({
      ...Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, String(lot[f.key])])),
      openTime: lot.openTime,
      closeTime: lot.closeTime,
      bookingOpensAt: lot.bookingOpensAt ?? '',
    });
  }, [lot]);
  const save = async () => {
    const change: LotChange = { openTime: form.openTime, closeTime: form.closeTime };
    for (const f of NUMBER_FIELDS) (change as Record<string, unknown>)[f.key] = Number(form[f.key]);
    if (form.bookingOpensAt) change.bookingOpensAt = form.bookingOpensAt;
    else change.anyHour = true;
    try {
      onSaved(await changeLot(lot.id, change));
      void Taro.showToast({ title: '已保存', icon: 'none' });
    } catch (error) {
      toast(error);
    }
  };
  const field = (key: string, label: string, hint: string, type: 'number' | 'text' = 'number') => (
    <FormRow key={key} label={label} hint={hint}>
      <Input
        className="ui-input"
        type={type}
        value={form[key] ?? ''}
        placeholder={label}
        ariaLabel={label}
        onInput={(e) => setForm((f) => ({ ...f, [key]: inputValue(e) }))}
      />
    </FormRow>
  );
  return (
    <View className="card">
      {NUMBER_FIELDS.map((f) => field(f.key, f.label, f.hint))}
      {field('openTime', '开放时间', '整点或半点，如 07:00', 'text')}
      {field('closeTime', '关闭时间', '如 20:00', 'text')}
      {field('bookingOpensAt', '开放预约时间', '前一天几点开放次日车位，如 17:00；留空为随时可约', 'text')}
      <Text className="text-muted">{`常备公务车 ${lot.standingCount} 辆 · 道闸 ${lot.gateId}`}</Text>
      <View className="button button--primary tap" ariaRole="button" onClick={() => void save()}>
        保存规则
      </View>
    </View>
  );
}

function OccupancyView({ lot }: { lot: ParkingLot }) {
  const [date, setDate] = useState(todayDate());
  const load = useCallback(() => fetchOccupancy(lot.id, date), [lot.id, date]);
  const occupancy = useRemote(`${lot.id}|${date}`, load);
  const data = occupancy.data;
  return (
    <View className="pk">
      <DayBar
        title={dayLabel(date)}
        prevLabel="前一天"
        nextLabel="后一天"
        onPrev={() => setDate(addDays(date, -1))}
        onNext={() => setDate(addDays(date, 1))}
      />
      {occupancy.status === 'error' ? (
        <LoadError message={occupancy.error} onRetry={() => void occupancy.reload()} />
      ) : !data ? (
        <Loading />
      ) : (
        <View className="card">
          <View className="pk-figures">
            <View className="pk-figure">
              <Text className="pk-big">{data.inside}</Text>
              <Text className="text-muted">场内车辆</Text>
            </View>
            <View className="pk-figure">
              <Text className="pk-big">{data.noShows}</Text>
              <Text className="text-muted">未到场</Text>
            </View>
            <View className="pk-figure">
              <Text className="pk-big">{data.waiting}</Text>
              <Text className="text-muted">候补</Text>
            </View>
          </View>
          {data.slots
            .filter((s) => s.startsAt.endsWith(':00'))
            .map((s) => (
              <View key={s.startsAt} className="pk-bar" ariaLabel={`${s.startsAt} 已约 ${s.booked}`}>
                <Text className="pk-bar__time">{s.startsAt}</Text>
                <View className="pk-bar__track">
                  <View
                    className="pk-bar__fill"
                    style={{ width: `${data.spaces ? Math.min(100, (s.booked / data.spaces) * 100) : 0}%` }}
                  />
                </View>
                <Text className="pk-bar__num">{`${s.booked}/${data.spaces}`}</Text>
              </View>
            ))}
        </View>
      )}
    </View>
  );
}

function NoShowsView() {
  const first = useCallback(() => fetchNoShows(null), []);
  const list = useRemote('no-shows', first);
  if (list.status === 'error') return <LoadError message={list.error} onRetry={() => void list.reload()} />;
  if (!list.data) return <Loading />;
  if (list.data.items.length === 0) return <Empty title="没有未到场记录" />;
  const more = async () => {
    if (!list.data?.nextCursor) return;
    try {
      const next = await fetchNoShows(list.data.nextCursor);
      list.setData({ items: [...list.data.items, ...next.items], nextCursor: next.nextCursor });
    } catch (error) {
      toast(error);
    }
  };
  return (
    <View className="card">
      {list.data.items.map((n) => (
        <View key={n.bookingId} className="ui-cell">
          <View className="ui-cell__main">
            <Text className="ui-cell__title">{`${n.holder} · ${n.plate}`}</Text>
            <Text className="text-muted">{`${n.lotName} ${dayLabel(n.date)} ${n.startsAt} 起 · ${formatInstant(n.releasedAt, 'MM-DD HH:mm')} 释放`}</Text>
          </View>
        </View>
      ))}
      {list.data.nextCursor ? (
        <View className="ui-link tap" ariaRole="button" onClick={() => void more()}>
          加载更多
        </View>
      ) : null}
    </View>
  );
}

function SuspensionsView() {
  const list = useRemote('suspensions', fetchSuspensions);
  const [lift, setLift] = useState<{ id: string; name: string } | null>(null);
  if (list.status === 'error') return <LoadError message={list.error} onRetry={() => void list.reload()} />;
  if (!list.data) return <Loading />;
  return (
    <View>
      {list.data.items.length === 0 ? (
        <Empty title="没有暂停预约的人员" hint="30 天内 3 次未到场将暂停预约 7 天" />
      ) : (
        <View className="card">
          {list.data.items.map((s) => (
            <View key={s.id} className="ui-cell">
              <View className="ui-cell__main">
                <Text className="ui-cell__title">{`${s.personName} · ${s.unit}`}</Text>
                <Text className="text-muted">{`暂停至 ${formatInstant(s.until, 'MM-DD HH:mm')}`}</Text>
              </View>
              <View
                className="ui-small-button tap"
                ariaRole="button"
                onClick={() => setLift({ id: s.id, name: s.personName })}
              >
                解除
              </View>
            </View>
          ))}
        </View>
      )}
      <ConfirmDialog
        visible={lift !== null}
        title="解除暂停"
        content={lift ? `解除后 ${lift.name} 可以立即预约车位` : ''}
        confirmText="解除"
        onCancel={() => setLift(null)}
        onConfirm={() => {
          const target = lift;
          setLift(null);
          if (target) void liftSuspension(target.id).then(list.setData, toast);
        }}
      />
    </View>
  );
}

/** 停车场管理 (admin): a lot's rules, its occupancy over a day, no-shows and suspensions. */
export function AdminScreen() {
  const me = useRequireSession();
  const lots = useRemote('lots', fetchLots);
  const [lotId, setLotId] = useState<string | null>(null);
  const [view, setView] = useState<View_>('rules');
  const lot = lots.data?.items.find((l) => l.id === lotId) ?? lots.data?.items[0];
  if (!me || lots.status === 'idle' || lots.status === 'loading') return <Loading />;
  if (lots.status === 'error') return <LoadError message={lots.error} onRetry={() => void lots.reload()} />;
  if (!lot) return <Empty title="还没有停车场" />;
  return (
    <View className="pk">
      <Tabs
        label="停车场"
        items={(lots.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
        value={lot.id}
        onChange={setLotId}
      />
      <Tabs
        label="查看"
        small
        items={[
          { value: 'rules', label: '规则' },
          { value: 'occupancy', label: '占用' },
          { value: 'noShows', label: '未到场' },
          { value: 'suspensions', label: '暂停' },
        ]}
        value={view}
        onChange={setView}
      />
      {view === 'rules' ? (
        <RulesForm
          lot={lot}
          onSaved={(saved) =>
            lots.setData({ items: (lots.data?.items ?? []).map((l) => (l.id === saved.id ? saved : l)) })
          }
        />
      ) : null}
      {view === 'occupancy' ? <OccupancyView lot={lot} /> : null}
      {view === 'noShows' ? <NoShowsView /> : null}
      {view === 'suspensions' ? <SuspensionsView /> : null}
    </View>
  );
}
