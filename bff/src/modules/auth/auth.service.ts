import type { Kysely } from 'kysely';
import type { Me, Session } from '@contract/auth.schema';
import type { Role } from '@contract/roles';
import type { AuthProvider } from '../../config';
import type { Database } from '../../db/schema';
import { DomainError, unauthenticated } from '../../errors';
import { newId, newToken, sha256Hex } from '../../lib/ids';
import { addMs, toInstant, toStored, type Clock } from '../../lib/time';
import type { WechatAuth } from '../../integrations/wechat/wechat-auth';
import type { ZzdAuth } from '../../integrations/zzd/zzd-auth';
import {
  findIdentity,
  findIdentityOfPerson,
  findPerson,
  findSessionWithPerson,
  insertPerson,
  linkIdentity,
  listDemoPeople,
  type Person,
} from './people.repository';
import { deleteSessionsEndedBefore, insertSession, revokeSession } from './sessions.repository';
import { createSessionCache, type CachedSession } from './session-cache';
import { transactionWithRetry } from '../../lib/retry-transaction';

export interface AuthDeps {
  db: Kysely<Database>;
  clock: Clock;
  providers: AuthProvider[];
  sessionTtlHours: number;
  /** How long a resolved token may be reused without asking the database; 0 disables. */
  sessionCacheMs?: number;
  wechat?: WechatAuth;
  zzd?: ZzdAuth;
}

export interface SignedIn {
  person: Person;
  tokenHash: string;
}

const providerDisabled = () => new DomainError('AUTH_PROVIDER_DISABLED', 403);

export const toMe = (person: Person): Me => ({
  id: person.id,
  name: person.name,
  unit: person.unit,
  roles: person.roles,
});

export function createAuthService(deps: AuthDeps) {
  const { db, clock } = deps;
  const enabled = (provider: AuthProvider) => deps.providers.includes(provider);
  const cache = createSessionCache(clock, deps.sessionCacheMs ?? 0);

  async function openSession(person: Person, provider: string): Promise<Session> {
    if (person.disabled) throw new DomainError('USER_DISABLED', 403);
    const token = newToken();
    const now = clock.now();
    const expires = addMs(now, deps.sessionTtlHours * 3600_000);
    await insertSession(db, {
      token_hash: sha256Hex(token),
      person_id: person.id,
      provider,
      created_at: toStored(now),
      expires_at: toStored(expires),
    });
    return { token, expiresAt: toInstant(expires), user: toMe(person) };
  }

  /**
   * Finds the person behind an external identity, creating one on first sign-in. When someone is
   * already signed in, the identity is linked to them instead (one person, WeChat and 浙政钉 both).
   */
  async function personForIdentity(
    provider: 'wechat' | 'zzd',
    subject: string,
    current: Person | undefined,
    newcomer: { name: string; unit: string; roles: Role[] },
  ): Promise<Person> {
    const owner = await findIdentity(db, provider, subject);
    if (current) {
      if (owner && owner !== current.id) throw new DomainError('IDENTITY_LINKED_ELSEWHERE', 409);
      if (!owner) {
        const existing = await findIdentityOfPerson(db, current.id, provider);
        if (existing && existing !== subject) throw new DomainError('IDENTITY_LINKED_ELSEWHERE', 409);
        await linkIdentity(db, { provider, subject, personId: current.id }, toStored(clock.now()));
      }
      return current;
    }
    if (owner) {
      const person = await findPerson(db, owner);
      if (person) return person;
    }
    // Two first sign-ins with one identity may race: the identity's primary key lets one win, and
    // the loser's freshly made person is rolled back with its transaction.
    const personId = await transactionWithRetry(db, async (trx) => {
      const id = newId();
      const at = toStored(clock.now());
      await insertPerson(trx, { id, ...newcomer }, at);
      const winner = await linkIdentity(trx, { provider, subject, personId: id }, at);
      if (winner !== id) await trx.deleteFrom('people').where('id', '=', id).execute();
      return winner;
    });
    const person = await findPerson(db, personId);
    if (!person) throw new DomainError('USER_NOT_FOUND', 404);
    return person;
  }

  return {
    async demoUsers(): Promise<Me[]> {
      if (!enabled('dev')) throw providerDisabled();
      return (await listDemoPeople(db)).map(toMe);
    },

    async signInDemo(userId: string): Promise<Session> {
      if (!enabled('dev')) throw providerDisabled();
      const person = await findPerson(db, userId);
      if (!person || !person.isDemo) throw new DomainError('USER_NOT_FOUND', 404);
      return openSession(person, 'dev');
    },

    async signInWechat(code: string, current?: Person): Promise<Session> {
      if (!enabled('wechat') || !deps.wechat) throw providerDisabled();
      const identity = await deps.wechat.codeToSession(code);
      const person = await personForIdentity('wechat', identity.openId, current, {
        name: '微信用户',
        unit: '',
        roles: ['visitor'],
      });
      return openSession(person, 'wechat');
    },

    async signInZzd(authCode: string, current?: Person): Promise<Session> {
      if (!enabled('zzd') || !deps.zzd) throw providerDisabled();
      const identity = await deps.zzd.userFromAuthCode(authCode);
      const person = await personForIdentity('zzd', identity.accountId, current, {
        name: identity.name,
        unit: identity.tenantName ?? '',
        roles: ['staff'],
      });
      return openSession(person, 'zzd');
    },

    /**
     * Resolves a bearer token; a missing, unknown or revoked token and an expired one differ in code.
     * A session made by a provider that is no longer enabled (a demo session after `dev` was turned
     * off) is unknown: it cannot outlive the way it was made.
     */
    async authenticate(token: string | undefined): Promise<SignedIn> {
      if (!token) throw unauthenticated();
      let found: Omit<CachedSession, 'cachedUntil'> | undefined = cache.get(token);
      if (!found) {
        const tokenHash = sha256Hex(token);
        const row = await findSessionWithPerson(db, tokenHash);
        if (!row || row.revoked || !enabled(row.provider as AuthProvider)) throw unauthenticated();
        found = { person: row.person, tokenHash, expiresAtMs: Date.parse(row.expiresAt) };
        cache.set(token, found);
      }
      if (found.expiresAtMs <= clock.now().getTime()) throw unauthenticated('TOKEN_EXPIRED');
      const { person, tokenHash } = found;
      if (person.disabled) throw new DomainError('USER_DISABLED', 403);
      return { person, tokenHash };
    },

    /** Drops sessions expired for more than a day (a revoked one keeps its row until it expires). */
    async purgeExpiredSessions(): Promise<number> {
      return deleteSessionsEndedBefore(db, toStored(addMs(clock.now(), -24 * 3600_000)));
    },

    /**
     * The person's roles changed: this instance reads them afresh at their next request; other
     * instances within SESSION_CACHE_MS.
     */
    forgetPerson(personId: string): void {
      cache.deleteByPerson(personId);
    },

    async signOut(tokenHash: string): Promise<void> {
      cache.deleteByHash(tokenHash);
      await revokeSession(db, tokenHash, toStored(clock.now()));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
