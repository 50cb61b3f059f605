import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VISIT_LIMITS, type HostList } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { useRemote } from '@/shared/remote/use-remote';
import { Chips } from '@/shared/ui/Chips';
import { LoadError, Loading, NoAccess } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import { fetchFormSetup, fetchHosts, registerWalkIn } from '../api';
import { EMPTY_VISITOR, visitorBody, visitorProblem } from '../visitor-input';
import { Field, FormSubmit } from './Field';
import { VisitorFields } from './VisitorFields';
import { PrivacyPanel } from './PrivacyPanel';
import './visitors.css';

/**
 * 临时访客登记 at the gate: the visitor hears the notice and agrees, the guard records who they
 * visit and until when; the host confirms in the app, or the guard lets them in with a reason.
 */
export function WalkInScreen() {
  const me = useRequireSession();
  const setup = useRemote(me ? 'walk-in' : null, fetchFormSetup);
  const [agreed, setAgreed] = useState(false);
  const [unit, setUnit] = useState<string | null>(null);
  const [hosts, setHosts] = useState<HostList['items']>([]);
  const [host, setHost] = useState<HostList['items'][number] | null>(null);
  const [visitor, setVisitor] = useState(EMPTY_VISITOR);
  const [purpose, setPurpose] = useState('');
  const [endsAt, setEndsAt] = useState('17:30');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me || setup.status === 'idle' || setup.status === 'loading') return <Loading />;
  if (!me.roles.includes('guard')) return <NoAccess reason="临时访客登记仅限门岗人员使用" />;
  if (setup.status === 'error' || !setup.data)
    return <LoadError message={setup.error} onRetry={() => void setup.reload()} />;
  const { notice, units } = setup.data;

  const pickUnit = async (u: string) => {
    setUnit(u);
    setHost(null);
    try {
      setHosts((await fetchHosts(u, '')).items);
    } catch (e) {
      toast(e);
    }
  };

  const submit = async () => {
    const problem = !host
      ? '请选择被访人'
      : (visitorProblem(visitor, notice.requiresIdNumber) ??
        (!/^([01]\d|2[0-3]):[0-5]\d$/.test(endsAt)
          ? '离开时间请按 24 小时制填写，例如 17:30'
          : !purpose.trim()
            ? '请填写来访事由'
            : null));
    if (problem || !host) return setError(problem);
    setError(null);
    setBusy(true);
    try {
      const visit = await registerWalkIn({
        hostId: host.id,
        endsAt,
        purpose: purpose.trim(),
        ...visitorBody(visitor),
        privacyVersion: notice.version,
      });
      void Taro.showToast({ title: '已通知被访人确认', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/visitors/pages/visit/index?id=${encodeURIComponent(visit.id)}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!agreed)
    return (
      <View className="vs">
        <PrivacyPanel notice={notice} agreed={agreed} onChange={setAgreed} />
      </View>
    );
  return (
    <View className="vs">
      <View className="card">
        <Text className="ui-field__label">被访单位</Text>
        <Chips
          label="被访单位"
          small
          options={units.map((u) => ({ value: u, label: u }))}
          value={unit}
          onChange={(u) => void pickUnit(u)}
        />
        {unit ? (
          <>
            <Text className="ui-field__label">被访人</Text>
            <Chips
              label="被访人"
              small
              options={hosts.map((h) => ({ value: h.id, label: h.name }))}
              value={host?.id ?? null}
              onChange={(id) => setHost(hosts.find((h) => h.id === id) ?? null)}
            />
          </>
        ) : null}
        <VisitorFields value={visitor} onChange={setVisitor} requiresId={notice.requiresIdNumber} />
        <Field label="来访事由" value={purpose} onChange={setPurpose} maxlength={VISIT_LIMITS.purposeMax} />
        <Field label="预计离开时间" value={endsAt} onChange={setEndsAt} maxlength={5} placeholder="17:30" />
        <FormSubmit error={error} busy={busy} label="登记并通知被访人" busyLabel="登记中…" onSubmit={submit} />
      </View>
    </View>
  );
}
