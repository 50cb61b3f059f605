import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { sql } from 'kysely';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { systemClock, type Clock } from './lib/time';
import { newId } from './lib/ids';
import { createWechatAuth, type WechatAuth } from './integrations/wechat/wechat-auth';
import { createZzdAuth, type ZzdAuth } from './integrations/zzd/zzd-auth';
import { lazyRequestLogger } from './plugins/request-logger';
import { registerErrorHandler } from './plugins/error-handler';
import { registerOpenApi } from './plugins/openapi';
import { registerH5 } from './plugins/h5-static';
import { createAuthService, type AuthService } from './modules/auth/auth.service';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { createMessagesService, MESSAGE_TOPIC, type MessagesService } from './modules/messages/messages.service';
import { registerMessageRoutes } from './modules/messages/messages.routes';
import { registerHealthRoutes } from './modules/health/health.routes';
import { createOutboxWorker, type OutboxWorker } from './outbox/outbox.worker';
import { createLocalEventBus, type EventBus } from './events/event-bus';
import { createPgEventBus } from './events/pg-event-bus';
import { createMealCardService, type MealCardService } from './modules/meal-card/meal-card.service';
import { registerMealCardRoutes } from './modules/meal-card/meal-card.routes';
import { createPeopleDirectory } from './modules/auth/people-directory.service';
import { createTakeawayService, type TakeawayService } from './modules/takeaway/takeaway.service';
import { createOrdersService, type OrdersService } from './modules/takeaway/orders.service';
import { orderWriterFor } from './fast-paths/orders/order-writer';
import { createBoardService, type BoardService } from './modules/takeaway/board.service';
import { registerTakeawayRoutes } from './modules/takeaway/takeaway.routes';
import { registerOrderRoutes } from './modules/takeaway/orders.routes';
import { registerBoardRoutes } from './modules/takeaway/board.routes';
import { createLocalStorage, type Storage } from './modules/uploads/storage';
import { createUploadsService, type UploadsService } from './modules/uploads/uploads.service';
import { registerUploadRoutes } from './modules/uploads/uploads.routes';
import { createCanteenService, type CanteenService } from './modules/canteen/canteen.service';
import { createDishesService, type DishesService } from './modules/canteen/dishes.service';
import { createMenuChanges } from './modules/canteen/menu-changes';
import { createMenuService, type MenuService } from './modules/canteen/menu.service';
import { registerCanteenRoutes } from './modules/canteen/canteen.routes';
import { createHeadcountService, type HeadcountService } from './modules/headcount/headcount.service';
import { registerHeadcountRoutes } from './modules/headcount/headcount.routes';

export interface AppOptions {
  config: Config;
  db: DatabaseHandle;
  clock?: Clock;
  /** Replace the remote sign-in clients (tests); by default they are built from config. */
  integrations?: { wechat?: WechatAuth; zzd?: ZzdAuth };
  /** false silences logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them back). */
  logStream?: NodeJS.WritableStream;
  /** Where uploads are kept; by default a local directory (config.uploadsDir). */
  storage?: Storage;
  /** Replace the event bus (tests); by default LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
  bus?: EventBus;
}

export interface Services {
  auth: AuthService;
  messages: MessagesService;
  outbox: OutboxWorker;
  events: EventBus;
  mealCards: MealCardService;
  takeaway: TakeawayService;
  orders: OrdersService;
  board: BoardService;
  storage: Storage;
  uploads: UploadsService;
  canteens: CanteenService;
  dishes: DishesService;
  menu: MenuService;
  headcount: HeadcountService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * WeChat's request API labels every request `application/json`, even a DELETE without a body,
 * which Fastify refuses as empty JSON. A DELETE may carry no body; every other method still must.
 */
function acceptEmptyJsonOnDelete(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && request.method === 'DELETE') return done(null, undefined);
    return parseJson(request, body as string, done);
  });
}

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
                url: req.url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]'),
                host: req.socket ? req.host : req.headers.host,
                remoteAddress: req.socket ? req.ip : undefined,
                remotePort: req.socket?.remotePort,
              }),
            },
          },
    childLoggerFactory: lazyRequestLogger,
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
  acceptEmptyJsonOnDelete(app);
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
  const menuChanges = createMenuChanges(events);
  const canteens = createCanteenService({ db: database.db, changes: menuChanges });
  const mealCards = createMealCardService({ db: database.db, clock, messages });
  const takeaway = createTakeawayService({ db: database.db, clock, canteens });
  const orders = createOrdersService({
    db: database.db,
    clock,
    bus: events,
    messages,
    mealCards,
    takeaway,
    writer: await orderWriterFor(database, {
      thread: config.sqliteOrderThread,
      onError: (message) => app.log.error(message),
    }),
  });
  const board = createBoardService({ bus: events, auth, takeaway, orders, clock, log: app.log });
  const storage = options.storage ?? createLocalStorage(config.uploadsDir);
  const uploads = createUploadsService({ db: database.db, clock, storage });
  const dishes = createDishesService({ db: database.db, clock, canteens, changes: menuChanges });
  const menu = createMenuService({
    db: database.db,
    clock,
    canteens,
    changes: menuChanges,
    readCacheMs: config.menuCacheMs,
  });
  const headcount = createHeadcountService({ db: database.db, clock, canteens });
  app.decorate('services', {
    auth,
    messages,
    outbox,
    events,
    mealCards,
    takeaway,
    orders,
    board,
    storage,
    uploads,
    canteens,
    dishes,
    menu,
    headcount,
  });

  registerHealthRoutes(app, database);
  registerAuthRoutes(app, { auth, rateLimitPerMinute: config.authRateLimitPerMinute });
  registerMessageRoutes(app, { auth, messages });
  registerMealCardRoutes(app, { auth, mealCards, directory: createPeopleDirectory({ db: database.db }) });
  registerTakeawayRoutes(app, { auth, takeaway, orders });
  registerOrderRoutes(app, { auth, orders });
  // WebSocket support only in the live board's own context: the plugin adds an onRequest and an
  // onResponse hook to every route of the context it is registered in (about a tenth of a cheap
  // request's cost in the bench), and only the board upgrades. Registered before its routes.
  await app.register(async (boards) => {
    await boards.register(websocket, { options: { maxPayload: 64 * 1024 } });
    registerBoardRoutes(boards, { board });
  });
  await registerUploadRoutes(app, { auth, uploads });
  registerCanteenRoutes(app, { auth, canteens, dishes, menu });
  registerHeadcountRoutes(app, { auth, headcount });
  await registerH5(app, config.h5Dir);

  app.addHook('onClose', async () => {
    await outbox.stop();
    await orders.flush();
    board.close();
    menu.close();
    menuChanges.close();
    if (ownBus) await events.close();
  });
  return app;
}
