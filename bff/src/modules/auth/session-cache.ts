import type { Clock } from '../../lib/time';
import type { Person } from './people.repository';

export interface CachedSession {
  person: Person;
  tokenHash: string;
  /** When the session itself expires, in epoch ms. */
  expiresAtMs: number;
  cachedUntil: number;
}

/**
 * A short-lived, per-instance memo of token → person, so a signed-in read does not pay two
 * database round trips. The database stays the truth: an entry lives `ttlMs` at most, logout on
 * this instance evicts at once, and another instance sees a revocation within `ttlMs`.
 *
 * Keyed by the bearer token itself (it is in this process's memory with every request anyway),
 * so a hit costs neither the token's SHA-256 nor a date formatting: on the hottest reads those
 * were measurable. The database only ever sees the hash.
 */
export function createSessionCache(clock: Clock, ttlMs: number, maxEntries = 50_000) {
  const byToken = new Map<string, CachedSession>();
  const tokenOfHash = new Map<string, string>();

  function drop(token: string): void {
    const entry = byToken.get(token);
    if (!entry) return;
    byToken.delete(token);
    tokenOfHash.delete(entry.tokenHash);
  }

  return {
    get(token: string): CachedSession | undefined {
      if (ttlMs <= 0) return undefined;
      const entry = byToken.get(token);
      if (!entry) return undefined;
      if (entry.cachedUntil <= clock.now().getTime()) {
        drop(token);
        return undefined;
      }
      return entry;
    },
    set(token: string, session: Omit<CachedSession, 'cachedUntil'>): void {
      if (ttlMs <= 0) return;
      drop(token);
      // Map keeps insertion order: dropping the first key drops the oldest entry.
      if (byToken.size >= maxEntries) drop(byToken.keys().next().value as string);
      byToken.set(token, { ...session, cachedUntil: clock.now().getTime() + ttlMs });
      tokenOfHash.set(session.tokenHash, token);
    },
    /** Forgets every session of a person (their roles changed): their next request reads them afresh. */
    deleteByPerson(personId: string): void {
      for (const [token, entry] of byToken) if (entry.person.id === personId) drop(token);
    },
    /** Forgets the session whose token hashes to `tokenHash` (logout knows only the hash). */
    deleteByHash(tokenHash: string): void {
      const token = tokenOfHash.get(tokenHash);
      if (token !== undefined) drop(token);
    },
  };
}
