import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { createSubscribers, type EventBus } from './event-bus';

/** One PostgreSQL channel carries every app channel: `{ c: channel, p: payload }` as JSON. */
const PG_CHANNEL = 'shuzhi_events';
/** NOTIFY payloads must stay under 8000 bytes; publishers keep events small (ids only). */
const MAX_PAYLOAD_BYTES = 7900;

/**
 * LISTEN/NOTIFY fan-out across BFF instances. Publishing uses a pooled query (`pg_notify`);
 * listening holds one dedicated connection per instance, reconnected with backoff when it drops.
 * An instance hears its own notifications too, so local delivery goes the same way as remote.
 */
export async function createPgEventBus(options: {
  connectionString: string;
  /** Runs `select pg_notify($1, $2)` on the app's pool. */
  notify: (channel: string, payload: string) => Promise<void>;
  log?: FastifyBaseLogger;
}): Promise<EventBus> {
  const subscribers = createSubscribers();
  const log = options.log;
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== PG_CHANNEL || !message.payload) return;
    try {
      const { c, p } = JSON.parse(message.payload) as { c: string; p: unknown };
      subscribers.dispatch(c, p, (error) => log?.error({ err: error }, 'event handler failed'));
    } catch (error) {
      log?.warn({ err: error }, 'malformed event notification');
    }
  };

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: options.connectionString });
    next.on('notification', onNotification);
    next.on('error', (error) => {
      log?.warn({ err: error }, 'event listener connection failed; reconnecting');
      void next.end().catch(() => {});
      if (client === next) client = undefined;
      scheduleReconnect(500);
    });
    // A connection can also just end (server restart, network): listen again unless closing.
    next.on('end', () => {
      if (closed || client !== next) return;
      client = undefined;
      scheduleReconnect(500);
    });
    await next.connect();
    await next.query(`listen ${PG_CHANNEL}`);
    if (closed) {
      await next.end();
      return;
    }
    client = next;
  }

  function scheduleReconnect(delayMs: number): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch((error: unknown) => {
        log?.warn({ err: error }, 'event listener reconnect failed');
        scheduleReconnect(Math.min(delayMs * 2, 10_000));
      });
    }, delayMs);
    retryTimer.unref();
  }

  await connect();

  return {
    async publish(channel, payload) {
      const text = JSON.stringify({ c: channel, p: payload });
      if (Buffer.byteLength(text) > MAX_PAYLOAD_BYTES) {
        log?.error({ channel, bytes: Buffer.byteLength(text) }, 'event too large for NOTIFY; dropped');
        return;
      }
      try {
        await options.notify(PG_CHANNEL, text);
      } catch (error) {
        // The change itself is committed; a lost notification only delays a board until it reloads.
        log?.warn({ err: error, channel }, 'event publish failed');
      }
    },
    subscribe: (channel, handler) => subscribers.add(channel, handler),
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      subscribers.clear();
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
