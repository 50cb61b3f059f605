import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REPAIR_NOTE_MAX, REPAIR_PHOTOS_MAX } from '@contract/repairs';
import type { RepairerProfile, RepairTicketDetail } from '@contract/repairs.schema';
import { errorMessage } from '@/shared/http';
import { askPushConsent } from '@/shared/push/consent';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { formatInstant } from '@/shared/time';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { Photo } from '@/shared/ui/Photo';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { actOn, fetchRepairers, fetchTicket, type TicketAction } from '../api';
import { useNow } from '../use-tickets';
import { countdown, DUE_WORDS, EVENT_LABELS, promise, REPAIR_STATUS_LABELS, SLA_TONE, STATUS_TONE } from '../vocab';
import { PhotoPicker, TextField, usePhotos } from './fields';
import './repairs.css';

/** Steps that ask for a text first (and whether it must be filled). */
const ASKS: Partial<Record<TicketAction, { title: string; placeholder: string; required: boolean }>> = {
  decline: { title: '拒单原因', placeholder: '如：不在片区、缺少工具', required: true },
  pause: { title: '暂停原因', placeholder: '如：等待配件（计时暂停）', required: true },
  cancel: { title: '取消原因（选填）', placeholder: '如：已自行解决', required: false },
  reopen: { title: '返修原因', placeholder: '哪里还没修好', required: true },
  finish: { title: '完工说明（选填）', placeholder: '如：已更换软管，试水正常', required: false },
};

/** Steps that are confirmed before they are taken (they cannot be undone). */
const CONFIRMS: Partial<Record<TicketAction, string>> = {
  accept: '接单后请按时到场',
  arrive: '确认已到达报修地点？',
  resume: '恢复后完工计时继续',
};

const BUTTONS: { action: TicketAction; label: string; tone: 'primary' | 'plain' | 'danger' }[] = [
  { action: 'accept', label: '接单', tone: 'primary' },
  { action: 'arrive', label: '已到场', tone: 'primary' },
  { action: 'finish', label: '完工', tone: 'primary' },
  { action: 'resume', label: '恢复维修', tone: 'primary' },
  { action: 'pause', label: '暂停待料', tone: 'plain' },
  { action: 'decline', label: '拒单', tone: 'danger' },
  { action: 'reopen', label: '未修好，返修', tone: 'plain' },
  { action: 'assign', label: '改派', tone: 'plain' },
  { action: 'cancel', label: '取消报修', tone: 'danger' },
];

