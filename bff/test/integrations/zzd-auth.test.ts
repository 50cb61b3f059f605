import { createHmac } from 'node:crypto';
import { DomainError } from '../../src/errors';
import { createZzdAuth, type ZzdAuth } from '../../src/integrations/zzd/zzd-auth';
import { newNonce, sign, stringToSign } from '../../src/integrations/zzd/zzd-signature';
import type { Clock } from '../../src/lib/time';
import { ZzdFake, type ZzdFailure, type ZzdFakeUser } from '../fakes/zzd-fake';

const APP_KEY = 'shuzhi-houqin-3a7f19c2';
const APP_SECRET = 'zzd-secret-K9x2mQ7vL4';

class TestClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

const HOUR = 3600 * 1000;
const clock = new TestClock(Date.parse('2026-11-21T04:00:00Z'));
const fake = new ZzdFake({ appKey: APP_KEY, appSecret: APP_SECRET, clock });
let apiBase: string;

const user = (accountId: number, extra: Partial<ZzdFakeUser> = {}): ZzdFakeUser => ({
  accountId,
  lastName: `职工${accountId}`,
  nickNameCn: `昵称${accountId}`,
  employeeCode: `GE_${accountId}`,
  realmId: 196729,
  realmName: '杭州市民中心',
  ...extra,
});

/** A client of its own per test, so the token cache starts empty and counts are the test's own. */
function client(overrides: { appKey?: string; appSecret?: string; tenantId?: string } = {}, options = {}): ZzdAuth {
  return createZzdAuth({ appKey: APP_KEY, appSecret: APP_SECRET, apiBase, ...overrides }, { clock, ...options })!;
}

/** Counts since the start of the calling test. */
function countsFrom() {
  const start = { ...fake.counts };
  return () => ({ gettoken: fake.counts.gettoken - start.gettoken, appUser: fake.counts.appUser - start.appUser });
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

beforeAll(async () => {
  ({ baseUrl: apiBase } = await fake.start());
});

afterAll(() => fake.stop());

describe('the gateway signature', () => {
  const input = {
    method: 'POST' as const,
    timestamp: '2026-11-21T12:00:00.000+08:00',
    nonce: '176369760000000011234',
    uri: '/rpc/oauth2/dingtalk_app_user.json',
    params: { auth_code: 'c0de', access_token: 't0ken' },
  };

  it('signs METHOD, timestamp, nonce, uri and the parameters sorted by name', () => {
    const expected =
      'POST\n2026-11-21T12:00:00.000+08:00\n176369760000000011234\n/rpc/oauth2/dingtalk_app_user.json\naccess_token=t0ken&auth_code=c0de';
    expect(stringToSign(input)).toBe(expected);
    expect(sign(input, 'k')).toBe(createHmac('sha256', 'k').update(expected).digest('base64'));
  });

  it('adds no parameter line when there are no parameters', () => {
    expect(stringToSign({ ...input, method: 'GET', params: {} })).toBe(
      'GET\n2026-11-21T12:00:00.000+08:00\n176369760000000011234\n/rpc/oauth2/dingtalk_app_user.json',
    );
  });

  it('makes a different nonce for every request, even within one millisecond', () => {
    const now = clock.now();
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce(now)));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce.startsWith(String(now.getTime()))).toBe(true);
  });
});

