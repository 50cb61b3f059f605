/**
 * Fan-out of small notifications ("these orders changed") to whoever listens in any instance.
 * Delivery is at most once and only to instances running at the time: listeners treat an event as
 * a hint to read the current state, and boards load the full state when they (re)connect.
 */
export type EventHandler = (payload: unknown) => void;

export interface EventBus {
  /** Publishes to every subscriber of `channel` in every instance (this one included). Never throws. */
  publish(channel: string, payload: unknown): Promise<void>;
  /** Answers the function that unsubscribes. */
  subscribe(channel: string, handler: EventHandler): () => void;
  close(): Promise<void>;
}

/** The subscriber registry both implementations share. */
export function createSubscribers() {
  const byChannel = new Map<string, Set<EventHandler>>();
  return {
    add(channel: string, handler: EventHandler): () => void {
      const set = byChannel.get(channel) ?? new Set<EventHandler>();
      set.add(handler);
      byChannel.set(channel, set);
      return () => {
        set.delete(handler);
        if (set.size === 0) byChannel.delete(channel);
      };
    },
    dispatch(channel: string, payload: unknown, onError: (error: unknown) => void): void {
      for (const handler of byChannel.get(channel) ?? []) {
        try {
          handler(payload);
        } catch (error) {
          onError(error);
        }
      }
    },
    clear(): void {
      byChannel.clear();
    },
  };
}

/** One process: delivered on the next turn of the event loop, never inside the publisher's call. */
export function createLocalEventBus(options: { onError?: (error: unknown) => void } = {}): EventBus {
  const subscribers = createSubscribers();
  const onError = options.onError ?? (() => {});
  return {
    async publish(channel, payload) {
      setImmediate(() => subscribers.dispatch(channel, payload, onError));
    },
    subscribe: (channel, handler) => subscribers.add(channel, handler),
    async close() {
      subscribers.clear();
    },
  };
}