/** A ticket: where it is, the promised times, every step with time and person, and what I may do now. */
export function TicketScreen({ id }: { id: string }) {
  const me = useRequireSession();
  const remote = useRemote<RepairTicketDetail>(me && id ? `ticket-${id}` : null, () => fetchTicket(id));
  const now = useNow();
  const [asking, setAsking] = useState<TicketAction | null>(null);
  const [confirming, setConfirming] = useState<TicketAction | null>(null);
  const [text, setText] = useState('');
  const [score, setScore] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [repairers, setRepairers] = useState<RepairerProfile[] | null>(null);
  const photos = usePhotos(REPAIR_PHOTOS_MAX);

  if (!me || remote.status === 'idle' || remote.status === 'loading') return <Loading />;
  if (remote.status === 'error' || !remote.data)
    return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  const t = remote.data;

  const run = async (action: TicketAction, body: Record<string, unknown> = {}) => {
    if (busy) return;
    // Accepting (the repairer) and reopening (the requester) lead to pushes later: ask on the tap.
    if (action === 'accept' || action === 'reopen') void askPushConsent();
    setError(null);
    try {
      if (action === 'finish') body.photoIds = await photos.upload(setBusy);
      setBusy('正在提交…');
      const next = await actOn(t.id, action, body);
      remote.setData(next);
      setAsking(null);
      setConfirming(null);
      setText('');
      void Taro.showToast({ title: '已完成', icon: 'success' });
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const tap = (action: TicketAction) => {
    setError(null);
    if (action === 'assign') {
      setAsking('assign');
      fetchRepairers()
        .then(setRepairers)
        .catch((e: unknown) => setError(errorMessage(e)));
    } else if (ASKS[action]) setAsking(action);
    else setConfirming(action);
  };

  const submitAsk = () => {
    if (!asking) return;
    const ask = ASKS[asking];
    if (ask?.required && !text.trim()) return setError(`请填写${ask.title.replace('（选填）', '')}`);
    const value = text.trim();
    if (asking === 'finish') return void run('finish', value ? { note: value } : {});
    return void run(asking, value ? { reason: value } : {});
  };

  const due = t.dueAt;
  const late = due !== null && Date.parse(due) < now;
  const sla = due ? (late ? 'overdue' : t.sla) : null;
  const buttons = BUTTONS.filter((b) => t.can[b.action]);

  return (
    <View className="rp">
      <View className="rp-panel">
        <View className="rp-card__head">
          <Text className="rp-title">
            {t.urgent ? <Text className="ui-tag ui-tag--danger">紧急</Text> : null}
            {t.category.name} · {t.location.text}
          </Text>
          <Text className={`ui-tag ui-tag--${STATUS_TONE[t.status]}`}>{REPAIR_STATUS_LABELS[t.status]}</Text>
        </View>
        <Text className="rp-desc">{t.description}</Text>
        {t.photoUrls.length ? (
          <View className="rp-photos">
            {t.photoUrls.map((url, i) => (
              <View
                key={url}
                className="rp-photos__item"
                onClick={() => void Taro.previewImage({ urls: t.photoUrls, current: url })}
              >
                <Photo className="rp-photos__img" src={url} alt={`报修照片 ${i + 1}`} />
              </View>
            ))}
          </View>
        ) : null}
        <Text className="text-muted">
          工单号 {t.number} · {t.requester.name}（{t.requester.unit}）报修于 {formatInstant(t.createdAt, 'MM-DD HH:mm')}
        </Text>
        <Text className="rp-who">{t.assignee ? `维修师傅：${t.assignee.name}` : '正在为您安排维修师傅'}</Text>
        {due && sla ? (
          <Text className={`ui-tag ui-tag--${SLA_TONE[sla]} rp-due`}>
            {DUE_WORDS[t.status]}时限 {formatInstant(due, 'HH:mm')}，{countdown(due, now)}
          </Text>
        ) : null}
      </View>

      <View className="rp-panel">
        <Text className="ui-section-title">服务承诺</Text>
        <Text className="rp-promise">
          {promise(t.createdAt, t.acceptBy, '接单')}（{formatInstant(t.acceptBy, 'HH:mm')} 前）
        </Text>
        <Text className="rp-promise">
          {promise(t.createdAt, t.arriveBy, '到场')}（{formatInstant(t.arriveBy, 'HH:mm')} 前）
        </Text>
        <Text className="rp-promise">
          {promise(t.createdAt, t.finishBy, '修好')}（{formatInstant(t.finishBy, 'MM-DD HH:mm')} 前；暂停待料时顺延）
        </Text>
      </View>

      {t.finishedAt ? (
        <View className="rp-panel">
          <Text className="ui-section-title">完工</Text>
          {t.finishNote ? <Text className="rp-desc">{t.finishNote}</Text> : null}
          {t.finishPhotoUrls.length ? (
            <View className="rp-photos">
              {t.finishPhotoUrls.map((url, i) => (
                <View key={url} className="rp-photos__item">
                  <Photo className="rp-photos__img" src={url} alt={`完工照片 ${i + 1}`} />
                </View>
              ))}
            </View>
          ) : null}
          {t.score !== null ? (
            <Text className="rp-score">
              评价：{'★'.repeat(t.score)}
              {'☆'.repeat(5 - t.score)} {t.comment ?? ''}
            </Text>
          ) : null}
        </View>
      ) : null}

      {t.can.rate ? (
        <View className="rp-panel">
          <Text className="ui-section-title">评价这次维修</Text>
          <View className="rp-stars" ariaRole="radiogroup" ariaLabel="评分">
            {[1, 2, 3, 4, 5].map((n) => (
              <View
                key={n}
                className={`rp-star tap${n <= score ? ' rp-star--on' : ''}`}
                ariaRole="radio"
                ariaLabel={`${n} 分`}
                aria-checked={n === score}
                onClick={() => setScore(n)}
              >
                {n <= score ? '★' : '☆'}
              </View>
            ))}
          </View>
          <TextField
            value={text}
            label="评价内容"
            placeholder="说说维修的情况（选填）"
            max={REPAIR_NOTE_MAX}
            onChange={setText}
          />
          <View
            className="button button--primary tap rp-main-action"
            ariaRole="button"
            onClick={() =>
              score === 0
                ? setError('请选择 1–5 分')
                : void run('rate', text.trim() ? { score, comment: text.trim() } : { score })
            }
          >
            提交评价
          </View>
        </View>
      ) : null}

      {asking && asking !== 'assign' ? (
        <View className="rp-panel">
          <Text className="ui-section-title">{ASKS[asking]?.title}</Text>
          <TextField
            long
            value={text}
            label={ASKS[asking]?.title ?? ''}
            placeholder={ASKS[asking]?.placeholder ?? ''}
            max={REPAIR_NOTE_MAX}
            onChange={setText}
          />
          {asking === 'finish' ? (
            <>
              <Text className="text-muted">
                完工照片（选填，{photos.paths.length}/{REPAIR_PHOTOS_MAX}）
              </Text>
              <PhotoPicker photos={photos} max={REPAIR_PHOTOS_MAX} onError={setError} />
            </>
          ) : null}
          <View className="ui-actions">
            <View className="button button--plain tap" ariaRole="button" onClick={() => setAsking(null)}>
              返回
            </View>
            <View className="button button--primary tap" ariaRole="button" onClick={submitAsk}>
              {asking === 'finish' ? '确认完工' : '提交'}
            </View>
          </View>
        </View>
      ) : null}

      {asking === 'assign' ? (
        <View className="rp-panel">
          <Text className="ui-section-title">改派给</Text>
          {repairers === null ? <Loading /> : null}
          {(repairers ?? []).map((r) => (
            <View
              key={r.personId}
              className={`ui-cell tap${r.personId === t.assignee?.id ? ' rp-off' : ''}`}
              ariaRole="button"
              ariaLabel={`改派给${r.name}`}
              onClick={() =>
                r.personId === t.assignee?.id
                  ? undefined
                  : void run('assign', { personId: r.personId, version: t.version })
              }
            >
              <View className="ui-cell__main">
                <Text className="ui-cell__title">{r.name}</Text>
                <Text className="text-muted">
                  {r.onDuty ? '在岗' : '不在岗'} · 未完成 {r.openTickets} 单
                </Text>
              </View>
            </View>
          ))}
          <View className="button button--plain tap" ariaRole="button" onClick={() => setAsking(null)}>
            返回
          </View>
        </View>
      ) : null}

      {error ? <Text className="rp-error">{error}</Text> : null}
      {busy ? <Text className="text-muted rp-busy">{busy}</Text> : null}
      {!asking && buttons.length ? (
        <View className="ui-actions rp-actions">
          {buttons.map((b) => (
            <View
              key={b.action}
              className={`button button--${b.tone} tap`}
              ariaRole="button"
              onClick={() => tap(b.action)}
            >
              {b.label}
            </View>
          ))}
        </View>
      ) : null}
      {t.can.reopen && t.reopenUntil ? (
        <Text className="text-muted rp-note">未修好可在 {formatInstant(t.reopenUntil, 'MM-DD HH:mm')} 前返修</Text>
      ) : null}

      <View className="rp-panel">
        <Text className="ui-section-title">处理过程</Text>
        <View className="rp-timeline" ariaRole="list" ariaLabel="处理过程">
          {[...t.timeline].reverse().map((e) => (
            <View key={e.id} className="rp-step" ariaRole="listitem">
              <Text className="rp-step__time">{formatInstant(e.at, 'MM-DD HH:mm')}</Text>
              <View className="rp-step__body">
                <Text className="rp-step__title">
                  {EVENT_LABELS[e.kind] ?? e.kind}
                  {e.by ? ` · ${e.by}` : ' · 系统'}
                  {e.to ? ` → ${e.to}` : ''}
                </Text>
                {e.note ? <Text className="text-muted">{e.note}</Text> : null}
              </View>
            </View>
          ))}
        </View>
      </View>

      <ConfirmDialog
        visible={confirming !== null}
        title={confirming ? (BUTTONS.find((b) => b.action === confirming)?.label ?? '') : ''}
        content={confirming ? (CONFIRMS[confirming] ?? '') : ''}
        onConfirm={() => confirming && void run(confirming)}
        onCancel={() => setConfirming(null)}
      />
    </View>
  );
}
