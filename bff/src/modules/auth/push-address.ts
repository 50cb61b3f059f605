import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Where a push reaches a person: the platform and their id there (WeChat openid, 浙政钉 accountId). */
export interface PushAddress {
  platform: 'wechat' | 'zzd';
  to: string;
}

/**
 * The platform the person signed in with most recently (their newest WeChat or 浙政钉 session),
 * and their id there; when no such session is left (purged after expiry), the identity linked
 * last. undefined: the person has only signed in some other way (the demo sign-in).
 */
export async function pushAddressOf(db: Kysely<Database>, personId: string): Promise<PushAddress | undefined> {
  const latest = await db
    .selectFrom('sessions as s')
    .innerJoin('identities as i', (join) =>
      join.onRef('i.person_id', '=', 's.person_id').onRef('i.provider', '=', 's.provider'),
    )
    .select(['i.provider', 'i.subject'])
    .where('s.person_id', '=', personId)
    .orderBy('s.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const found =
    latest ??
    (await db
      .selectFrom('identities')
      .select(['provider', 'subject'])
      .where('person_id', '=', personId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst());
  return found ? { platform: found.provider, to: found.subject } : undefined;
}
