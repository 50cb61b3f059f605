import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { VISIT_LIMITS, type InvitationCreated } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { askPushConsent } from '@/shared/push/consent';
import { todayDate } from '@/shared/time';
import { QrCode } from '@/shared/ui/qr/QrCode';
import { Loading } from '@/shared/ui/StatusView';
import { invite } from '../api';
import { EMPTY_VISITOR, visitorBody, visitorProblem } from '../visitor-input';
import { Field, FormSubmit } from './Field';
import { VisitorFields } from './VisitorFields';
import { WindowFields, windowProblem, type VisitWindow } from './WindowFields';
import './visitors.css';

/** The link a visitor opens: the H5 app's page with the signed token (the mini-app opens the same path). */
function shareLink(path: string): string {
  if (typeof window === 'undefined' || !window.location) return path;
  return `${window.location.origin}${path}`;
}

/** 邀请访客: who, when, why, companions, an optional plate → a link and QR to send the visitor. */
export function InviteScreen() {
  const me = useRequireSession();
  const [visitor, setVisitor] = useState(EMPTY_VISITOR);
  const [purpose, setPurpose] = useState('');
  const [companions, setCompanions] = useState('');
  const [window_, setWindow] = useState<VisitWindow>({ date: todayDate(), startsAt: '14:00', endsAt: '17:00' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<InvitationCreated | null>(null);
  if (!me) return <Loading />;

  if (done) {
    const link = shareLink(done.inviteUrl);
    return (
      <View className="vs">
        <View className="card vs-pass">
          <Text className="ui-section-title">邀请已生成</Text>
          <QrCode value={link} size={220} label="邀请二维码，访客扫码打开" />
          <Text className="text-muted">{`请把链接或二维码发给访客 ${done.visit.visitor.name ?? ''}，对方用微信打开并登录后接受，通行码即生效。`}</Text>
          <Text className="vs-link" userSelect>
            {link}
          </Text>
          <View
            className="button button--primary tap"
            ariaRole="button"
            onClick={() => void Taro.setClipboardData({ data: link }).catch(() => undefined)}
          >
            复制邀请链接
          </View>
          <View className="button button--plain tap" ariaRole="button" onClick={() => setDone(null)}>
            再邀请一位
          </View>
        </View>
      </View>
    );
  }

  const submit = async () => {
    // First, inside the tap: WeChat asks consent for the push that answers this (approval, arrival).
    void askPushConsent();
    const problem =
      visitorProblem(visitor, false) ?? windowProblem(window_) ?? (!purpose.trim() ? '请填写来访事由' : null);
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    try {
      setDone(
        await invite({
          ...visitorBody(visitor),
          ...window_,
          purpose: purpose.trim(),
          ...(companions ? { companions: Number(companions) } : {}),
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="vs">
      <View className="card">
        <VisitorFields value={visitor} onChange={setVisitor} requiresId={false} withoutId />
        <WindowFields value={window_} onChange={setWindow} />
        <Field
          label="来访事由"
          value={purpose}
          onChange={setPurpose}
          maxlength={VISIT_LIMITS.purposeMax}
          placeholder="例如：项目洽谈"
        />
        <Field
          label="同行人数（可不填）"
          value={companions}
          onChange={(v) => setCompanions(v.replace(/\D/g, '').slice(0, 2))}
          type="number"
          maxlength={2}
          placeholder="0"
        />
        <FormSubmit error={error} busy={busy} label="生成邀请" busyLabel="生成中…" onSubmit={submit} />
      </View>
    </View>
  );
}
