import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { systemClock, type Clock } from './lib/time';
import { newId } from './lib/ids';
import { createWechatAuth, type WechatAuth } from './integrations/wechat/wechat-auth';
import { createZzdAuth, type ZzdAuth } from './integrations/zzd/zzd-auth';
import { createZzdWorkNotice } from './integrations/zzd/zzd-work-notice';
import { createWechatSubscribe } from './integrations/wechat/wechat-subscribe';
import { lazyRequestLogger, redactUrl } from './plugins/request-logger';
import { answerFrameworkErrors, registerEdge, securityHeaders } from './plugins/edge';
import { registerErrorHandler } from './plugins/error-handler';
import { registerOpenApi } from './plugins/openapi';
import { registerH5 } from './plugins/h5-static';
import { createOutboxWorker } from './outbox/outbox.worker';
import { createLocalEventBus, type EventBus } from './events/event-bus';
import { createPgEventBus } from './events/pg-event-bus';
import type { Storage } from './modules/uploads';
import { servicesInProgress, type ModuleContext, type PushChannels } from './modules/module';
import { MODULES } from './modules/registry';
import { seedDemoIfEmpty } from './db/seed';

export interface AppOptions {
  config: Config;
  db: DatabaseHandle;
  clock?: Clock;
  /** Replace the remote sign-in clients (tests); by default they are built from config. */
  integrations?: { wechat?: WechatAuth; zzd?: ZzdAuth; push?: PushChannels };
  /** false silences logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them back). */
  logStream?: NodeJS.WritableStream;
  /** Where uploads are kept; by default a local directory (config.uploadsDir). */
  storage?: Storage;
  /** Replace the event bus (tests); by default LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
  bus?: EventBus;
}

import type { Services } from './modules/module';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /**
     * Seeds the demo campus and people when absent, then every module's demo data (idempotent);
     * answers whether the campus was new.
     */
    seedDemo(): Promise<boolean>;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db: database } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            // Tokens, codes and secrets never reach the log: headers are not logged, these are redacted anyway.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'body.code', 'body.authCode', 'body.token'],
            // The live board accepts `?token=` (WebSocket clients cannot set headers): keep it out of logged URLs.
            // Otherwise Fastify's default fields; an injected WebSocket upgrade has no socket to read the address from.
            serializers: {
              req: (req) => ({
                method: req.method,
                url: redactUrl(req.url),
                host: req.socket ? req.host : req.headers.host,
                remoteAddress: req.socket ? req.ip : undefined,
                remotePort: req.socket?.remotePort,
              }),
            },
          },
    childLoggerFactory: lazyRequestLogger,
    frameworkErrors: answerFrameworkErrors({ frameAncestors: config.frameAncestors }),
    bodyLimit: 256 * 1024,
    // Forwarded headers only from the configured proxies (TRUST_PROXY): from anyone else they are
    // the client's own words, and the sign-in rate limit and the logged address would believe them.
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    // No type coercion: a JSON body is typed exactly (`"1e3"`, `true`, `[5]` or `null` are not
    // numbers). Path and query values are read from text by the edge (plugins/edge.ts), explicitly.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerErrorHandler(app);
  registerEdge(app, { frameAncestors: config.frameAncestors });
  for (const warning of config.startupWarnings) app.log.warn(warning);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);

  const ownBus = !options.bus;
  const events =
    options.bus ??
    (database.dialect === 'postgres' && database.url
      ? await createPgEventBus({
          connectionString: database.url,
          notify: async (channel, payload) => {
            await sql`select pg_notify(${channel}, ${payload})`.execute(database.db);
          },
          log: app.log,
        })
      : createLocalEventBus({ onError: (error) => app.log.error({ err: error }, 'event handler failed') }));

  const composed = servicesInProgress();
  const ctx: ModuleContext = {
    config,
    database,
    db: database.db,
    clock,
    log: app.log,
    events,
    integrations: {
      wechat: options.integrations?.wechat ?? createWechatAuth(config.wechat),
      zzd: options.integrations?.zzd ?? createZzdAuth(config.zzd, { clock }),
      storage: options.storage,
      push: options.integrations?.push ?? {
        wechat: createWechatSubscribe({ ...config.wechat, ...config.wechatSubscribe }, { clock }),
        zzd: createZzdWorkNotice(config.zzd, { clock }),
      },
    },
    services: composed.services,
  };
  composed.add({ events });
  for (const module of MODULES) composed.add(await module.create(ctx));
  const handlers = Object.assign({}, ...MODULES.map((m) => m.outboxHandlers?.(ctx) ?? {}));
  const outbox = createOutboxWorker({ db: database.db, clock, log: app.log, handlers });
  composed.add({ outbox });
  app.decorate('services', composed.all);
  app.decorate('seedDemo', () => seedDemoIfEmpty(ctx, MODULES));

  for (const module of MODULES) await module.routes?.(app, ctx);
  await registerH5(
    app,
    config.h5Dir,
    (scriptHashes) =>
      securityHeaders({ frameAncestors: config.frameAncestors, scriptHashes })['content-security-policy'],
  );

  app.addHook('onClose', async () => {
    await outbox.stop();
    for (const module of [...MODULES].reverse()) await module.close?.(ctx);
    if (ownBus) await events.close();
  });
  return app;
}
