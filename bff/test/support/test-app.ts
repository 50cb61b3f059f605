import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import { buildApp, type AppOptions } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { seedDemoIfEmpty } from '../../src/db/seed';
import type { Session } from '../../../contract/auth.schema';
import { createTestDb } from './test-db';
import { createTestClock, type TestClock } from './test-clock';

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  db: Awaited<ReturnType<typeof createTestDb>>;
  /** Every log line the app wrote, parsed. */
  logs: () => string;
  signIn(userId: string): Promise<Session>;
  auth(token: string): { authorization: string };
  close(): Promise<void>;
}

export async function createTestApp(
  options: { config?: Partial<Config>; env?: Record<string, string>; integrations?: AppOptions['integrations']; seed?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDb();
  const clock = createTestClock();
  const config: Config = {
    ...loadConfig({ AUTH_PROVIDERS: 'dev,wechat,zzd', AUTH_RATE_LIMIT_PER_MINUTE: '1000', H5_DIR: '/nonexistent', ...options.env }),
    ...options.config,
  };
  let logText = '';
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const app = await buildApp({ config, db, clock, integrations: options.integrations, logStream });
  if (options.seed !== false) {
    await seedDemoIfEmpty(db.db, clock, app.services.messages);
    await app.services.outbox.drain();
  }
  await app.ready();
  return {
    app,
    clock,
    db,
    logs: () => logText,
    async signIn(userId: string) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/dev', payload: { userId } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      return res.json() as Session;
    },
    auth: (token: string) => ({ authorization: `Bearer ${token}` }),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
