import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../../src/errors';
import { createWechatAuth, type WechatAuth } from '../../src/integrations/wechat/wechat-auth';
import type { Clock } from '../../src/lib/time';
import { WechatFake, type WechatFailure } from '../fakes/wechat-fake';

const APP_ID = 'wx0123456789abcdef';
const APP_SECRET = 'wechat-secret-7f3a9c1e5b';

class TestClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

const clock = new TestClock(Date.parse('2026-11-21T04:00:00Z'));
const fake = new WechatFake({ appId: APP_ID, appSecret: APP_SECRET, clock });
let apiBase: string;
let wechat: WechatAuth;

beforeAll(async () => {
  ({ baseUrl: apiBase } = await fake.start());
  wechat = createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase })!;
});

afterAll(() => fake.stop());

/** The rejection, asserted to be a DomainError, so tests can look at code, status and everything else. */
async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** Everything an error could show a log or a client: message, stack, cause, own fields. */
const everythingIn = (error: DomainError): string =>
  [error.message, error.stack, String(error.cause), JSON.stringify(error)].join('\n');

describe('createWechatAuth', () => {
  it('gives no client when the app id or secret is missing', () => {
    expect(createWechatAuth({ appSecret: APP_SECRET, apiBase: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(createWechatAuth({ appId: APP_ID, apiBase: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase: 'http://127.0.0.1:1' })).toBeDefined();
  });
});

describe('codeToSession against the fake WeChat', () => {
  it('returns the openid and unionid and nothing else', async () => {
    const code = fake.issueCode({ openId: 'oUser-1', unionId: 'uUnion-1' });
    const identity = await wechat.codeToSession(code);
    expect(identity).toEqual({ openId: 'oUser-1', unionId: 'uUnion-1' });
    // The session_key WeChat sent must not come out of the client in any form.
    expect(fake.lastSessionKey).toBeDefined();
    expect(JSON.stringify(identity)).not.toContain(fake.lastSessionKey);
  });

  it('leaves unionId out when WeChat sends none', async () => {
    const identity = await wechat.codeToSession(fake.issueCode({ openId: 'oUser-2' }));
    expect(identity).toEqual({ openId: 'oUser-2' });
    expect('unionId' in identity).toBe(false);
  });

  it('works with a trailing slash on the configured base', async () => {
    const client = createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase: `${apiBase}/` })!;
    await expect(client.codeToSession(fake.issueCode({ openId: 'oUser-3' }))).resolves.toEqual({ openId: 'oUser-3' });
  });

  it('refuses a code WeChat never issued (40029)', async () => {
    const error = await failure(wechat.codeToSession('0a3bNever0Issued'));
    expect(fake.lastErrcode).toBe(40029);
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses a code the second time (40163)', async () => {
    const code = fake.issueCode({ openId: 'oUser-4' });
    await wechat.codeToSession(code);
    const error = await failure(wechat.codeToSession(code));
    expect(fake.lastErrcode).toBe(40163);
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses a code older than five minutes', async () => {
    const code = fake.issueCode({ openId: 'oUser-5' });
    clock.advance(5 * 60 * 1000 + 1);
    const error = await failure(wechat.codeToSession(code));
    expect(fake.lastErrcode).toBe(40029);
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses a user WeChat marks as high risk (40226)', async () => {
    fake.failNext('high-risk');
    const error = await failure(wechat.codeToSession(fake.issueCode({ openId: 'oUser-6' })));
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses an empty code without asking WeChat', async () => {
    const before = fake.requests;
    const error = await failure(wechat.codeToSession('  '));
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
    expect(fake.requests).toBe(before);
  });

  it('reports a wrong secret as an upstream failure, not as the user’s fault (40125)', async () => {
    const client = createWechatAuth({ appId: APP_ID, appSecret: 'not-the-secret', apiBase })!;
    const error = await failure(client.codeToSession(fake.issueCode({ openId: 'oUser-7' })));
    expect(fake.lastErrcode).toBe(40125);
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
  });

  it('reports a wrong app id as an upstream failure (40013)', async () => {
    const client = createWechatAuth({ appId: 'wx-someone-else', appSecret: APP_SECRET, apiBase })!;
    const error = await failure(client.codeToSession(fake.issueCode({ openId: 'oUser-8' })));
    expect(fake.lastErrcode).toBe(40013);
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
  });

  it.each<WechatFailure>(['busy', 'rate-limited', 'http-500', 'not-json', 'no-openid'])(
    'reports "%s" as an upstream failure',
    async (mode) => {
      fake.failNext(mode);
      const error = await failure(wechat.codeToSession(fake.issueCode({ openId: 'oUser-9' })));
      expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    },
  );

  it('gives up on a WeChat that does not answer, after timeoutMs', async () => {
    const client = createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase }, { timeoutMs: 50 })!;
    fake.failNext('hang');
    const error = await failure(client.codeToSession(fake.issueCode({ openId: 'oUser-10' })));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(String(error.cause)).toContain('timeout');
  });

  it('reports an unreachable WeChat as an upstream failure', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase: `http://127.0.0.1:${port}` })!;
    const error = await failure(client.codeToSession('any-code'));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
  });

  it('never puts the secret or the code into an error', async () => {
    const wrongSecret = 'wrong-secret-5d1f0a';
    const errors: DomainError[] = [];
    const codes: string[] = [];
    const attempt = async (client: WechatAuth, code: string) => {
      codes.push(code);
      errors.push(await failure(client.codeToSession(code)));
    };
    const hasty = createWechatAuth({ appId: APP_ID, appSecret: APP_SECRET, apiBase }, { timeoutMs: 50 })!;
    const misconfigured = createWechatAuth({ appId: APP_ID, appSecret: wrongSecret, apiBase })!;

    await attempt(wechat, 'code-never-issued-1234');
    const used = fake.issueCode({ openId: 'oUser-11' });
    await wechat.codeToSession(used);
    await attempt(wechat, used);
    await attempt(misconfigured, fake.issueCode({ openId: 'oUser-12' }));
    for (const mode of ['busy', 'not-json', 'http-500', 'hang'] as const) {
      fake.failNext(mode);
      await attempt(hasty, fake.issueCode({ openId: 'oUser-13' }));
    }

    expect(errors).toHaveLength(7);
    for (const error of errors) {
      const text = everythingIn(error);
      expect(text).not.toContain(APP_SECRET);
      expect(text).not.toContain(wrongSecret);
      for (const code of codes) expect(text).not.toContain(code);
    }
  });
});

describe('the fake itself', () => {
  // The client tests above only prove something if the fake refuses what WeChat would refuse.
  const ask = async (params: Record<string, string>) =>
    (await fetch(`${apiBase}/sns/jscode2session?${new URLSearchParams(params).toString()}`)).json();

  it('checks grant_type, the secret and the presence of a code', async () => {
    const code = fake.issueCode({ openId: 'oUser-14' });
    const good = { appid: APP_ID, secret: APP_SECRET, js_code: code, grant_type: 'authorization_code' };
    expect(await ask({ ...good, grant_type: 'client_credential' })).toMatchObject({ errcode: 40002 });
    expect(await ask({ ...good, secret: 'x' })).toMatchObject({ errcode: 40125 });
    expect(await ask({ appid: APP_ID, secret: APP_SECRET, grant_type: 'authorization_code' })).toMatchObject({
      errcode: 41008,
    });
    // None of the refusals used the code up.
    expect(await ask(good)).toMatchObject({ openid: 'oUser-14' });
  });
});
