import { loadConfig } from '../../src/config';
import { redactUrl } from '../../src/plugins/request-logger';
import { createTestApp, type TestApp } from '../support/test-app';
import { expectError } from '../support/caller';

// Issue 14, defects 5–7: forwarded addresses, tokens in logs, sessions and the demo sign-in.

jest.setTimeout(60_000);

const signIn = (t: TestApp, forwardedFor?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/dev',
    payload: { userId: 'demo-staff-01' },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

describe('TRUST_PROXY', () => {
  it('is off by default: invented X-Forwarded-For addresses do not escape the sign-in limit, nor reach the log', async () => {
    const t = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push((await signIn(t, `203.0.113.${i + 1}`)).statusCode);
      expect(answers).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expect(t.logs()).not.toContain('203.0.113.');
      expect(t.logs()).toContain('"remoteAddress":"127.0.0.1"');
    } finally {
      await t.close();
    }
  });

  it('trusts forwarded headers from the configured proxy addresses only', async () => {
    // inject() comes from 127.0.0.1: here it is the proxy, so each forwarded client has its own limit.
    const t = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '127.0.0.1' } });
    try {
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push((await signIn(t, `203.0.113.${i + 1}`)).statusCode);
      expect(answers).toEqual(Array(8).fill(200));
      expect(t.logs()).toContain('"remoteAddress":"203.0.113.8"');
    } finally {
      await t.close();
    }
    const elsewhere = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: '10.0.0.0/8' } });
    try {
      const answers = [];
      for (let i = 0; i < 7; i++) answers.push((await signIn(elsewhere, `203.0.113.${i + 1}`)).statusCode);
      expect(answers.slice(5)).toEqual([429, 429]);
    } finally {
      await elsewhere.close();
    }
  });

  it('accepts addresses, CIDR ranges and proxy-addr keywords; never "trust everyone"', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      '::1',
    ]);
    for (const bad of ['true', '*', 'proxy.example.com', '10.0.0.0/33', '1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow('TRUST_PROXY');
    }
  });
});

describe('tokens never reach the log', () => {
  it('redacts secret query parameters by their parsed name', () => {
    expect(redactUrl('/api/x?token=abc')).toBe('/api/x?token=[redacted]');
    expect(redactUrl('/api/x?%74oken=abc&date=2026-12-07')).toBe('/api/x?%74oken=[redacted]&date=2026-12-07');
    expect(redactUrl('/api/x?a=1&TOKEN=abc')).toBe('/api/x?a=1&TOKEN=[redacted]');
    expect(redactUrl('/api/x?%54%4F%4B%45%4E=abc')).toBe('/api/x?%54%4F%4B%45%4E=[redacted]');
    expect(redactUrl('/api/x?tok%65n=abc#f')).toBe('/api/x?tok%65n=[redacted]');
    expect(redactUrl('/api/x?%zz=1&token')).toBe('/api/x?%zz=1&token=[redacted]');
    expect(redactUrl('/api/x?tokens=1')).toBe('/api/x?tokens=1');
  });

  it('a board token under a percent-encoded key stays out of the request log', async () => {
    const t = await createTestApp({ seed: false });
    try {
      for (const key of ['token', '%74oken', '%74%6F%6B%65%6E', 'Token']) {
        await t.app.inject({ method: 'GET', url: `/api/canteens/canteen-1/board/ws?${key}=SECRET-${key.length}` });
      }
      expect(t.logs()).toContain('board/ws');
      expect(t.logs()).not.toContain('SECRET-');
    } finally {
      await t.close();
    }
  });
});

describe('sessions outlive neither their provider nor loopback-only demo sign-in', () => {
  it('a demo session is refused once dev is no longer an enabled provider', async () => {
    const t = await createTestApp();
    try {
      const { token } = await t.signIn('demo-admin-01');
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(token) })).statusCode).toBe(200);
      const restarted = await createTestApp({ sharing: t, config: { authProviders: ['wechat', 'zzd'] } });
      try {
        const res = await restarted.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(token) });
        expectError(res, 401, 'UNAUTHENTICATED');
      } finally {
        await restarted.close();
      }
    } finally {
      await t.close();
    }
  });

  it('dev is off when the server listens beyond loopback, unless forced, and the start says so', () => {
    expect(loadConfig({}).authProviders).toEqual(['dev', 'wechat', 'zzd']);
    expect(loadConfig({ HOST: '127.0.0.1' }).startupWarnings).toEqual([]);
    expect(loadConfig({ HOST: '::1' }).authProviders).toContain('dev');
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.internal']) {
      const config = loadConfig({ HOST: host, AUTH_PROVIDERS: 'dev,wechat' });
      expect(config.authProviders).toEqual(['wechat']);
      expect(config.startupWarnings.join('\n')).toContain('demo sign-in (dev) is OFF');
    }
    const forced = loadConfig({ HOST: '0.0.0.0', AUTH_DEV_BEYOND_LOOPBACK: 'true' });
    expect(forced.authProviders).toContain('dev');
    expect(forced.startupWarnings.join('\n')).toContain('DEMO SIGN-IN (dev) IS OPEN TO THE NETWORK');
    expect(() => loadConfig({ AUTH_DEV_BEYOND_LOOPBACK: 'yes' })).toThrow('AUTH_DEV_BEYOND_LOOPBACK');
  });

  it('an app listening on 0.0.0.0 refuses demo sign-in and logs why at start', async () => {
    const t = await createTestApp({ env: { HOST: '0.0.0.0' }, seed: false });
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { userId: 'demo-admin-01' } });
      expectError(res, 403, 'AUTH_PROVIDER_DISABLED');
      const warning = t
        .logs()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .find((line) => line.msg.includes('demo sign-in (dev) is OFF'));
      expect(warning?.level).toBe(40);
    } finally {
      await t.close();
    }
  });
});
