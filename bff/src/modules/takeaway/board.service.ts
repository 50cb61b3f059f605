import type { FastifyBaseLogger } from 'fastify';
import { ERROR_MESSAGES } from '../../../../contract/errors';
import type { BoardOrder, BoardServerMessage } from '../../../../contract/takeaway.schema';
import { shanghaiDate } from '../../../../contract/workdays';
import { DomainError } from '../../errors';
import type { EventBus } from '../../events/event-bus';
import type { Clock } from '../../lib/time';
import type { AuthService } from '../auth/auth.service';
import { ORDER_EVENTS, type OrderEventPayload, type OrdersService } from './orders.service';
import type { TakeawayService } from './takeaway.service';

/** Events arriving this close together are read with one query per canteen. */
const COALESCE_MS = 15;

/** One board connection, whatever carries it (a WebSocket in production). */
export interface BoardPeer {
  send(message: BoardServerMessage): void;
  close(code: number): void;
}

/** WebSocket close codes in the application range, mirroring HTTP 401 / 403 / 400 / 500. */
const CLOSE_CODE: Record<number, number> = { 401: 4401, 403: 4403, 400: 4400 };

interface Watcher {
  date: string;
  send(message: BoardServerMessage): void;
}

function isOrderEvent(value: unknown): value is OrderEventPayload {
  const v = value as OrderEventPayload;
  return typeof v?.canteenId === 'string' && typeof v.date === 'string' && Array.isArray(v.orderIds);
}

/**
 * The live boards of this instance: which sockets watch which canteen's day. Order events from
 * the bus (any instance) are coalesced briefly, read once per canteen, and pushed to its watchers.
 * Canteens nobody here is watching cost nothing.
 */
export function createBoardService(deps: {
  bus: EventBus;
  auth: AuthService;
  takeaway: TakeawayService;
  orders: OrdersService;
  clock: Clock;
  log?: FastifyBaseLogger;
}) {
  const { bus, auth, takeaway, orders, clock, log } = deps;
  const watchers = new Map<string, Set<Watcher>>();
  const pending = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;

  async function flush(): Promise<void> {
    timer = undefined;
    const batch = [...pending];
    pending.clear();
    for (const [canteenId, ids] of batch) {
      const watching = watchers.get(canteenId);
      if (!watching || watching.size === 0) continue;
      let changed: BoardOrder[];
      try {
        changed = await orders.boardOrders([...ids]);
      } catch (error) {
        log?.error({ err: error, canteenId }, 'live board read failed');
        continue;
      }
      for (const watcher of watching) {
        const mine = changed.filter((o) => o.date === watcher.date);
        if (mine.length > 0) watcher.send({ type: 'orders', orders: mine });
      }
    }
  }

  const unsubscribe = bus.subscribe(ORDER_EVENTS, (payload) => {
    if (!isOrderEvent(payload) || !watchers.has(payload.canteenId)) return;
    const ids = pending.get(payload.canteenId) ?? new Set<string>();
    for (const id of payload.orderIds) ids.add(id);
    pending.set(payload.canteenId, ids);
    timer ??= setTimeout(() => void flush(), COALESCE_MS);
  });

  function watch(canteenId: string, date: string, send: (message: BoardServerMessage) => void): () => void {
    const watcher: Watcher = { date, send };
    const set = watchers.get(canteenId) ?? new Set<Watcher>();
    set.add(watcher);
    watchers.set(canteenId, set);
    return () => {
      set.delete(watcher);
      if (set.size === 0) watchers.delete(canteenId);
    };
  }

  return {
    /**
     * A board connection signs in (the token from the query or its first message): only staff of
     * this canteen. Then it gets the day's board, and every change after it. Changes that arrive
     * while the board is being read are held and sent after it, so none falls in between.
     * Answers the function that stops the pushes (call it when the connection closes).
     */
    async open(peer: BoardPeer, request: { canteenId: string; date?: string; token?: string }): Promise<() => void> {
      try {
        const { person } = await auth.authenticate(request.token);
        await takeaway.assertStaffOf(person, request.canteenId);
        const date = request.date ?? shanghaiDate(clock.now());
        const held: BoardServerMessage[] = [];
        let ready = false;
        const stop = watch(request.canteenId, date, (message) => (ready ? peer.send(message) : held.push(message)));
        try {
          peer.send({ type: 'ready', board: await orders.boardOf(request.canteenId, date) });
        } catch (error) {
          stop();
          throw error;
        }
        ready = true;
        for (const message of held.splice(0)) peer.send(message);
        return stop;
      } catch (error) {
        const known = error instanceof DomainError;
        if (!known) log?.error({ err: error }, 'live board open failed');
        const code = known ? error.code : 'INTERNAL';
        peer.send({ type: 'error', error: { code, message: known ? error.message : ERROR_MESSAGES.INTERNAL } });
        peer.close(known ? (CLOSE_CODE[error.status] ?? 4400) : 1011);
        return () => {};
      }
    },

    /** Starts pushing the canteen's changed orders of `date`; answers the function that stops. */
    watch,

    watching(canteenId: string): number {
      return watchers.get(canteenId)?.size ?? 0;
    },

    close(): void {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = undefined;
      watchers.clear();
      pending.clear();
    },
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
