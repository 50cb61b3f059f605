import type { FastifyBaseLogger } from 'fastify';
import { ERROR_MESSAGES } from '@contract/errors';
import { BOARD_CLOSE_CODES } from '@contract/takeaway';
import type { BoardOrder, BoardServerMessage } from '@contract/takeaway.schema';
import { shanghaiDate } from '@contract/workdays';
import { DomainError } from '../../errors';
import type { EventBus } from '../../events/event-bus';
import type { Clock } from '../../lib/time';
import type { AuthService } from '../auth';
import { DAY_CLOSED_EVENTS, ORDER_EVENTS, type DayClosedPayload, type OrderEventPayload } from './order-events';
import type { OrdersService } from './orders.service';
import type { TakeawayService } from './takeaway.service';

/** Events arriving this close together are read with one query per canteen. */
const COALESCE_MS = 15;

/**
 * After changes, each watched day's summary is summed again by the database and pushed at most
 * this often (once per canteen and day on this instance, whatever the number of screens): the
 * changed orders themselves go out at once.
 */
export const SUMMARY_EVERY_MS = 1000;

/**
 * How often every open board re-checks its session and staff link even when no order arrives
 * (logout elsewhere, expiry, a role or staff link taken away). Pushes re-check on their own.
 */
export const BOARD_RECHECK_MS = 15_000;

/** WebSocket close code for a failure of ours: the client reconnects later. */
const SERVER_ERROR_CLOSE = 1011;

/** One board connection, whatever carries it (a WebSocket in production). */
export interface BoardPeer {
  send(message: BoardServerMessage): void;
  /** `reason` is the error code (ASCII, far below the 123-byte limit of a close reason). */
  close(code: number, reason?: string): void;
}

/** Close codes in the application range, mirroring HTTP 401 / 403 / 400. */
const CLOSE_CODE: Record<number, number> = {
  401: BOARD_CLOSE_CODES.unauthenticated,
  403: BOARD_CLOSE_CODES.forbidden,
  400: BOARD_CLOSE_CODES.badRequest,
};

interface Watcher {
  date: string;
  send(message: BoardServerMessage): void;
  /**
   * Whether the connection may still watch (its session alive, still this canteen's staff).
   * When not, it has been told why, closed and removed, and answers false.
   */
  verify(): Promise<boolean>;
}

function isOrderEvent(value: unknown): value is OrderEventPayload {
  const v = value as OrderEventPayload;
  return typeof v?.canteenId === 'string' && typeof v.date === 'string' && Array.isArray(v.orderIds);
}

function isDayClosedEvent(value: unknown): value is DayClosedPayload {
  const v = value as DayClosedPayload;
  return typeof v?.canteenId === 'string' && typeof v.date === 'string' && typeof v.closedAt === 'string';
}

/**
 * The live boards of this instance: which sockets watch which canteen's day. Order events from
 * the bus (any instance) are coalesced briefly, read once per canteen, and pushed to its watchers.
 * Canteens nobody here is watching cost nothing.
 *
 * A board is a session's: before every push, and every `recheckMs` while idle, each connection's
 * token and staff link are checked again; a connection whose session ended (logout, expiry) or
 * whose person is no longer this canteen's staff gets `{"type":"error"}` and is closed with
 * 4401 / 4403, and receives nothing more. The token check goes through the auth service's memo, so
 * a logout on this instance counts at once and one on another instance within SESSION_CACHE_MS.
 */
