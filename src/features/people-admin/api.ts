import type { PersonRoles, RoleChangePage, RolesUpdate } from '@contract/people-admin.schema';
import { getJson, http } from '@/shared/http';
import { toQuery } from '@/shared/routes';

const base = (personId: string) => `/admin/people/${encodeURIComponent(personId)}`;

/** A person's roles and canteens, with every canteen to choose from. */
export function fetchPersonRoles(personId: string): Promise<PersonRoles> {
  return getJson<PersonRoles>(`${base(personId)}/roles`);
}

/** Sets the whole set of roles (and canteens, with the 食堂 role); answers it as saved. */
export async function savePersonRoles(personId: string, update: RolesUpdate): Promise<PersonRoles> {
  return (await http.put<PersonRoles>(`${base(personId)}/roles`, update)).data;
}

/** One page of the person's role changes, newest first. */
export function fetchRoleChanges(personId: string, cursor?: string): Promise<RoleChangePage> {
  return getJson<RoleChangePage>(`${base(personId)}/role-changes${toQuery({ limit: '10', cursor })}`);
}
