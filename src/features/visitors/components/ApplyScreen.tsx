import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VISIT_LIMITS, type HostList } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { askPushConsent } from '@/shared/push/consent';
import { useRemote } from '@/shared/remote/use-remote';
import { todayDate } from '@/shared/time';
import { Chips } from '@/shared/ui/Chips';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { toast } from '@/shared/ui/toast';
import { applyToVisit, fetchFormSetup, fetchHosts } from '../api';
import { openVisitorPage } from '../routes';
import { EMPTY_VISITOR, visitorBody, visitorProblem } from '../visitor-input';
import { VisitorFields } from './VisitorFields';
import { Field, FormSubmit } from './Field';
import { PrivacyPanel } from './PrivacyPanel';
import { WindowFields, windowProblem, type VisitWindow } from './WindowFields';
import './visitors.css';

/**
 * 申请来访: read and agree to the notice first; then the host (a unit, then a name: the directory
 * shows name and unit only), the day and time, why, and my name, mobile, ID number when the campus
 * asks for it, and a plate if I drive. The host approves or declines in the app.
 */
export function ApplyScreen() {
  const me = useRequireSession();
  const setup = useRemote(me ? 'visit-apply' : null, fetchFormSetup);
  const [agreed, setAgreed] = useState(false);
  const [unit, setUnit] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [hosts, setHosts] = useState<HostList['items'] | null>(null);
  const [host, setHost] = useState<{ id: string; name: string } | null>(null);
  const [window_, setWindow] = useState<VisitWindow>({ date: todayDate(), startsAt: '14:00', endsAt: '17:00' });
  const [purpose, setPurpose] = useState('');
  const [visitor, setVisitor] = useState(EMPTY_VISITOR);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me || setup.status === 'idle' || setup.status === 'loading') return <Loading />;
  if (setup.status === 'error' || !setup.data)
    return <LoadError message={setup.error} onRetry={() => void setup.reload()} />;
  const { notice, units } = setup.data;

  const search = async (forUnit: string, text: string) => {
    try {
      setHosts((await fetchHosts(forUnit, text.trim())).items);
    } catch (e) {
      toast(e);
    }
  };

  const submit = async () => {
    // First, inside the tap: WeChat asks consent for the push that answers this (approval, arrival).
    void askPushConsent();
    const problem = !host
      ? '请先选择被访人'
      : (windowProblem(window_) ??
        (!purpose.trim() ? '请填写来访事由' : visitorProblem(visitor, notice.requiresIdNumber)));
    if (problem || !host) return setError(problem);
    setError(null);
    setBusy(true);
    try {
      const visit = await applyToVisit({
        hostId: host.id,
        ...window_,
        purpose: purpose.trim(),
        ...visitorBody(visitor),
        privacyVersion: notice.version,
      });
      void Taro.showToast({ title: '已提交，等待审批', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/visitors/pages/visit/index?id=${encodeURIComponent(visit.id)}` }).catch(
        () => openVisitorPage('visit', { id: visit.id }),
      );
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
        <Text className="ui-section-title">被访人</Text>
        {host ? (
          <View className="ui-cell">
            <Text className="ui-cell__title">{`${host.name}（${unit ?? ''}）`}</Text>
            <View className="ui-link tap" ariaRole="button" onClick={() => setHost(null)}>
              重新选择
            </View>
          </View>
        ) : (
          <>
            <Text className="ui-field__label">被访单位</Text>
            <Chips
              label="被访单位"
              small
              options={units.map((u) => ({ value: u, label: u }))}
              value={unit}
              onChange={(u) => {
                setUnit(u);
                void search(u, q);
              }}
            />
            {unit ? (
              <>
                <Field
                  label="被访人姓名"
                  value={q}
                  maxlength={20}
                  placeholder="输入姓名查找"
                  onChange={(text) => {
                    setQ(text);
                    void search(unit, text);
                  }}
                />
                {(hosts ?? []).map((h) => (
                  <View
                    key={h.id}
                    className="ui-cell tap"
                    ariaRole="button"
                    ariaLabel={`选择 ${h.name}，${h.unit}`}
                    onClick={() => setHost(h)}
                  >
                    <Text className="ui-cell__title">{h.name}</Text>
                    <Text className="ui-cell__side">{h.unit}</Text>
                  </View>
                ))}
                {hosts && hosts.length === 0 ? <Text className="text-muted">没有找到，请核对姓名</Text> : null}
              </>
            ) : null}
          </>
        )}
      </View>
      <View className="card">
        <WindowFields value={window_} onChange={setWindow} />
        <Field
          label="来访事由"
          value={purpose}
          onChange={setPurpose}
          maxlength={VISIT_LIMITS.purposeMax}
          placeholder="例如：商务洽谈"
        />
        <VisitorFields
          value={visitor}
          onChange={setVisitor}
          nameLabel="您的姓名"
          requiresId={notice.requiresIdNumber}
        />
        <FormSubmit error={error} busy={busy} label="提交申请" busyLabel="提交中…" onSubmit={submit} />
      </View>
    </View>
  );
}
