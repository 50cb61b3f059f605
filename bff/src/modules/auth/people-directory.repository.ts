import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Role } from '@contract/roles';
import { rolesOf, sortRoles } from './people.repository';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export interface DirectoryFilter {
  /** Contained in the name or the unit (case-insensitive), or equal to the id; trimmed, non-empty. */
  text?: string;
  /** Exactly this unit. */
  unit?: string;
}

export interface DirectoryRow {
  id: string;
  name: string;
  unit: string;
  roles: Role[];
  balanceFen: number;
}

/** `LIKE` pattern for "contains", with `%`, `_` and the escape character itself taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/**
 * "Contains, ignoring case" on both dialects. Each database's lower() folds what it knows (SQLite:
 * ASCII only; PostgreSQL: all of Unicode) and JavaScript folds all of Unicode, so text typed as
 * stored is also matched as it is: 'ＩＴ' finds 'ＩＴ中心' on SQLite too.
 */
function containsIgnoringCase(column: 'people.name' | 'people.unit', text: string) {
  const folded = containsPattern(text.toLowerCase());
  const asTyped = containsPattern(text);
  return sql<boolean>`(lower(${sql.ref(column)}) like ${folded} escape '!' or ${sql.ref(column)} like ${asTyped} escape '!')`;
}

/** Enabled people matching the filter (disabled accounts cannot be topped up, so they are not offered). */
function matching(db: Db, filter: DirectoryFilter): SelectQueryBuilder<Database, 'people', object> {
  let query = db.selectFrom('people').where('people.disabled', '=', 0);
  if (filter.unit !== undefined) query = query.where('people.unit', '=', filter.unit);
  if (filter.text) {
    const text = filter.text;
    query = query.where((eb) =>
      eb.or([
        containsIgnoringCase('people.name', text),
        containsIgnoringCase('people.unit', text),
        eb('people.id', '=', text),
      ]),
    );
  }
  return query;
}

/** One page of matching people, by unit, name and id, with their roles and meal-card balance; and how many match. */
export async function searchPeople(
  db: Db,
  filter: DirectoryFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: DirectoryRow[]; total: number }> {
  const [people, count] = await Promise.all([
    matching(db, filter)
      .leftJoin('meal_cards', 'meal_cards.person_id', 'people.id')
      .select(['people.id', 'people.name', 'people.unit', 'meal_cards.balance_fen'])
      .orderBy('people.unit')
      .orderBy('people.name')
      .orderBy('people.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    matching(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const roles = await rolesOf(
    db,
    people.map((p) => p.id),
  );
  return {
    total: Number(count.n),
    rows: people.map((p) => ({
      id: p.id,
      name: p.name,
      unit: p.unit,
      roles: sortRoles(roles.get(p.id) ?? []),
      balanceFen: p.balance_fen ?? 0,
    })),
  };
}

/** Units of enabled people (not the empty one), with how many each has, by name; `text` filters by contains. */
export async function listUnits(db: Db, text?: string): Promise<{ unit: string; people: number }[]> {
  let query = db
    .selectFrom('people')
    .select(['people.unit', (eb) => eb.fn.countAll<number>().as('people')])
    .where('people.disabled', '=', 0)
    .where('people.unit', '<>', '');
  if (text) query = query.where(containsIgnoringCase('people.unit', text));
  const rows = await query.groupBy('people.unit').orderBy('people.unit').execute();
  return rows.map((r) => ({ unit: r.unit, people: Number(r.people) }));
}
