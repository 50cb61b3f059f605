import type { Selectable } from 'kysely';

export interface PeopleTable {
  id: string;
  campus_id: string | null;
  name: string;
  unit: string;
  /** 1 for the seeded demo people offered on the demo sign-in page. */
  is_demo: number;
  disabled: number;
  created_at: string;
}

export interface PersonRolesTable {
  person_id: string;
  role: string;
}

export interface IdentitiesTable {
  provider: 'wechat' | 'zzd';
  /** WeChat openid, or 浙政钉 accountId. */
  subject: string;
  person_id: string;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  person_id: string;
  provider: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export type PersonRow = Selectable<PeopleTable>;
export type SessionRow = Selectable<SessionsTable>;

/** The auth module's tables (`db/schema.ts` merges every module's). */
export interface AuthTables {
  people: PeopleTable;
  person_roles: PersonRolesTable;
  identities: IdentitiesTable;
  sessions: SessionsTable;
}
