import { createLoadingCache } from '../../src/fast-paths/loading-cache';

/** A load the test finishes by hand, counting how often it was started. */
function manualLoads<V>() {
  const pending: { resolve(value: V): void; reject(error: Error): void }[] = [];
  return {
    started: () => pending.length,
    load: () => new Promise<V>((resolve, reject) => pending.push({ resolve, reject })),
    finish: (i: number, value: V) => pending[i].resolve(value),
    fail: (i: number, error: Error) => pending[i].reject(error),
  };
}

describe('the loading cache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 0;
  });

  it('shares one load among concurrent misses and then answers synchronously', async () => {
    const cache = createLoadingCache<string>({ ttlMs: 1000, maxEntries: 10, now });
    const loads = manualLoads<string>();
    const a = cache.get('k', loads.load);
    const b = cache.get('k', loads.load);
    expect(loads.started()).toBe(1);
    loads.finish(0, 'v1');
    expect(await Promise.all([a, b])).toEqual(['v1', 'v1']);
    expect(cache.get('k', loads.load)).toBe('v1');
    expect(loads.started()).toBe(1);
  });

  it('loads again once the value is older than its lifetime', async () => {
    const cache = createLoadingCache<string>({ ttlMs: 1000, maxEntries: 10, now });
    const loads = manualLoads<string>();
    const first = cache.get('k', loads.load);
    loads.finish(0, 'v1');
    await first;
    clock = 999;
    expect(cache.get('k', loads.load)).toBe('v1');
    clock = 1000;
    const second = cache.get('k', loads.load);
    loads.finish(1, 'v2');
    expect(await second).toBe('v2');
  });

  it('does not keep a value whose key was deleted while it loaded', async () => {
    const cache = createLoadingCache<string>({ ttlMs: 1000, maxEntries: 10, now });
    const loads = manualLoads<string>();
    const stale = cache.get('k', loads.load); // read the database before a write committed…
    cache.delete('k'); // …the writer then invalidated
    loads.finish(0, 'stale');
    expect(await stale).toBe('stale'); // its waiter still gets it
    const fresh = cache.get('k', loads.load);
    expect(loads.started()).toBe(2);
    loads.finish(1, 'fresh');
    expect(await fresh).toBe('fresh');
    expect(cache.get('k', loads.load)).toBe('fresh');
  });

  it('does not keep failures', async () => {
    const cache = createLoadingCache<string>({ ttlMs: 1000, maxEntries: 10, now });
    const loads = manualLoads<string>();
    const failing = cache.get('k', loads.load);
    loads.fail(0, new Error('down'));
    await expect(failing).rejects.toThrow('down');
    const retry = cache.get('k', loads.load);
    loads.finish(1, 'v');
    expect(await retry).toBe('v');
  });

  it('drops the oldest entry beyond its size, and deletes by key test', async () => {
    const cache = createLoadingCache<string>({ ttlMs: 1000, maxEntries: 2, now });
    for (const key of ['a|1', 'a|2', 'b|1']) await cache.get(key, async () => key);
    expect(cache.size).toBe(2);
    let loaded = 0;
    await cache.get('a|1', async () => `${++loaded}`);
    expect(loaded).toBe(1); // 'a|1' had been dropped
    cache.deleteWhere((key) => key.startsWith('b|'));
    expect(cache.size).toBe(1);
  });

  it('loads every time with a lifetime of 0', async () => {
    const cache = createLoadingCache<number>({ ttlMs: 0, maxEntries: 10, now });
    let loads = 0;
    await cache.get('k', async () => ++loads);
    await cache.get('k', async () => ++loads);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });
});
