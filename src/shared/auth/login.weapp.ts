/** WeChat mini-program: `Taro.login` gives a one-time code, the BFF trades it for a session. */
import Taro from '@tarojs/taro';
import { ApiError } from '../http';
import { exchangeCode, type SignInMethod, type SignInOutcome } from './outcome';

export type { SignInMethod, SignInOutcome };

export function signInMethod(): SignInMethod {
  return 'wechat';
}

export async function signIn(): Promise<SignInOutcome> {
  let code: string | undefined;
  try {
    code = (await Taro.login()).code;
  } catch {
    throw new ApiError('AUTH_UPSTREAM_FAILED', 0);
  }
  if (!code) throw new ApiError('AUTH_CODE_INVALID', 0);
  return exchangeCode('/auth/wechat', { code });
}
