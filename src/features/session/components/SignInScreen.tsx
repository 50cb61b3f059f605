import { useCallback, useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { signIn, signInMethod } from '@/shared/auth/login';
import { SIGN_IN_METHOD_LABELS } from '@/shared/auth/outcome';
import { errorMessage } from '@/shared/http';
import { completeSignIn } from '../actions';
import { DemoSignIn } from './DemoSignIn';
import './sign-in.css';

type Phase = 'signing-in' | 'demo' | 'failed' | 'signed-out';

/**
 * Sign-in: the platform's own sign-in first (WeChat, 浙政钉), silently; the demo list when the
 * platform has none or the server has it switched off. `redirect` is where to go afterwards.
 * After signing out, a silent platform sign-in waits for a tap instead of happening at once.
 */
export function SignInScreen() {
  const { params } = useRouter();
  const redirect = params.redirect;
  const method = signInMethod();
  const waitForTap = params.signedOut === '1' && method !== 'demo';
  const [phase, setPhase] = useState<Phase>(method === 'demo' ? 'demo' : waitForTap ? 'signed-out' : 'signing-in');
  const [failure, setFailure] = useState('');

  // A promise chain, not async: this page is in the main package (see shared/http/client.ts).
  const attempt = useCallback(() => {
    setPhase('signing-in');
    return signIn()
      .then((outcome) => {
        if (outcome.kind === 'session') return completeSignIn(outcome.session, redirect);
        setPhase('demo');
        return undefined;
      })
      .catch((error: unknown) => {
        setFailure(errorMessage(error));
        setPhase('failed');
      });
  }, [redirect]);

  useEffect(() => {
    if (method !== 'demo' && !waitForTap) void attempt();
  }, [attempt, method, waitForTap]);

  useEffect(() => {
    if (phase === 'demo') void Taro.setNavigationBarTitle({ title: '演示登录' }).catch(() => undefined);
  }, [phase]);

  return (
    <View className="sign-in">
      <View className="sign-in__brand">
        <Text className="sign-in__logo">后勤</Text>
        <Text className="sign-in__name">数智后勤</Text>
        <Text className="sign-in__slogan">机关后勤服务，一次都不用跑</Text>
      </View>
      {phase === 'signing-in' ? <Text className="sign-in__status">正在登录…</Text> : null}
      {phase === 'failed' || phase === 'signed-out' ? (
        <View className="sign-in__actions">
          <Text className={phase === 'failed' ? 'sign-in__error' : 'sign-in__status'}>
            {phase === 'failed' ? failure : '您已退出登录'}
          </Text>
          <View className="button button--primary tap" onClick={() => void attempt()}>
            {phase === 'failed' ? '重试' : SIGN_IN_METHOD_LABELS[method]}
          </View>
          <View className="button button--plain tap" onClick={() => setPhase('demo')}>
            使用演示账号
          </View>
        </View>
      ) : null}
      {phase === 'demo' ? <DemoSignIn redirect={redirect} /> : null}
    </View>
  );
}
