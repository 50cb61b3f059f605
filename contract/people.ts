/** The people directory (admin): limits the app may import as values; dependency-free (no TypeBox). */
export const PEOPLE_DIRECTORY_LIMITS = {
  /** People per page of a search. */
  defaultPageSize: 20,
  maxPageSize: 50,
  /** Characters of a search text. */
  maxQueryLength: 50,
  /** Characters of a unit name (as on people and in a top-up by unit). */
  maxUnitLength: 100,
} as const;
