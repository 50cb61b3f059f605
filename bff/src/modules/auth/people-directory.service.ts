import type { Kysely } from 'kysely';
import {
  PEOPLE_DIRECTORY_LIMITS,
  type PeoplePage,
  type PeopleQuery,
  type UnitList,
  type UnitsQuery,
} from '@contract/people.schema';
import type { Database } from '../../db/schema';
import { listUnits, searchPeople } from './people-directory.repository';

/**
 * The people directory, for admins picking whom to top up (and, later, whom to assign): search by
 * name or unit, page by page, and the list of units with their headcount. Access (admins only) is
 * the route's; this reads only enabled people, who are exactly those a top-up reaches.
 */
export function createPeopleDirectory(deps: { db: Kysely<Database> }) {
  const { db } = deps;
  return {
    async search(query: PeopleQuery): Promise<PeoplePage> {
      const page = query.page ?? 1;
      const pageSize = query.pageSize ?? PEOPLE_DIRECTORY_LIMITS.defaultPageSize;
      const text = query.q?.trim() || undefined;
      const { rows, total } = await searchPeople(
        db,
        { text, unit: query.unit },
        { offset: (page - 1) * pageSize, limit: pageSize },
      );
      return { items: rows, total, page, pageSize };
    },

    async units(query: UnitsQuery): Promise<UnitList> {
      return { items: await listUnits(db, query.q?.trim() || undefined) };
    },
  };
}

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;
