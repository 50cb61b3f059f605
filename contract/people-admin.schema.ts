import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, stringEnum } from './common.schema';
import { PageQuerySchema, pageOf } from './page.schema';
import { ROLES } from './roles';

/**
 * 人员与角色 (admins): a person's roles and the canteens they work for, changed as one set and
 * audited (who, when, before → after). People are found through the directory (GET /api/people).
 */

const RoleListSchema = Type.Array(stringEnum(ROLES), { uniqueItems: true, maxItems: ROLES.length });

export const CanteenRefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type CanteenRef = Static<typeof CanteenRefSchema>;

/** GET /api/admin/people/:id/roles */
export const PersonRolesSchema = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String(), disabled: Type.Boolean() }),
  roles: RoleListSchema,
  /** The canteens the person works for (canteen staff). */
  canteens: Type.Array(CanteenRefSchema),
  /** Every canteen, to choose from. */
  canteenOptions: Type.Array(CanteenRefSchema),
});
export type PersonRoles = Static<typeof PersonRolesSchema>;

/** PUT /api/admin/people/:id/roles — the whole set; `canteenIds` needed with the canteen role. */
export const RolesUpdateSchema = Type.Object(
  {
    roles: RoleListSchema,
    canteenIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }), {
        uniqueItems: true,
        maxItems: 20,
      }),
    ),
  },
  { additionalProperties: false },
);
export type RolesUpdate = Static<typeof RolesUpdateSchema>;

/** What a person held, before or after a change. */
export const RoleSetSchema = Type.Object({
  roles: RoleListSchema,
  /** Canteen names (as they were called then). */
  canteens: Type.Array(Type.String()),
});
export type RoleSet = Static<typeof RoleSetSchema>;

/** One audited change. */
export const RoleChangeSchema = Type.Object({
  id: Type.String(),
  at: InstantSchema,
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  by: Type.Object({ id: Type.String(), name: Type.String() }),
  before: RoleSetSchema,
  after: RoleSetSchema,
});
export type RoleChange = Static<typeof RoleChangeSchema>;

export const RoleChangePageSchema = pageOf(RoleChangeSchema);
export type RoleChangePage = Static<typeof RoleChangePageSchema>;

/** GET /api/admin/role-changes (everyone) and /api/admin/people/:id/role-changes: newest first. */
export const RoleChangeQuerySchema = PageQuerySchema;
export type RoleChangeQuery = Static<typeof RoleChangeQuerySchema>;
