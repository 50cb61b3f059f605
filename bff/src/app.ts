import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { Db } from './db/database';
import { systemClock, type Clock } from './lib/time';
import { newId } from './lib/ids';
import { createWechatAuth, type WechatAuth } from './integrations/wechat/wechat-auth';
import { createZzdAuth, type ZzdAuth } from './integrations/zzd/zzd-auth';
import { registerErrorHandler } from './plugins/error-handler';
import { registerOpenApi } from './plugins/openapi';
import { registerH5 } from './plugins/h5-static';
import { createAuthService, type AuthService } from './modules/auth/auth.service';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { createMessagesService, MESSAGE_TOPIC, type MessagesService } from './modules/messages/messages.service';
import { registerMessageRoutes } from './modules/messages/messages.routes';
import { registerHealthRoutes } from './modules/health/health.routes';
import { createOutboxWorker, type OutboxWorker } from './outbox/outbox.worker';

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  /** Replace the remote sign-in clients (tests); by default they are built from config. */
  integrations?: { wechat?: WechatAuth; zzd?: ZzdAuth };
  /** false silences logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them back). */
  logStream?: NodeJS.WritableStream;
}

export interface Services {
  auth: AuthService;
  messages: MessagesService;
  outbox: OutboxWorker;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
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
          },
    bodyLimit: 256 * 1024,
    trustProxy: true,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerErrorHandler(app);
  await app.register(rateLimit, { global: false });
  await registerOpenApi(app);

  const wechat = options.integrations?.wechat ?? createWechatAuth(config.wechat);
  const zzd = options.integrations?.zzd ?? createZzdAuth(config.zzd, { clock });
  const auth = createAuthService({
    db: database.db,
    clock,
    providers: config.authProviders,
    sessionTtlHours: config.sessionTtlHours,
    sessionCacheMs: config.sessionCacheMs,
    wechat,
    zzd,
  });
  const messages = createMessagesService({ db: database.db, clock });
  const outbox = createOutboxWorker({
    db: database.db,
    clock,
    log: app.log,
    handlers: { [MESSAGE_TOPIC]: messages.deliver },
  });
  app.decorate('services', { auth, messages, outbox });

  registerHealthRoutes(app, database);
  registerAuthRoutes(app, { auth, rateLimitPerMinute: config.authRateLimitPerMinute });
  registerMessageRoutes(app, { auth, messages });
  await registerH5(app, config.h5Dir);

  app.addHook('onClose', async () => {
    await outbox.stop();
  });
  return app;
}
