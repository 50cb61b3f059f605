import websocket from '@fastify/websocket';
import { defineModule } from '../module';
import { createBoardService, type BoardService } from './board.service';
import { registerBoardRoutes } from './board.routes';
import { orderWriterFor } from '../../fast-paths/orders/order-writer';
import { createOrdersService, type OrdersService } from './orders.service';
import { registerOrderRoutes } from './orders.routes';
import { seedTakeawayDemo } from './takeaway.seed';
import { createTakeawayService, type TakeawayService } from './takeaway.service';
import { registerTakeawayRoutes } from './takeaway.routes';

export type { TakeawayService } from './takeaway.service';
export type { OrdersService } from './orders.service';
export type { BoardService } from './board.service';

declare module '../module' {
  interface Services {
    /** Takeaway items, their stock, sale and pickup windows. */
    takeaway: TakeawayService;
    /** Orders: placing, cancelling, pickup, closing a day. */
    orders: OrdersService;
    /** The canteens' live order board (WebSocket). */
    board: BoardService;
  }
}

/** Canteen takeaway (食堂外卖): items, orders paid from the meal card, pickup, the live board. */
export const takeawayModule = defineModule({
  name: 'takeaway',
  create: async ({ db, clock, config, database, events, log, services }) => {
    const takeaway = createTakeawayService({ db, clock, canteens: services.canteens, dishes: services.dishes });
    const orders = createOrdersService({
      db,
      clock,
      bus: events,
      messages: services.messages,
      mealCards: services.mealCards,
      takeaway,
      writer: await orderWriterFor(database, {
        thread: config.sqliteOrderThread,
        onError: (message) => log.error(message),
      }),
    });
    const board = createBoardService({ bus: events, auth: services.auth, takeaway, orders, clock, log });
    return { takeaway, orders, board };
  },
  routes: async (app, { services }) => {
    registerTakeawayRoutes(app, { auth: services.auth, takeaway: services.takeaway, orders: services.orders });
    registerOrderRoutes(app, { auth: services.auth, orders: services.orders });
    // WebSocket support only in the live board's own context: the plugin adds an onRequest and an
    // onResponse hook to every route of the context it is registered in (about a tenth of a cheap
    // request's cost in the bench), and only the board upgrades. Registered before its routes.
    await app.register(async (boards) => {
      await boards.register(websocket, { options: { maxPayload: 64 * 1024 } });
      registerBoardRoutes(boards, { board: services.board });
    });
  },
  seedDemo: ({ db, clock }) => seedTakeawayDemo(db, clock),
  close: async ({ services }) => {
    await services.orders.flush();
    services.board.close();
  },
});
