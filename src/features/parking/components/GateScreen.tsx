import { useCallback, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { GateDecision, GateFeedItem } from '@contract/parking.schema';
import { useRequireSession } from '@/features/session';
import { useRemote } from '@/shared/remote/use-remote';
import { formatInstant, todayDate } from '@/shared/time';
import { FormRow } from '@/shared/ui/FormRow';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { toast } from '@/shared/ui/toast';
import '@/shared/ui/styles';
import { fetchExpected, fetchFeed, fetchLots, fetchOccupancy, letIn, reportPlate } from '../api';
import { STATUS_LABELS, addDays, inputValue } from '../vocab';
import { Plate } from './Plate';
import { PlateEntry } from './PlateEntry';
import './parking.css';

type Direction = 'in' | 'out';

/**
 * 车辆放行 (guard): the gate console. The plate the camera read (or the guard sees) is typed or
 * picked from today's expected list and the BFF's decision is shown; a refused car can be let in
 * by hand with a reason (kept: who, when, why). Occupancy now and the live feed of the lot.
 */
export function GateScreen() {
  const me = useRequireSession();
  const lots = useRemote('lots', fetchLots);
  const [lotId, setLotId] = useState<string | null>(null);
  const lot = lots.data?.items.find((l) => l.id === lotId) ?? lots.data?.items[0];
  const [direction, setDirection] = useState<Direction>('in');
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const today = todayDate();
  const [day, setDay] = useState(today);
  const [decision, setDecision] = useState<{ plate: string; answer: GateDecision } | null>(null);
  const [reason, setReason] = useState('');
  const key = lot ? lot.id : null;
  const loadOccupancy = useCallback(() => fetchOccupancy(lot?.id ?? '', todayDate()), [lot?.id]);
  const tomorrow = addDays(today, 1);
  const occupancy = useRemote(key, loadOccupancy);
  const loadExpected = useCallback(() => fetchExpected(lot?.id ?? '', day, search), [lot?.id, day, search]);
  const expected = useRemote(key ? `${key}|${day}|${search}` : null, loadExpected);
  const loadFeed = useCallback(() => fetchFeed(lot?.id ?? '', null), [lot?.id]);
  const feed = useRemote(key, loadFeed);

  if (!me || lots.status === 'idle' || lots.status === 'loading') return <Loading />;
  if (lots.status === 'error') return <LoadError message={lots.error} onRetry={() => void lots.reload()} />;
  if (!lot) return <Empty title="还没有停车场" />;

  const refresh = () => Promise.all([occupancy.reload(), expected.reload(), feed.reload()]);
  const decide = async (plate: string) => {
    try {
      const answer = await reportPlate(lot.gateId, plate, direction);
      setDecision({ plate, answer });
      setReason('');
      await refresh();
    } catch (error) {
      toast(error);
    }
  };
  const manual = async () => {
    if (!decision || !reason.trim()) return;
    try {
      const answer = await letIn(lot.id, decision.plate, reason.trim());
      setDecision({ plate: decision.plate, answer });
      setReason('');
      await refresh();
    } catch (error) {
      toast(error);
    }
  };

  return (
    <View className="pk">
      <Tabs
        label="停车场"
        items={(lots.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
        value={lot.id}
        onChange={(id) => {
          setLotId(id);
          setDecision(null);
        }}
      />
      <View className="card pk-figures" ariaLabel="场内车辆">
        <View className="pk-figure">
          <Text className="pk-big">{occupancy.data?.inside ?? '—'}</Text>
          <Text className="text-muted">场内车辆</Text>
        </View>
        <View className="pk-figure">
          <Text className="pk-big">{occupancy.data?.spaces ?? '—'}</Text>
          <Text className="text-muted">可约车位</Text>
        </View>
        <View className="pk-figure">
          <Text className="pk-big">{expected.data?.items.filter((i) => i.status === 'booked').length ?? '—'}</Text>
          <Text className="text-muted">待入场</Text>
        </View>
      </View>

      <View className="card">
        <Tabs
          label="方向"
          small
          items={[
            { value: 'in', label: '入场' },
            { value: 'out', label: '出场' },
          ]}
          value={direction}
          onChange={setDirection}
        />
        <PlateEntry
          label="识别车牌"
          hint="输入或从下方预计车辆中点选"
          placeholder="车牌号"
          inputLabel="识别车牌"
          action="判定"
          value={text}
          onInput={setText}
          onSubmit={decide}
        />
        {decision ? (
          <View
            className={`pk-decision pk-decision--${decision.answer.decision}`}
            ariaRole="status"
            ariaLabel={`${decision.plate} ${decision.answer.decision === 'open' ? '放行' : '不放行'}`}
          >
            <Text className="pk-big">{`${decision.plate} ${decision.answer.decision === 'open' ? '放行' : '不放行'}`}</Text>
            <Text>{decision.answer.reason}</Text>
            {decision.answer.booking ? (
              <Text>{`${decision.answer.booking.holder} · ${decision.answer.booking.startsAt}–${decision.answer.booking.endsAt}`}</Text>
            ) : null}
          </View>
        ) : null}
        {decision?.answer.decision === 'deny' ? (
          <FormRow label="人工放行" hint="填写原因，将记录放行人和时间">
            <View className="pk-row">
              <Input
                className="ui-input ui-input--grow"
                value={reason}
                maxlength={100}
                placeholder="放行原因"
                ariaLabel="放行原因"
                onInput={(e) => setReason(inputValue(e))}
              />
              <View
                className={`ui-small-button tap${reason.trim() ? '' : ' ui-small-button--off'}`}
                ariaRole="button"
                aria-disabled={reason.trim() ? undefined : true}
                onClick={() => void manual()}
              >
                人工放行
              </View>
            </View>
          </FormRow>
        ) : null}
      </View>

      <Text className="ui-section-title">预计车辆</Text>
      <View className="card">
        <Tabs
          label="日期"
          small
          items={[
            { value: today, label: '今天' },
            { value: tomorrow, label: '明天' },
          ]}
          value={day}
          onChange={setDay}
        />
        <Input
          className="ui-input"
          value={search}
          maxlength={20}
          placeholder="按车牌搜索"
          ariaLabel="按车牌搜索"
          onInput={(e) => setSearch(inputValue(e).trim())}
        />
        {expected.status === 'error' ? (
          <LoadError message={expected.error} onRetry={() => void expected.reload()} />
        ) : !expected.data ? (
          <Loading />
        ) : expected.data.items.length === 0 ? (
          <Text className="text-muted">{day === today ? '今天没有预计车辆' : '明天没有预计车辆'}</Text>
        ) : (
          expected.data.items.map((item) => (
            <View
              key={`${item.source}-${item.plate}-${item.startsAt ?? ''}`}
              className="ui-cell tap"
              ariaRole="button"
              onClick={() => setText(item.plate)}
            >
              <View className="ui-cell__main">
                <Plate plate={item.plate} />
                <Text className="text-muted">
                  {item.source === 'standing'
                    ? `常备 · ${item.holder}`
                    : `${item.holder} · ${item.startsAt}–${item.endsAt}`}
                </Text>
              </View>
              {item.status ? (
                <Text className={`ui-tag ${STATUS_LABELS[item.status].tag}`}>{STATUS_LABELS[item.status].label}</Text>
              ) : null}
            </View>
          ))
        )}
      </View>

      <Text className="ui-section-title">进出记录</Text>
      <View className="card">
        {!feed.data ? (
          <Loading />
        ) : feed.data.items.length === 0 ? (
          <Text className="text-muted">今天还没有进出记录</Text>
        ) : (
          feed.data.items.map((e: GateFeedItem) => (
            <View key={e.id} className="ui-cell" ariaLabel={`${e.plate} ${e.direction === 'in' ? '入场' : '出场'}`}>
              <View className="ui-cell__main">
                <Text className="ui-cell__title">{`${e.plate} ${e.direction === 'in' ? '入场' : '出场'}`}</Text>
                <Text className="text-muted">{`${formatInstant(e.at, 'HH:mm')} · ${e.reason}${e.by ? ` · ${e.by}` : ''}`}</Text>
              </View>
              <Text className={`ui-tag ${e.decision === 'open' ? 'ui-tag--success' : 'ui-tag--danger'}`}>
                {e.decision === 'open' ? '放行' : '拒绝'}
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}