describe('createZzdAuth', () => {
  it('gives no client when the app key or secret is missing', () => {
    expect(createZzdAuth({ appSecret: APP_SECRET, apiBase: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(createZzdAuth({ appKey: APP_KEY, apiBase: 'http://127.0.0.1:1' })).toBeUndefined();
    expect(createZzdAuth({ appKey: APP_KEY, appSecret: APP_SECRET, apiBase: 'http://127.0.0.1:1' })).toBeDefined();
  });
});

describe('userFromAuthCode against the fake gateway', () => {
  it('returns the user, with the nickname as name and the realm as tenant', async () => {
    const identity = await client().userFromAuthCode(fake.issueCode(user(93)));
    expect(identity).toEqual({
      accountId: '93',
      name: '昵称93',
      employeeCode: 'GE_93',
      tenantId: '196729',
      tenantName: '杭州市民中心',
    });
  });

  it('falls back to the last name when there is no nickname', async () => {
    const identity = await client().userFromAuthCode(fake.issueCode(user(94, { nickNameCn: '' })));
    expect(identity.name).toBe('职工94');
  });

  it('sends the signed headers the gateway expects', async () => {
    await client().userFromAuthCode(fake.issueCode(user(95)));
    const [token, lookUp] = fake.received.slice(-2);
    expect(token.method).toBe('GET');
    expect(token.url.startsWith('/gettoken.json?')).toBe(true);
    expect(lookUp.method).toBe('POST');
    expect(lookUp.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    // The access token and auth code travel in the body, never in the URL.
    expect(lookUp.url).toBe('/rpc/oauth2/dingtalk_app_user.json');
    expect(lookUp.headers).toMatchObject({ 'x-hmac-auth-version': '1.0', apikey: APP_KEY });
    // Shanghai time with its offset, taken from the injected clock.
    const timestamp = lookUp.headers['x-hmac-auth-timestamp'];
    expect(timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(timestamp)).toBe(clock.now().getTime());
    expect(lookUp.headers['x-hmac-auth-ip']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(lookUp.headers['x-hmac-auth-mac']).toBeDefined();
    expect(lookUp.headers['x-hmac-auth-nonce']).not.toBe(token.headers['x-hmac-auth-nonce']);
  });

  it('refuses a code the platform never issued (240111)', async () => {
    const error = await failure(client().userFromAuthCode('0123456789abcdef0123456789abcdef01234567'));
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses a code the second time', async () => {
    const zzd = client();
    const code = fake.issueCode(user(96));
    await zzd.userFromAuthCode(code);
    const error = await failure(zzd.userFromAuthCode(code));
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
  });

  it('refuses an empty code without asking the gateway', async () => {
    const counts = countsFrom();
    const error = await failure(client().userFromAuthCode(''));
    expect(error).toMatchObject({ code: 'AUTH_CODE_INVALID', status: 401 });
    expect(counts()).toEqual({ gettoken: 0, appUser: 0 });
  });

  it('fails upstream with a wrong secret, because the gateway refuses the signature', async () => {
    const before = fake.rejections.length;
    const error = await failure(client({ appSecret: 'not-the-secret' }).userFromAuthCode(fake.issueCode(user(97))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(fake.rejections.slice(before)).toEqual(['SignatureDoesNotMatch']);
  });

  it('fails upstream with a wrong app key', async () => {
    const before = fake.rejections.length;
    const error = await failure(client({ appKey: 'someone-else' }).userFromAuthCode(fake.issueCode(user(98))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(fake.rejections.slice(before)).toEqual(['InvalidApiKey']);
  });

  it('fails upstream when our clock is far from the gateway’s', async () => {
    const before = fake.rejections.length;
    const ahead = new TestClock(clock.now().getTime() + 10 * 60 * 1000);
    const zzd = createZzdAuth({ appKey: APP_KEY, appSecret: APP_SECRET, apiBase }, { clock: ahead })!;
    const error = await failure(zzd.userFromAuthCode(fake.issueCode(user(99))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(fake.rejections.slice(before)).toEqual(['InvalidTimestamp']);
  });

  it('limits sign-in to the configured tenant', async () => {
    await expect(client({ tenantId: '196729' }).userFromAuthCode(fake.issueCode(user(100)))).resolves.toMatchObject({
      accountId: '100',
    });
    const error = await failure(
      client({ tenantId: '196729' }).userFromAuthCode(fake.issueCode(user(101, { realmId: 5 }))),
    );
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});

describe('the access token', () => {
  it('is fetched once for many sign-ins', async () => {
    const zzd = client();
    const counts = countsFrom();
    for (const id of [200, 201, 202]) await zzd.userFromAuthCode(fake.issueCode(user(id)));
    expect(counts()).toEqual({ gettoken: 1, appUser: 3 });
  });

  it('is fetched once when 20 sign-ins arrive at once', async () => {
    const zzd = client();
    const counts = countsFrom();
    const ids = Array.from({ length: 20 }, (_, i) => 300 + i);
    const identities = await Promise.all(ids.map((id) => zzd.userFromAuthCode(fake.issueCode(user(id)))));
    expect(identities.map((i) => i.accountId)).toEqual(ids.map(String));
    expect(counts()).toEqual({ gettoken: 1, appUser: 20 });
  });

  it('is kept for its lifetime and fetched again once it nears expiry', async () => {
    const zzd = client();
    const counts = countsFrom();
    await zzd.userFromAuthCode(fake.issueCode(user(400)));
    clock.advance(1 * HOUR);
    await zzd.userFromAuthCode(fake.issueCode(user(401)));
    expect(counts().gettoken).toBe(1);
    // 7200 s minus the five-minute margin: time to renew before the gateway would refuse it.
    clock.advance(1 * HOUR - 4 * 60 * 1000);
    await zzd.userFromAuthCode(fake.issueCode(user(402)));
    expect(counts()).toEqual({ gettoken: 2, appUser: 3 });
  });

  it('is replaced and the sign-in retried once when the gateway calls it invalid', async () => {
    const zzd = client();
    await zzd.userFromAuthCode(fake.issueCode(user(500)));
    const counts = countsFrom();
    const issuedBefore = fake.tokensIssued.length;
    fake.revokeTokens();
    await expect(zzd.userFromAuthCode(fake.issueCode(user(501)))).resolves.toMatchObject({ accountId: '501' });
    expect(counts()).toEqual({ gettoken: 1, appUser: 2 });
    expect(fake.tokensIssued).toHaveLength(issuedBefore + 1);
  });

  it('is replaced only once when 20 sign-ins find it invalid at once', async () => {
    const zzd = client();
    await zzd.userFromAuthCode(fake.issueCode(user(600)));
    fake.revokeTokens();
    const counts = countsFrom();
    const ids = Array.from({ length: 20 }, (_, i) => 601 + i);
    await Promise.all(ids.map((id) => zzd.userFromAuthCode(fake.issueCode(user(id)))));
    expect(counts()).toEqual({ gettoken: 1, appUser: 40 });
  });

  it('is not thrown away by a slower sign-in that was refused with the old one', async () => {
    const zzd = client();
    await zzd.userFromAuthCode(fake.issueCode(user(650)));
    fake.revokeTokens();
    const counts = countsFrom();
    // B's look-up with the revoked token is held back until A has refreshed the token and finished.
    const held = fake.holdNextLookUp();
    const slow = zzd.userFromAuthCode(fake.issueCode(user(651)));
    await held.arrived;
    await expect(zzd.userFromAuthCode(fake.issueCode(user(652)))).resolves.toMatchObject({ accountId: '652' });
    held.release();
    await expect(slow).resolves.toMatchObject({ accountId: '651' });
    // B's refusal concerned the old token only: the fresh one A fetched is kept and reused.
    expect(counts()).toEqual({ gettoken: 1, appUser: 4 });
  });

  it('is not retried a second time when the gateway keeps refusing it', async () => {
    const zzd = client();
    const counts = countsFrom();
    fake.failNext('token-invalid', 2);
    const error = await failure(zzd.userFromAuthCode(fake.issueCode(user(700))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(counts()).toEqual({ gettoken: 2, appUser: 2 });
  });

  it('is not kept when fetching it fails', async () => {
    const zzd = client();
    const counts = countsFrom();
    fake.failNext('busy');
    const error = await failure(zzd.userFromAuthCode(fake.issueCode(user(800))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    await expect(zzd.userFromAuthCode(fake.issueCode(user(801)))).resolves.toMatchObject({ accountId: '801' });
    expect(counts()).toEqual({ gettoken: 2, appUser: 1 });
  });
});

describe('a gateway in trouble', () => {
  it.each<ZzdFailure>(['busy', 'http-500', 'not-json', 'no-account'])(
    'reports "%s" on the user look-up as an upstream failure',
    async (mode) => {
      const zzd = client();
      await zzd.userFromAuthCode(fake.issueCode(user(900))); // token cached: the failure hits the look-up
      fake.failNext(mode);
      const error = await failure(zzd.userFromAuthCode(fake.issueCode(user(901))));
      expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    },
  );

  it('gives up on a gateway that does not answer, and recovers afterwards', async () => {
    // Long enough for a loopback answer on a busy machine, short enough not to slow the suite.
    const zzd = client({}, { timeoutMs: 250 });
    fake.failNext('hang'); // the gettoken request hangs
    const error = await failure(zzd.userFromAuthCode(fake.issueCode(user(1000))));
    expect(error).toMatchObject({ code: 'AUTH_UPSTREAM_FAILED', status: 503 });
    expect(String(error.cause)).toContain('timeout');
    await expect(zzd.userFromAuthCode(fake.issueCode(user(1001)))).resolves.toMatchObject({ accountId: '1001' });
  });

  it('never puts the secret, the token or the code into an error', async () => {
    const wrongSecret = 'wrong-secret-Zq81';
    const errors: DomainError[] = [];
    const codes: string[] = [];
    const attempt = async (zzd: ZzdAuth, code: string) => {
      codes.push(code);
      errors.push(await failure(zzd.userFromAuthCode(code)));
    };
    const zzd = client();
    const hasty = client({}, { timeoutMs: 50 });

    await attempt(zzd, 'never-issued-code-5150');
    const used = fake.issueCode(user(1100));
    await zzd.userFromAuthCode(used);
    await attempt(zzd, used);
    await attempt(client({ appSecret: wrongSecret }), fake.issueCode(user(1101)));
    for (const mode of ['busy', 'not-json', 'http-500'] as const) {
      fake.failNext(mode);
      await attempt(zzd, fake.issueCode(user(1102)));
    }
    fake.failNext('hang');
    await attempt(hasty, fake.issueCode(user(1102)));
    fake.failNext('token-invalid', 2);
    await attempt(zzd, fake.issueCode(user(1103)));

    expect(errors).toHaveLength(8);
    const secrets = [APP_SECRET, wrongSecret, ...fake.tokensIssued, ...codes];
    for (const error of errors) {
      const text = [error.message, error.stack, String(error.cause), JSON.stringify(error)].join('\n');
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});

describe('the fake itself', () => {
  // The client tests only prove something if the fake refuses what the gateway would refuse.
  it('refuses a replayed request (same nonce), even though its signature is valid', async () => {
    await client().userFromAuthCode(fake.issueCode(user(1200)));
    // The latest one: its timestamp is still within the gateway's window, so only the nonce can fail it.
    const original = fake.received.filter((r) => r.url.startsWith('/gettoken.json')).at(-1)!;
    const before = fake.rejections.length;
    const headers = Object.fromEntries(
      Object.entries(original.headers).filter(([name]) => name.startsWith('x-hmac-auth-') || name === 'apikey'),
    );
    const answer = await (await fetch(`${apiBase}${original.url}`, { headers })).json();
    expect(answer).toMatchObject({ success: false });
    expect(fake.rejections.slice(before)).toEqual(['NonceUsed']);
  });

  it('refuses a request whose parameters were changed after signing', async () => {
    await client().userFromAuthCode(fake.issueCode(user(1201)));
    const original = fake.received.filter((r) => r.url.startsWith('/gettoken.json')).at(-1)!;
    const before = fake.rejections.length;
    const headers = Object.fromEntries(
      Object.entries(original.headers).filter(([name]) => name.startsWith('x-hmac-auth-') || name === 'apikey'),
    );
    const tampered = original.url.replace(`appkey=${APP_KEY}`, `appkey=${APP_KEY}x`);
    expect(tampered).not.toBe(original.url);
    await fetch(`${apiBase}${tampered}`, { headers });
    expect(fake.rejections.slice(before)).toEqual(['SignatureDoesNotMatch']);
  });
});
