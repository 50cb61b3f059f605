/**
 * Platform sign-in, default implementation. Taro resolves `login.weapp.ts` on WeChat and
 * `login.h5.ts` on H5; this file serves type-checking, jest and any other platform, where the
 * demo sign-in page is the way in. All three files export the same two functions.
 */
import type { SignInMethod, SignInOutcome } from './outcome';

export type { SignInMethod, SignInOutcome };

export function signInMethod(): SignInMethod {
  return 'demo';
}

export async function signIn(): Promise<SignInOutcome> {
  return { kind: 'demo' };
}
