import type { Selectable } from 'kysely';

/** One audited change of a person's roles: who made it, when, and the sets before and after. */
export interface RoleChangesTable {
  id: string;
  person_id: string;
  changed_by: string;
  /** JSON of StoredRoleSet. */
  before: string;
  after: string;
  created_at: string;
}

export type RoleChangeRow = Selectable<RoleChangesTable>;

/** What is kept of a role set: the roles and the canteens by id and by the name they had then. */
export interface StoredRoleSet {
  roles: string[];
  canteens: { id: string; name: string }[];
}

/** The people-admin module's tables. */
export interface PeopleAdminTables {
  role_changes: RoleChangesTable;
}
