import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { lazyRequestLogger } from '../src/plugins/request-logger';
import { createTestApp, type TestApp } from './support/test-app';

// Requests' loggers make pino's child only for a line that is written (plugins/request-logger.ts).
// The app here logs at `warn`, as production does.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'warn' }, seed: false });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  jest.restoreAllMocks();
});

const lines = () =>
  t
    .logs()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('request loggers', () => {
  it('make no pino child for requests that write nothing at the level', async () => {
    const child = jest.spyOn(t.app.log, 'child');
    const refused = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(refused.statusCode).toBe(401); // logged at info: below the level
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(child).not.toHaveBeenCalled();
  });

  it('write a line at or above the level with the request id bound, and drop one below', () => {
    const child = jest.spyOn(t.app.log, 'child');
    const log = lazyRequestLogger(t.app.log, { reqId: 'lazy-req-1' }, {});
    expect(log.level).toBe('warn');
    log.info('below the level');
    expect(child).not.toHaveBeenCalled();
    log.warn({ orderId: 'o-1' }, 'at the level');
    log.error('above the level');
    expect(child).toHaveBeenCalledTimes(1);

    const mine = lines().filter((line) => line.reqId === 'lazy-req-1');
    expect(mine.map((line) => [line.msg, line.orderId])).toEqual([
      ['at the level', 'o-1'],
      ['above the level', undefined],
    ]);
    expect(t.logs()).not.toContain('below the level');
  });

  it('hands a route with its own level or serializers pino\u2019s child at once', () => {
    const child = jest.spyOn(t.app.log, 'child');
    lazyRequestLogger(t.app.log, { reqId: 'lazy-req-2' }, { level: 'debug' });
    lazyRequestLogger(t.app.log, { reqId: 'lazy-req-3' }, { serializers: {} });
    expect(child).toHaveBeenCalledTimes(2);
  });

  it('keeps the bindings in its own children and follows a level set on it', () => {
    const log = lazyRequestLogger(t.app.log, { reqId: 'lazy-req-4' }, {});
    log.level = 'info';
    log.info('now at the level');
    log.child({ step: 'pay' }).warn('from a grandchild');
    const mine = lines().filter((line) => line.reqId === 'lazy-req-4');
    expect(mine.map((line) => [line.msg, line.step])).toEqual([
      ['now at the level', undefined],
      ['from a grandchild', 'pay'],
    ]);
  });

  it('leave an app built without logging answering requests that log', async () => {
    const config = loadConfig({ AUTH_PROVIDERS: 'dev', H5_DIR: '/nonexistent' });
    const quiet = await buildApp({ config, db: t.db, clock: t.clock, logger: false });
    try {
      // Fastify logs every request at info, and the refusal is logged by the error handler.
      const refused = await quiet.inject({ method: 'GET', url: '/api/me' });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('UNAUTHENTICATED');
    } finally {
      await quiet.close();
    }
  });
});
