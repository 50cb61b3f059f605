import type { Session } from '@contract/auth.schema';
import { isApiError, postJson } from '../http';

/** What a platform sign-in achieved: a session, or "show the demo sign-in page". */
export type SignInOutcome = { kind: 'session'; session: Session } | { kind: 'demo' };

/** How this platform signs people in; `demo` means the demo sign-in page is the only way. */
export type SignInMethod = 'wechat' | 'zzd' | 'demo';

export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = {
  wechat: '微信登录',
  zzd: '浙政钉登录',
  demo: '演示登录',
};

/**
 * Trades a platform code for a session. A server that has this provider switched off answers
 * AUTH_PROVIDER_DISABLED: then the demo sign-in page is the way in.
 */
export async function exchangeCode(
  path: '/auth/wechat' | '/auth/zzd',
  body: { code: string } | { authCode: string },
): Promise<SignInOutcome> {
  try {
    const session = await postJson<Session>(path, body, { skipAuthRedirect: true });
    return { kind: 'session', session };
  } catch (error) {
    if (isApiError(error) && error.code === 'AUTH_PROVIDER_DISABLED') return { kind: 'demo' };
    throw error;
  }
}
