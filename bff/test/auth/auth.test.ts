import { createTestApp, type TestApp } from '../support/test-app';
import { DomainError } from '../../src/errors';
import { sha256Hex } from '../../src/lib/ids';
import type { WechatAuth } from '../../src/integrations/wechat/wechat-auth';
import type { ZzdAuth } from '../../src/integrations/zzd/zzd-auth';

/** In-process stand-ins for the remote services; their real clients are tested against fakes in integrations/. */
const wechat: WechatAuth = {
  async codeToSession(code) {
    if (code.startsWith('bad')) throw new DomainError('AUTH_CODE_INVALID', 401);
    return { openId: `openid-${code.replace(/-\d+$/, '')}` };
  },
};
const zzd: ZzdAuth = {
  async userFromAuthCode(authCode) {
    if (authCode.startsWith('bad')) throw new DomainError('AUTH_CODE_INVALID', 401);
    return { accountId: `acc-${authCode}`, name: '浙政钉用户', tenantName: '市财政局' };
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ integrations: { wechat, zzd } });
});
afterAll(async () => {
  await t.close();
});

describe('demo sign-in', () => {
  it('lists about twenty demo people covering every role', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/dev/users' });
    expect(res.statusCode).toBe(200);
    const users = res.json().users as { roles: string[] }[];
    expect(users.length).toBeGreaterThanOrEqual(18);
    const roles = new Set(users.flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual(['admin', 'canteen', 'dispatcher', 'guard', 'repairer', 'staff', 'visitor']);
  });

  it('signs in, answers /api/me, and logout revokes the token', async () => {
    const session = await t.signIn('demo-canteen-01');
    expect(session.token.length).toBeGreaterThanOrEqual(40);
    expect(session.expiresAt).toMatch(/\+08:00$/);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) });
    expect(me.json()).toEqual({ id: 'demo-canteen-01', name: '林师傅', unit: '第一食堂', roles: ['canteen'] });

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: t.auth(session.token) });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('stores only a hash of the token', async () => {
    const session = await t.signIn('demo-staff-02');
    const rows = await t.db.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.token_hash === session.token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('an expired token answers TOKEN_EXPIRED', async () => {
    const session = await t.signIn('demo-staff-03');
    t.clock.advance(73 * 3600_000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) });
    t.clock.advance(-73 * 3600_000);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_EXPIRED');
  });

  it('a logout on another instance is seen within the session cache time', async () => {
    const session = await t.signIn('demo-staff-06');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) })).statusCode).toBe(
      200,
    );
    // Another instance revokes the session in the shared database.
    await t.db.db
      .updateTable('sessions')
      .set({ revoked_at: '2026-11-21T02:00:00.000Z' })
      .where('person_id', '=', 'demo-staff-06')
      .execute();
    t.clock.advance(5_000);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('purges sessions a day after they expire, and keeps live ones', async () => {
    await t.signIn('demo-staff-08');
    const later = 73 * 3600_000 + 24 * 3600_000;
    t.clock.advance(later);
    const fresh = await t.signIn('demo-staff-08');
    const purged = await t.app.services.auth.purgeExpiredSessions();
    const rows = await t.db.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('person_id', '=', 'demo-staff-08')
      .execute();
    t.clock.advance(-later);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(rows.map((r) => r.token_hash)).toEqual([sha256Hex(fresh.token)]);
  });

  it('refuses an unknown or non-demo user', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { userId: 'nobody' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('USER_NOT_FOUND');
  });

  it('a disabled person cannot sign in', async () => {
    await t.db.db.updateTable('people').set({ disabled: 1 }).where('id', '=', 'demo-staff-07').execute();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/dev', payload: { userId: 'demo-staff-07' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('USER_DISABLED');
  });
});

describe('providers', () => {
  it('demo sign-in is refused when AUTH_PROVIDERS leaves it out', async () => {
    const prod = await createTestApp({ env: { AUTH_PROVIDERS: 'wechat,zzd' } });
    const list = await prod.app.inject({ method: 'GET', url: '/api/auth/dev/users' });
    expect(list.statusCode).toBe(403);
    expect(list.json().error.code).toBe('AUTH_PROVIDER_DISABLED');
    const signIn = await prod.app.inject({
      method: 'POST',
      url: '/api/auth/dev',
      payload: { userId: 'demo-staff-01' },
    });
    expect(signIn.json().error.code).toBe('AUTH_PROVIDER_DISABLED');
    await prod.close();
  });

  it('WeChat sign-in without configured credentials is refused as disabled', async () => {
    const bare = await createTestApp({ seed: false });
    const res = await bare.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'abc' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('AUTH_PROVIDER_DISABLED');
    await bare.close();
  });

  it('a first WeChat sign-in makes a visitor; the next one finds the same person', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'alice' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().user.roles).toEqual(['visitor']);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'alice' } });
    expect(again.json().user.id).toBe(first.json().user.id);
  });

  it('an invalid code is refused with AUTH_CODE_INVALID and creates nobody', async () => {
    const before = await t.db.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'bad-code' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_CODE_INVALID');
    const after = await t.db.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('20 first sign-ins with one openid at once make exactly one person', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: `storm-${i}` } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const ids = new Set(results.map((r) => r.json().user.id));
    expect(ids.size).toBe(1);
    const links = await t.db.db.selectFrom('identities').selectAll().where('subject', '=', 'openid-storm').execute();
    expect(links).toHaveLength(1);
    const people = await t.db.db.selectFrom('people').select('id').where('name', '=', '微信用户').execute();
    const linked = await t.db.db
      .selectFrom('identities')
      .select('person_id')
      .where('provider', '=', 'wechat')
      .execute();
    // No orphan people left behind by the losers of the race.
    expect(people.map((p) => p.id).sort()).toEqual(linked.map((l) => l.person_id).sort());
  });

  it('one person links both a 浙政钉 and a WeChat identity', async () => {
    const zzdSession = await t.app.inject({ method: 'POST', url: '/api/auth/zzd', payload: { authCode: 'z1' } });
    expect(zzdSession.statusCode).toBe(200);
    const person = zzdSession.json().user;
    expect(person).toMatchObject({ name: '浙政钉用户', unit: '市财政局', roles: ['staff'] });

    const linked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      headers: t.auth(zzdSession.json().token),
      payload: { code: 'bob' },
    });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().user.id).toBe(person.id);
    // Signing in by WeChat alone now reaches the same person.
    const viaWechat = await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'bob' } });
    expect(viaWechat.json().user.id).toBe(person.id);
  });

  it('an identity already linked to someone else cannot be taken over', async () => {
    const other = await t.signIn('demo-staff-04');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/wechat',
      headers: t.auth(other.token),
      payload: { code: 'alice' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IDENTITY_LINKED_ELSEWHERE');
  });
});

describe('rate limiting and logs', () => {
  it('sign-in is rate limited per client address', async () => {
    const limited = await createTestApp({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '5' } });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/dev',
        payload: { userId: 'demo-staff-01' },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('RATE_LIMITED');
    }
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Reading /api/me is not limited.
    await limited.close();
  });

  it('never logs a token or a sign-in code', async () => {
    const session = await t.signIn('demo-staff-05');
    await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth(session.token) });
    await t.app.inject({ method: 'POST', url: '/api/auth/wechat', payload: { code: 'secret-code-xyz' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/zzd', payload: { authCode: 'bad-zzd-code-xyz' } });
    const logs = t.logs();
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('/api/me');
    expect(logs).not.toContain(session.token);
    expect(logs).not.toContain('secret-code-xyz');
    expect(logs).not.toContain('bad-zzd-code-xyz');
  });
});
