import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from './support/test-app';
import { dialectUnderTest } from './support/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('health and documentation', () => {
  it('reports the database it runs on', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: { dialect: dialectUnderTest(), ok: true } });
  });

  it('serves an OpenAPI document that lists the routes, and a docs page', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/dev', '/api/me', '/api/messages', '/api/messages/{id}/read']),
    );
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('bad requests get their own code, never a 5xx', () => {
  const cases: [string, InjectOptions, number, string][] = [
    ['unknown route', { method: 'GET', url: '/api/nope' }, 404, 'NOT_FOUND'],
    [
      'malformed JSON',
      { method: 'POST', url: '/api/auth/dev', headers: { 'content-type': 'application/json' }, payload: '{"userId":' },
      400,
      'MALFORMED_JSON',
    ],
    [
      'empty JSON body',
      { method: 'POST', url: '/api/auth/dev', headers: { 'content-type': 'application/json' }, payload: '' },
      400,
      'MALFORMED_JSON',
    ],
    [
      'schema violation',
      { method: 'POST', url: '/api/auth/dev', payload: { userId: { id: 'demo-staff-01' } } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'unexpected field',
      { method: 'POST', url: '/api/auth/dev', payload: { userId: 'x', admin: true } },
      400,
      'VALIDATION_FAILED',
    ],
    [
      'oversized body',
      { method: 'POST', url: '/api/auth/dev', payload: { userId: 'x'.repeat(300 * 1024) } },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'unsupported media type',
      { method: 'POST', url: '/api/auth/dev', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['missing token', { method: 'GET', url: '/api/me' }, 401, 'UNAUTHENTICATED'],
    [
      'garbage token',
      { method: 'GET', url: '/api/me', headers: { authorization: 'Bearer not-a-token' } },
      401,
      'UNAUTHENTICATED',
    ],
    [
      'wrong scheme',
      { method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } },
      401,
      'UNAUTHENTICATED',
    ],
  ];
  it.each(cases)('%s', async (_name, request, status, code) => {
    const res = await t.app.inject(request);
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a DELETE labelled JSON with no body is accepted (WeChat labels every request JSON)', async () => {
    const { token } = await t.signIn('demo-staff-01');
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/api/canteens/canteen-1/menu/2026-11-20/dishes/no-such-dish/vote',
      headers: { ...t.auth(token), 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.json().error.code).not.toBe('MALFORMED_JSON');
    expect(res.statusCode).toBeLessThan(500);
  });

  it('a failure inside a route answers INTERNAL without leaking the cause', async () => {
    const broken = await createTestApp();
    const { token } = await broken.signIn('demo-staff-01');
    await broken.db.db.schema.dropTable('messages').execute();
    const res = await broken.app.inject({ method: 'GET', url: '/api/messages', headers: broken.auth(token) });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
    expect(res.body).not.toMatch(/messages|sql|table/i);
    await broken.close();
  });
});
