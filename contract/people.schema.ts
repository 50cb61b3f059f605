import { Type, type Static } from '@sinclair/typebox';
import { stringEnum } from './common.schema';
import { PEOPLE_DIRECTORY_LIMITS } from './people';
import { ROLES } from './roles';

export * from './people';

/**
 * The people directory (admins): find people by name or unit, and the units themselves, so that a
 * top-up names people picked from a list instead of ids typed by hand. Disabled accounts are left
 * out (they cannot be topped up).
 */

/** GET /api/people — one page of people matching `q` (name or unit contains it, or the exact id), in `unit`. */
export const PeopleQuerySchema = Type.Object({
  /** Matched against name and unit (contains, case-insensitive) and the person's id (exact). */
  q: Type.Optional(Type.String({ maxLength: PEOPLE_DIRECTORY_LIMITS.maxQueryLength })),
  /** Only people of this unit (exact). */
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: PEOPLE_DIRECTORY_LIMITS.maxUnitLength })),
  /** 1-based. */
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: PEOPLE_DIRECTORY_LIMITS.maxPageSize,
      default: PEOPLE_DIRECTORY_LIMITS.defaultPageSize,
    }),
  ),
});
export type PeopleQuery = Static<typeof PeopleQuerySchema>;

export const DirectoryPersonSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** '' when the person has none. */
  unit: Type.String(),
  roles: Type.Array(stringEnum(ROLES)),
  /** The meal card's balance; 0 when the person has no card yet. */
  balanceFen: Type.Integer({ minimum: 0 }),
});
export type DirectoryPerson = Static<typeof DirectoryPersonSchema>;

/** People ordered by unit, then name, then id. */
export const PeoplePageSchema = Type.Object({
  items: Type.Array(DirectoryPersonSchema),
  /** How many people match in all (every page). */
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type PeoplePage = Static<typeof PeoplePageSchema>;

/** GET /api/people/units — every unit with its (enabled) people, or those whose name contains `q`. */
export const UnitsQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: PEOPLE_DIRECTORY_LIMITS.maxQueryLength })),
});
export type UnitsQuery = Static<typeof UnitsQuerySchema>;

export const UnitListSchema = Type.Object({
  /** Ordered by name; people without a unit are not a unit. */
  items: Type.Array(Type.Object({ unit: Type.String(), people: Type.Integer({ minimum: 1 }) })),
});
export type UnitList = Static<typeof UnitListSchema>;
