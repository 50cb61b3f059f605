import { expireSession, openSession, setAuthProviders } from '../state';

const API = 'http://localhost/api';

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${API}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe('mock API behaves like the BFF', () => {
  it('answers 401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    expect(await call('GET', '/me')).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });
    expect((await call('GET', '/messages', { token: 'nope' })).status).toBe(401);
  });

  it('answers TOKEN_EXPIRED once a session has run out', async () => {
    const { token } = openSession('demo-staff');
    expireSession(token);
    expect((await call('GET', '/me', { token })).body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('signs a demo user in and out', async () => {
    const users = (await call('GET', '/auth/dev/users')).body.users as { id: string; roles: string[] }[];
    expect(users.length).toBeGreaterThanOrEqual(7);
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(
      new Set(['staff', 'visitor', 'repairer', 'dispatcher', 'canteen', 'guard', 'admin']),
    );

    const session = (await call('POST', '/auth/dev', { body: { userId: 'demo-staff' } })).body;
    expect(session).toMatchObject({
      token: expect.any(String),
      expiresAt: expect.stringMatching(/\+08:00$/),
      user: { id: 'demo-staff' },
    });
    expect((await call('GET', '/me', { token: session.token })).body.name).toBe('张伟');

    expect((await call('POST', '/auth/logout', { token: session.token, body: {} })).status).toBe(204);
    expect((await call('GET', '/me', { token: session.token })).status).toBe(401);
  });

  it('rejects bodies the schemas reject', async () => {
    expect((await call('POST', '/auth/dev', { raw: '{oops' })).body.error.code).toBe('MALFORMED_JSON');
    expect((await call('POST', '/auth/dev', { body: {} })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', '/auth/dev', { body: { userId: 'demo-staff', admin: true } })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await call('POST', '/auth/dev', { body: { userId: 'nobody' } })).toMatchObject({
      status: 404,
      body: { error: { code: 'USER_NOT_FOUND' } },
    });
  });

  it('answers AUTH_PROVIDER_DISABLED for a switched-off sign-in', async () => {
    setAuthProviders({ dev: false, wechat: false, zzd: false });
    expect(await call('GET', '/auth/dev/users')).toMatchObject({
      status: 403,
      body: { error: { code: 'AUTH_PROVIDER_DISABLED' } },
    });
    expect((await call('POST', '/auth/wechat', { body: { code: 'c' } })).body.error.code).toBe(
      'AUTH_PROVIDER_DISABLED',
    );
    expect((await call('POST', '/auth/zzd', { body: { authCode: 'c' } })).body.error.code).toBe(
      'AUTH_PROVIDER_DISABLED',
    );
  });

  it('keeps one person per WeChat identity and links it to whoever is signed in', async () => {
    const first = (await call('POST', '/auth/wechat', { body: { code: 'openid-a' } })).body;
    const again = (await call('POST', '/auth/wechat', { body: { code: 'openid-a' } })).body;
    expect(again.user.id).toBe(first.user.id);

    const staff = openSession('demo-staff');
    const linked = (await call('POST', '/auth/wechat', { token: staff.token, body: { code: 'openid-b' } })).body;
    expect(linked.user.id).toBe('demo-staff');
    const elsewhere = await call('POST', '/auth/wechat', { token: staff.token, body: { code: 'openid-a' } });
    expect(elsewhere).toMatchObject({ status: 409, body: { error: { code: 'IDENTITY_LINKED_ELSEWHERE' } } });
  });

  it('lists the caller’s messages newest first and marks one read', async () => {
    const { token } = openSession('demo-staff');
    const list = (await call('GET', '/messages', { token })).body;
    expect(list.unread).toBe(2);
    const times = list.items.map((m: { createdAt: string }) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const unread = list.items.find((m: { readAt: string | null }) => m.readAt === null);
    const read = (await call('POST', `/messages/${unread.id}/read`, { token, body: {} })).body;
    expect(read).toMatchObject({ id: unread.id, readAt: expect.stringMatching(/\+08:00$/) });
    // Reading again keeps the first time.
    expect((await call('POST', `/messages/${unread.id}/read`, { token, body: {} })).body.readAt).toBe(read.readAt);
    expect((await call('GET', '/messages', { token })).body.unread).toBe(1);
  });

  it('answers MESSAGE_NOT_FOUND for someone else’s message', async () => {
    const staff = openSession('demo-staff');
    const guard = openSession('demo-guard');
    const [theirs] = (await call('GET', '/messages', { token: staff.token })).body.items;
    expect(await call('POST', `/messages/${theirs.id}/read`, { token: guard.token, body: {} })).toEqual({
      status: 404,
      body: { error: { code: 'MESSAGE_NOT_FOUND', message: '消息不存在' } },
    });
  });
});
