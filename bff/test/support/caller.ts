import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './test-app';

/** A signed-in person calling the test app. */
export interface Caller {
  token: string;
  call(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function caller(t: TestApp, userId: string): Promise<Caller> {
  const { token } = await t.signIn(userId);
  return {
    token,
    call: (method, url, payload, headers = {}) =>
      t.app.inject({
        method,
        url,
        headers: { ...t.auth(token), ...headers },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
}

export const errorCode = (res: LightMyRequestResponse): string | undefined => res.json()?.error?.code;

export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, code: errorCode(res) }).toEqual({ status, code });
  expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
}
