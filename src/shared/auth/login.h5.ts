/**
 * H5. Inside 浙政钉 (user agent has TaurusApp or DingTalk): gdt-jsapi `getAuthCode` gives a
 * one-time code, the BFF trades it for a session. In a plain browser: the demo sign-in page.
 * gdt-jsapi touches `navigator` when loaded, so it is imported lazily and only here.
 */
import { ApiError } from '../http';
import { exchangeCode, type SignInMethod, type SignInOutcome } from './outcome';

export type { SignInMethod, SignInOutcome };

export function isZzdUserAgent(userAgent: string): boolean {
  return /TaurusApp|DingTalk/i.test(userAgent);
}

function inZzd(): boolean {
  return typeof navigator !== 'undefined' && isZzdUserAgent(navigator.userAgent);
}

/** The organisation's 浙政钉 corpId: from the app's launch URL (`?corpId=`), else baked in at build time. */
function corpId(): string | undefined {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('corpId');
    if (fromUrl) return fromUrl;
  } catch {
    // No URL to read: fall through to the build-time value.
  }
  return process.env.TARO_APP_ZZD_CORP_ID || undefined;
}

export function signInMethod(): SignInMethod {
  return inZzd() ? 'zzd' : 'demo';
}

export async function signIn(): Promise<SignInOutcome> {
  if (!inZzd()) return { kind: 'demo' };
  let authCode: string | undefined;
  try {
    const { default: getAuthCode } = await import('gdt-jsapi/es/getAuthCode');
    const result = await getAuthCode({ corpId: corpId() });
    authCode = result.code ?? result.auth_code;
  } catch {
    throw new ApiError('AUTH_UPSTREAM_FAILED', 0);
  }
  if (!authCode) throw new ApiError('AUTH_CODE_INVALID', 0);
  return exchangeCode('/auth/zzd', { authCode });
}
