import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Visit } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { isApiError } from '@/shared/http';
import { useRemote } from '@/shared/remote/use-remote';
import { formatInstant } from '@/shared/time';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import { approveVisit, cancelVisit, declineVisit, deleteVisit, fetchVisit, overrideVisit, revealId } from '../api';
import { cachedPass, rememberPass, type CachedPass } from '../pass-cache';
import { ORIGIN_LABELS, STATUS_TONE, VISIT_STATUS_LABELS, visitorText, windowText } from '../vocab';
import { PassView } from './PassView';
import { ReasonPanel } from './ReasonPanel';
import './visitors.css';

type Ask = 'cancel' | 'delete' | 'reveal' | null;

function Details({ visit }: { visit: Visit }) {
  const rows: [string, string][] = [
    ['来访时间', windowText(visit)],
    ['被访人', `${visit.host.name}（${visit.host.unit}）`],
    ['访客', visitorText(visit)],
    ['来访事由', visit.purpose],
    ['来源', ORIGIN_LABELS[visit.origin]],
  ];
  if (visit.companions) rows.push(['同行人数', `${visit.companions} 人`]);
  if (visit.visitor.idNumber) rows.push(['身份证号', visit.visitor.idNumber]);
  if (visit.visitor.plate) rows.push(['车牌', visit.visitor.plate]);
  if (visit.checkedInAt) rows.push(['到达', formatInstant(visit.checkedInAt)]);
  if (visit.checkedOutAt) rows.push(['离开', formatInstant(visit.checkedOutAt)]);
  if (visit.declineReason) rows.push(['拒绝理由', visit.declineReason]);
  if (visit.overrideReason) rows.push(['门岗放行理由', visit.overrideReason]);
  return (
    <View className="card">
      <View className="vs-card__head">
        <Text className="vs-card__who">来访详情</Text>
        <Text className={`ui-tag ui-tag--${STATUS_TONE[visit.status]}`}>{VISIT_STATUS_LABELS[visit.status]}</Text>
      </View>
      {visit.flagged ? <Text className="vs-flag">⚠ 该访客在限制名单中，请核实身份后再决定</Text> : null}
      {visit.visitsBefore > 0 ? <Text className="text-muted">{`此前来访 ${visit.visitsBefore} 次`}</Text> : null}
      {rows.map(([label, value]) => (
        <View key={label} className="ui-cell">
          <Text className="ui-cell__title">{label}</Text>
          <Text className="ui-cell__side">{value}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * One visit, by who reads it: its host approves or declines (a reason required); its visitor sees
 * the pass (kept on the device for no network), cancels, or deletes it once over; a guard reveals
 * the full ID number (audited) or lets a waiting walk-in in with a reason.
 */
export function VisitScreen() {
  const me = useRequireSession();
  const id = useRouter().params.id ?? '';
  const [offline, setOffline] = useState<CachedPass | undefined>(undefined);
  const remote = useRemote(me ? `visit-${id}` : null, async () => {
    try {
      const visit = await fetchVisit(id);
      if (visit.as === 'visitor' && me) rememberPass(me.id, visit);
      setOffline(undefined);
      return visit;
    } catch (error) {
      // Only with no network: a pass refused or gone (404, cancelled elsewhere) is not shown from the device.
      if (me && isApiError(error) && error.code === 'NETWORK_ERROR') setOffline(cachedPass(me.id, id));
      throw error;
    }
  });
  const [ask, setAsk] = useState<Ask>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (offline && remote.status === 'error') return <PassView pass={offline} offline />;
  if (!me || remote.status === 'idle' || remote.status === 'loading') return <Loading />;
  if (remote.status === 'error' || !remote.data)
    return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  const visit = remote.data;

  const act = async (work: () => Promise<Visit | void>, done: string) => {
    setBusy(true);
    try {
      const next = await work();
      if (next) {
        remote.setData(next);
        if (next.as === 'visitor' && me) rememberPass(me.id, next);
      }
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (error) {
      toast(error);
      if (isApiError(error)) void remote.reload();
    } finally {
      setBusy(false);
    }
  };
  const confirmed = () => {
    const which = ask;
    setAsk(null);
    if (which === 'cancel') void act(() => cancelVisit(id), '已取消');
    if (which === 'delete')
      void act(async () => {
        await deleteVisit(id);
        void Taro.navigateBack();
      }, '已删除');
    if (which === 'reveal')
      void act(async () => {
        setRevealed((await revealId(id)).idNumber);
      }, '已记录查看');
  };
  const over = ['declined', 'cancelled', 'checked-out'].includes(visit.status) || Date.parse(visit.endsAt) < Date.now();

  return (
    <View className="vs">
      {visit.pass ? <PassView pass={{ ...visit, pass: visit.pass }} /> : null}
      <Details visit={visit} />
      {visit.as === 'host' && visit.status === 'pending' ? (
        <>
          <View
            className="button button--primary tap"
            ariaRole="button"
            aria-disabled={busy}
            onClick={() => (busy ? undefined : void act(() => approveVisit(id), '已同意'))}
          >
            同意来访
          </View>
          <ReasonPanel
            title="拒绝来访"
            label="拒绝理由"
            placeholder="例如：当天外出开会，请改期"
            confirm="拒绝后访客会收到通知和理由。确定拒绝吗？"
            action="拒绝"
            danger
            onSubmit={(reason) => act(() => declineVisit(id, reason), '已拒绝')}
          />
        </>
      ) : null}
      {visit.as === 'guard' && visit.status === 'pending' && visit.origin === 'walk-in' ? (
        <ReasonPanel
          title="门岗放行"
          label="放行理由"
          placeholder="例如：已电话联系被访人确认"
          confirm="放行会记入审计日志并通知被访人。确定放行吗？"
          action="放行"
          onSubmit={(reason) => act(() => overrideVisit(id, reason), '已放行')}
        />
      ) : null}
      {visit.as === 'guard' && visit.visitor.idNumber ? (
        <View className="card">
          <Text className="ui-section-title">核验身份</Text>
          {revealed ? (
            <Text className="vs-pass__code">{revealed}</Text>
          ) : (
            <View className="button button--plain tap" ariaRole="button" onClick={() => setAsk('reveal')}>
              查看完整身份证号
            </View>
          )}
          <Text className="text-muted">仅用于当面核验身份，每次查看都会记入审计日志</Text>
        </View>
      ) : null}
      {(visit.as === 'visitor' || visit.as === 'host') && ['invited', 'pending', 'approved'].includes(visit.status) ? (
        <View className="button button--plain tap" ariaRole="button" onClick={() => setAsk('cancel')}>
          取消来访
        </View>
      ) : null}
      {visit.as === 'visitor' && over && visit.status !== 'checked-in' ? (
        <View className="button button--plain tap" ariaRole="button" onClick={() => setAsk('delete')}>
          删除这条记录
        </View>
      ) : null}
      <ConfirmDialog
        visible={ask !== null}
        title={ask === 'cancel' ? '取消来访' : ask === 'delete' ? '删除来访记录' : '查看完整身份证号'}
        content={
          ask === 'cancel'
            ? '取消后通行码失效，对方会收到通知。确定取消吗？'
            : ask === 'delete'
              ? '删除后您的姓名、手机号等个人信息会立即清除，不能恢复。确定删除吗？'
              : '查看会记入审计日志（谁、何时、哪次来访）。确定查看吗？'
        }
        confirmText={ask === 'cancel' ? '取消来访' : ask === 'delete' ? '删除' : '查看'}
        cancelText="返回"
        onConfirm={confirmed}
        onCancel={() => setAsk(null)}
      />
    </View>
  );
}
