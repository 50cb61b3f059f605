/**
 * A bounded in-memory cache whose entries load themselves: concurrent misses on one key share a
 * single load, and an entry deleted while it loads is not stored when the load finishes (its
 * waiters still get the value, which was current when they asked).
 *
 * That last rule is what makes invalidation safe: a writer commits, then deletes the key; a load
 * that read the database before the commit can no longer land in the cache afterwards.
 *
 * Ages are measured on the monotonic clock (not the app clock, which tests move by days), and the
 * oldest entry is dropped first once `maxEntries` is reached.
 */
export interface LoadingCache<V> {
  /** The cached value (synchronously), or the promise of a load. */
  get(key: string, load: () => Promise<V>): V | Promise<V>;
  delete(key: string): void;
  deleteWhere(test: (key: string) => boolean): void;
  clear(): void;
  readonly size: number;
}

interface Slot<V> {
  value?: V;
  loading?: Promise<V>;
  expiresAt: number;
}

export function createLoadingCache<V>(options: {
  /** How long a loaded value is served; 0 turns the cache off (every get loads). */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): LoadingCache<V> {
  const { ttlMs, maxEntries } = options;
  const now = options.now ?? (() => performance.now());
  const slots = new Map<string, Slot<V>>();

  function startLoad(key: string, load: () => Promise<V>): Promise<V> {
    const slot: Slot<V> = { expiresAt: 0 };
    const loading = load().then(
      (value) => {
        if (slots.get(key) === slot) {
          slot.value = value;
          slot.loading = undefined;
          slot.expiresAt = now() + ttlMs;
        }
        return value;
      },
      (error: unknown) => {
        if (slots.get(key) === slot) slots.delete(key);
        throw error;
      },
    );
    slot.loading = loading;
    slots.delete(key);
    slots.set(key, slot);
    if (slots.size > maxEntries) slots.delete(slots.keys().next().value as string);
    return loading;
  }

  return {
    get(key, load) {
      if (ttlMs <= 0) return load();
      const slot = slots.get(key);
      if (slot) {
        if (slot.loading) return slot.loading;
        if (now() < slot.expiresAt) return slot.value as V;
      }
      return startLoad(key, load);
    },
    delete(key) {
      slots.delete(key);
    },
    deleteWhere(test) {
      for (const key of [...slots.keys()]) if (test(key)) slots.delete(key);
    },
    clear() {
      slots.clear();
    },
    get size() {
      return slots.size;
    },
  };
}
