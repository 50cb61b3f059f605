import type { FastifyInstance } from 'fastify';
import { Writable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type AppOptions } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Session } from '@contract/auth.schema';
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
  options: {
    config?: Partial<Config>;
    env?: Record<string, string>;
    integrations?: AppOptions['integrations'];
    seed?: boolean;
    /** Replace the event bus (e.g. one local bus shared by two instances on SQLite). */
    bus?: AppOptions['bus'];
    /** A second instance of the BFF on this app's database and clock (not seeded, not dropped). */
    sharing?: TestApp;
    /** On SQLite even in the PostgreSQL run (what exists on SQLite only). */
    sqlite?: boolean;
  } = {},
): Promise<TestApp> {
  const shared = options.sharing;
  const db = shared ? shared.db : await createTestDb({ sqlite: options.sqlite });
  const clock = shared ? shared.clock : createTestClock();
  // Uploads (and the seed's dish photos) go to a temp dir of this app, removed on close.
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shzq-uploads-'));
  const config: Config = {
    ...loadConfig({
      AUTH_PROVIDERS: 'dev,wechat,zzd',
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      VISIT_APPLICATIONS_PER_HOUR: '1000',
      H5_DIR: '/nonexistent',
      UPLOADS_DIR: uploadsDir,
      ...options.env,
    }),
    ...options.config,
  };
  let logText = '';
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logText += chunk.toString();
      done();
    },
  });
  const app = await buildApp({ config, db, clock, integrations: options.integrations, logStream, bus: options.bus });
  if (options.seed !== false && !shared) {
    await app.seedDemo();
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
      if (!shared) await db.drop();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
