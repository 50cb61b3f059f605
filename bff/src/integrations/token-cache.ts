import type { Clock } from '../lib/time';

/** What remotes document when a token's lifetime is missing or unreadable (WeChat, 浙政钉: 7200 s). */
const DEFAULT_TTL_MS = 7200 * 1000;
/** Renew a little early so a token does not expire between our check and the remote's. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface TokenCache {
  /** The cached token, or a fresh one; a burst of callers waits on one fetch, and a failure is not kept. */
  get(): Promise<string>;
  /** The remote refused this token: the next `get` fetches another (unless one newer is cached already). */
  drop(refused: string): void;
}

/**
 * An app access token kept in this process and renewed before it expires. `fetch` answers the
 * token and its lifetime in seconds as the remote gave it (a number or text; anything unreadable
 * counts as the documented default).
 */
export function createTokenCache(
  clock: Clock,
  fetch: () => Promise<{ token: string; expiresIn: unknown }>,
): TokenCache {
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const requestedAt = clock.now().getTime();
    const { token, expiresIn } = await fetch();
    const seconds = Number(expiresIn);
    const ttlMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_TTL_MS;
    cached = { token, refreshAtMs: requestedAt + ttlMs - Math.min(REFRESH_MARGIN_MS, ttlMs / 2) };
    return token;
  }

  return {
    get() {
      if (cached && clock.now().getTime() < cached.refreshAtMs) return Promise.resolve(cached.token);
      inflight ??= fetchToken().finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    drop(refused) {
      // Only the token that was refused: a concurrent caller may already have fetched a fresh one.
      if (cached?.token === refused) cached = undefined;
    },
  };
}
