import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPAIR_DESCRIPTION_MAX, REPAIR_PHOTOS_MAX } from '@contract/repairs';
import type { RepairCategory, RepairLocations } from '@contract/repairs.schema';
import { errorMessage } from '@/shared/http';
import { newIdempotencyKey } from '@/shared/http/idempotency-key';
import { askPushConsent } from '@/shared/push/consent';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { Check } from '@/shared/ui/Check';
import { Chips } from '@/shared/ui/Chips';
import { FormRow } from '@/shared/ui/FormRow';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { fetchCategories, fetchLocations, reportRepair } from '../api';
import { REPAIRS_PAGES } from '../routes';
import { PhotoPicker, TextField, usePhotos } from './fields';
import './repairs.css';

/** 我要报修: category, place (building → floor → room, or typed), description, photos, urgent. */
export function ReportScreen() {
  const me = useRequireSession();
  const setup = useRemote<{ categories: RepairCategory[]; places: RepairLocations }>(me ? 'report' : null, async () => {
    const [categories, places] = await Promise.all([fetchCategories(), fetchLocations()]);
    return { categories, places };
  });
  const [category, setCategory] = useState<string | null>(null);
  const [building, setBuilding] = useState<string | null>(null);
  const [floor, setFloor] = useState<string | null>(null);
  const [room, setRoom] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [description, setDescription] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const photos = usePhotos(REPAIR_PHOTOS_MAX);
  /** One key per report being written: a retry after a lost answer does not report twice. */
  const key = useRef(newIdempotencyKey());
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setError(null);
      // An edited report is another request: the key of a failed send must not carry it.
      key.current = newIdempotencyKey();
    };

  if (!me || setup.status === 'idle' || setup.status === 'loading') return <Loading />;
  if (setup.status === 'error' || !setup.data)
    return <LoadError message={setup.error} onRetry={() => void setup.reload()} />;
  const { categories, places } = setup.data;
  const b = places.buildings.find((x) => x.id === building);
  const f = b?.floors.find((x) => x.id === floor);
  const chosen = categories.find((c) => c.id === category);

  const send = async () => {
    if (busy) return;
    if (!category) return setError('请选择报修类别');
    if (!room && !typed.trim()) return setError('请选择房间，或直接填写位置');
    if (!description.trim()) return setError('请描述需要维修的问题');
    // On the tap, before any await (WeChat asks only inside a tap): the steps of this ticket are pushed.
    void askPushConsent();
    setError(null);
    try {
      const photoIds = await photos.upload(setBusy);
      setBusy('正在提交…');
      const ticket = await reportRepair(
        {
          category,
          ...(room ? { locationId: room } : {}),
          ...(typed.trim() ? { locationText: typed.trim() } : {}),
          description: description.trim(),
          photoIds,
          urgent,
        },
        key.current,
      );
      key.current = newIdempotencyKey();
      void Taro.showToast({
        title: ticket.assignee ? `已派给${ticket.assignee.name}` : '已提交，等待派单',
        icon: 'none',
      });
      void Taro.redirectTo({ url: `${REPAIRS_PAGES.ticket}?id=${encodeURIComponent(ticket.id)}` });
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
      setBusy(null);
    }
  };

  return (
    <View className="rp">
      <View className="rp-panel">
        <FormRow label="报修类别">
          <Chips
            label="报修类别"
            options={categories.map((c) => ({ value: c.id, label: c.name }))}
            value={category}
            onChange={edited(setCategory)}
          />
        </FormRow>
        {chosen ? (
          <Text className="text-muted">
            预计 {chosen.sla.arriveMinutes} 分钟内到场，{chosen.sla.finishHours} 小时内修好（紧急报修到场时间减半）
          </Text>
        ) : null}
      </View>

      <View className="rp-panel">
        <FormRow label="位置">
          <Chips
            label="楼宇"
            small
            options={places.buildings.map((x) => ({ value: x.id, label: x.name }))}
            value={building}
            onChange={(v) => {
              setBuilding(v);
              setFloor(null);
              setRoom(null);
              setError(null);
            }}
          />
          {b ? (
            <Chips
              label="楼层"
              small
              options={b.floors.map((x) => ({ value: x.id, label: x.name }))}
              value={floor}
              onChange={(v) => {
                setFloor(v);
                setRoom(null);
              }}
            />
          ) : null}
          {f ? (
            <Chips
              label="房间"
              small
              options={f.rooms.map((x) => ({ value: x.id, label: x.name }))}
              value={room}
              onChange={edited(setRoom)}
            />
          ) : null}
        </FormRow>
        <FormRow label="补充位置（选填；找不到房间时直接填写）">
          <TextField
            value={typed}
            label="补充位置"
            placeholder="如：东门岗亭、3 楼男卫生间"
            max={100}
            onChange={edited(setTyped)}
          />
        </FormRow>
      </View>

      <View className="rp-panel">
        <FormRow label="问题描述">
          <TextField
            long
            value={description}
            label="问题描述"
            placeholder="哪里坏了、什么情况，越具体越好"
            max={REPAIR_DESCRIPTION_MAX}
            onChange={edited(setDescription)}
          />
        </FormRow>
        <FormRow label={`照片（选填，${photos.paths.length}/${REPAIR_PHOTOS_MAX}）`}>
          <PhotoPicker photos={photos} max={REPAIR_PHOTOS_MAX} onError={setError} />
        </FormRow>
        <Check checked={urgent} label="紧急（漏水、断电等影响办公的情况）" onChange={setUrgent} />
      </View>

      {error ? <Text className="rp-error">{error}</Text> : null}
      {busy ? <Text className="text-muted rp-busy">{busy}</Text> : null}
      <View
        className={`button button--primary tap rp-main-action${busy ? ' rp-busy-button' : ''}`}
        ariaRole="button"
        aria-disabled={busy !== null}
        onClick={() => void send()}
      >
        {busy ? '提交中…' : '提交报修'}
      </View>
    </View>
  );
}
