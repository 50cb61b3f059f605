import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isValidIdNumber, normalizeIdNumber } from '@contract/identity';
import { selectToken, sendToSignIn, useSession } from '@/features/session';
import { errorMessage } from '@/shared/http';
import { askPushConsent } from '@/shared/push/consent';
import { useRemote } from '@/shared/remote/use-remote';
import { LoadError, Loading } from '@/shared/ui/StatusView';
import { acceptInvitation, fetchPrivacy, openInvitation } from '../api';
import { rememberPass } from '../pass-cache';
import { VISIT_STATUS_LABELS, windowText } from '../vocab';
import { Field } from './Field';
import { PrivacyPanel } from './PrivacyPanel';
import './visitors.css';

/**
 * An invitation opened from its link: who invites, where and when, with no sign-in; accepting asks
 * for sign-in (WeChat) and agreement to the privacy notice, then shows the visit and its pass.
 */
export function InvitationScreen() {
  const token = useRouter().params.token ?? '';
  const signedIn = useSession(selectToken) !== null;
  const remote = useRemote(`invitation-${token}`, async () => {
    const [invitation, notice] = await Promise.all([openInvitation(token), fetchPrivacy()]);
    return { invitation, notice };
  });
  const [agreed, setAgreed] = useState(false);
  const [idNumber, setIdNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (remote.status === 'idle' || remote.status === 'loading') return <Loading />;
  if (remote.status === 'error' || !remote.data)
    return <LoadError message={remote.error} onRetry={() => void remote.reload()} />;
  const { invitation, notice } = remote.data;
  const open = invitation.status === 'invited';

  const accept = async () => {
    // First, inside the tap: WeChat asks consent for the pushes about this visit.
    void askPushConsent();
    const id = normalizeIdNumber(idNumber);
    if (invitation.requiresIdNumber && !isValidIdNumber(id)) return setError('请填写正确的身份证号码');
    setError(null);
    setBusy(true);
    try {
      const visit = await acceptInvitation(token, { privacyVersion: notice.version, ...(id ? { idNumber: id } : {}) });
      const personId = useSession.getState().me?.id;
      if (personId) rememberPass(personId, visit);
      void Taro.redirectTo({ url: `/packages/visitors/pages/visit/index?id=${encodeURIComponent(visit.id)}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="vs">
      <View className="card">
        <Text className="ui-section-title">来访邀请</Text>
        <Text className="vs-pass__line">{`${invitation.hostName}（${invitation.hostUnit}）邀请${invitation.visitorName ?? '您'}来访`}</Text>
        <Text className="text-muted">{windowText(invitation)}</Text>
        <Text className="vs-card__purpose">{invitation.purpose}</Text>
        {!open ? <Text className="vs-flag">{`这份邀请${VISIT_STATUS_LABELS[invitation.status]}`}</Text> : null}
      </View>
      {open && !signedIn ? (
        <View className="button button--primary tap" ariaRole="button" onClick={() => sendToSignIn()}>
          登录后接受邀请
        </View>
      ) : null}
      {open && signedIn ? (
        <>
          <PrivacyPanel notice={notice} agreed={agreed} onChange={setAgreed} />
          {invitation.requiresIdNumber ? (
            <View className="card">
              <Field
                label="身份证号"
                value={idNumber}
                onChange={setIdNumber}
                type="idcard"
                maxlength={18}
                hint="本园区来访需要登记，加密保存"
              />
            </View>
          ) : null}
          {error ? <Text className="ui-field__error">{error}</Text> : null}
          <View
            className={`button button--primary tap${agreed ? '' : ' button--off'}`}
            ariaRole="button"
            aria-disabled={!agreed || busy}
            onClick={() => (agreed && !busy ? void accept() : undefined)}
          >
            {busy ? '提交中…' : '同意并接受邀请'}
          </View>
        </>
      ) : null}
    </View>
  );
}