export function createBoardService(deps: {
  bus: EventBus;
  auth: Pick<AuthService, 'authenticate'>;
  takeaway: Pick<TakeawayService, 'assertStaffOf'>;
  orders: Pick<OrdersService, 'boardOrders' | 'boardOf' | 'summaryOf'>;
  clock: Clock;
  log?: FastifyBaseLogger;
  /** Idle re-check period; 0 turns the timer off (pushes still re-check). */
  recheckMs?: number;
}) {
  const { bus, auth, takeaway, orders, clock, log } = deps;
  const watchers = new Map<string, Set<Watcher>>();
  const pending = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  /** Days whose summary is due again, by `canteenId|date`. */
  const summaryDue = new Map<string, { canteenId: string; date: string }>();
  let summaryTimer: NodeJS.Timeout | undefined;
  // Flushes run one after another, so a board never receives an older state of an order after a newer one.
  let flushing: Promise<void> = Promise.resolve();

  /** Tells the peer why it may not watch, then closes it. */
  function refuse(peer: BoardPeer, error: unknown): void {
    const known = error instanceof DomainError;
    if (!known) log?.error({ err: error }, 'live board check failed');
    const code = known ? error.code : 'INTERNAL';
    peer.send({ type: 'error', error: { code, message: known ? error.message : ERROR_MESSAGES.INTERNAL } });
    peer.close(known ? (CLOSE_CODE[error.status] ?? BOARD_CLOSE_CODES.badRequest) : SERVER_ERROR_CLOSE, code);
  }

  /** Sends only to a connection that may still watch (each push re-checks its session). */
  async function sendVerified(watcher: Watcher, message: BoardServerMessage): Promise<void> {
    if (!(await watcher.verify())) return;
    watcher.send(message);
  }

  async function flush(): Promise<void> {
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
      await Promise.all(
        [...watching].map(async (watcher) => {
          const mine = changed.filter((o) => o.date === watcher.date);
          if (mine.length > 0) await sendVerified(watcher, { type: 'orders', orders: mine });
        }),
      );
      for (const date of new Set(changed.map((o) => o.date))) summaryChanged(canteenId, date);
    }
  }

  function summaryChanged(canteenId: string, date: string): void {
    summaryDue.set(`${canteenId}|${date}`, { canteenId, date });
    summaryTimer ??= setTimeout(() => {
      summaryTimer = undefined;
      flushing = flushing
        .then(sendSummaries)
        .catch((error: unknown) => log?.error({ err: error }, 'live board summary failed'));
    }, SUMMARY_EVERY_MS);
  }

  async function sendSummaries(): Promise<void> {
    const due = [...summaryDue.values()];
    summaryDue.clear();
    for (const { canteenId, date } of due) {
      const watching = [...(watchers.get(canteenId) ?? [])].filter((w) => w.date === date);
      if (watching.length === 0) continue;
      const summary = await orders.summaryOf(canteenId, date);
      await Promise.all(watching.map((watcher) => sendVerified(watcher, { type: 'summary', summary })));
    }
  }

  const unsubscribe = bus.subscribe(ORDER_EVENTS, (payload) => {
    if (!isOrderEvent(payload) || !watchers.has(payload.canteenId)) return;
    const ids = pending.get(payload.canteenId) ?? new Set<string>();
    for (const id of payload.orderIds) ids.add(id);
    pending.set(payload.canteenId, ids);
    timer ??= setTimeout(() => {
      timer = undefined;
      flushing = flushing.then(flush).catch((error: unknown) => log?.error({ err: error }, 'live board push failed'));
    }, COALESCE_MS);
  });

  // A closed day reaches every board of it at once (a second screen stops offering 结束今天).
  const unsubscribeClosed = bus.subscribe(DAY_CLOSED_EVENTS, (payload) => {
    if (!isDayClosedEvent(payload)) return;
    for (const watcher of watchers.get(payload.canteenId) ?? []) {
      if (watcher.date === payload.date) void sendVerified(watcher, { type: 'closed', closedAt: payload.closedAt });
    }
  });

  function addWatcher(canteenId: string, watcher: Watcher): () => void {
    const set = watchers.get(canteenId) ?? new Set<Watcher>();
    set.add(watcher);
    watchers.set(canteenId, set);
    return () => {
      set.delete(watcher);
      if (set.size === 0 && watchers.get(canteenId) === set) watchers.delete(canteenId);
    };
  }

  /** Re-checks every open board once; those that may no longer watch are closed. */
  async function recheck(): Promise<void> {
    const all = [...watchers.values()].flatMap((set) => [...set]);
    await Promise.all(all.map((watcher) => watcher.verify()));
  }

  let rechecking = false;
  const recheckTimer =
    (deps.recheckMs ?? BOARD_RECHECK_MS) > 0
      ? setInterval(() => {
          if (rechecking || watchers.size === 0) return;
          rechecking = true;
          void recheck().finally(() => {
            rechecking = false;
          });
        }, deps.recheckMs ?? BOARD_RECHECK_MS)
      : undefined;
  recheckTimer?.unref();

  return {
    /**
     * A board connection signs in (the token from the query or its first message): only staff of
     * this canteen. Then it gets the day's board, and every change after it, for as long as the
     * session lasts. Changes that arrive while the board is being read are held and sent after
     * it, so none falls in between. Answers the function that stops the pushes (call it when the
     * connection closes).
     */
    async open(peer: BoardPeer, request: { canteenId: string; date?: string; token?: string }): Promise<() => void> {
      const { canteenId } = request;
      const allowed = async () => {
        const { person } = await auth.authenticate(request.token);
        await takeaway.assertStaffOf(person, canteenId);
      };
      try {
        await allowed();
        const date = request.date ?? shanghaiDate(clock.now());
        const held: BoardServerMessage[] = [];
        let ready = false;
        let ended = false;
        let checking: Promise<boolean> | undefined;
        const watcher: Watcher = {
          date,
          send: (message) => {
            if (ended) return;
            if (ready) peer.send(message);
            else held.push(message);
          },
          // Checks running at the same moment (a push during the idle re-check) share one answer.
          verify: () => {
            if (ended) return Promise.resolve(false);
            checking ??= allowed().then(
              () => !ended,
              (error: unknown) => {
                if (ended) return false;
                ended = true;
                stop();
                if (error instanceof DomainError) {
                  log?.info({ canteenId, code: error.code }, 'live board closed: its session may no longer watch');
                }
                refuse(peer, error);
                return false;
              },
            );
            const answer = checking;
            void answer.finally(() => {
              if (checking === answer) checking = undefined;
            });
            return answer;
          },
        };
        const stop = addWatcher(canteenId, watcher);
        try {
          peer.send({ type: 'ready', board: await orders.boardOf(canteenId, date) });
        } catch (error) {
          stop();
          throw error;
        }
        ready = true;
        for (const message of held.splice(0)) peer.send(message);
        return () => {
          ended = true;
          stop();
        };
      } catch (error) {
        refuse(peer, error);
        return () => {};
      }
    },

    /** Re-checks every open board now (the idle timer calls it; tests too). */
    recheck,

    watching(canteenId: string): number {
      return watchers.get(canteenId)?.size ?? 0;
    },

    close(): void {
      unsubscribe();
      unsubscribeClosed();
      if (timer) clearTimeout(timer);
      if (summaryTimer) clearTimeout(summaryTimer);
      summaryTimer = undefined;
      summaryDue.clear();
      if (recheckTimer) clearInterval(recheckTimer);
      timer = undefined;
      watchers.clear();
      pending.clear();
    },
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
