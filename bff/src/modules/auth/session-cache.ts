import type { Clock } from '../../lib/time';
import type { Person } from './people.repository';

interface Entry {
  person: Person;
  expiresAt: string;
  cachedUntil: number;
}

/**
 * A short-lived, per-instance memo of token → person, so a signed-in read does not pay two
 * database round trips. The database stays the truth: an entry lives `ttlMs` at most, logout on
 * this instance evicts at once, and another instance sees a revocation within `ttlMs`.
 */
export function createSessionCache(clock: Clock, ttlMs: number, maxEntries = 50_000) {
  const entries = new Map<string, Entry>();
  return {
    get(tokenHash: string): Entry | undefined {
      if (ttlMs <= 0) return undefined;
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.cachedUntil <= clock.now().getTime()) {
        entries.delete(tokenHash);
        return undefined;
      }
      return entry;
    },
    set(tokenHash: string, person: Person, expiresAt: string): void {
      if (ttlMs <= 0) return;
      // Map keeps insertion order: dropping the first key drops the oldest entry.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(tokenHash, { person, expiresAt, cachedUntil: clock.now().getTime() + ttlMs });
    },
    delete(tokenHash: string): void {
      entries.delete(tokenHash);
    },
  };
}
