import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DishRow } from './canteen.table';

type Db = Kysely<Database>;

export type RetiredFilter = 'exclude' | 'include' | 'only';

export async function listDishes(db: Db, canteenId: string, retired: RetiredFilter): Promise<DishRow[]> {
  let query = db.selectFrom('dishes').selectAll().where('canteen_id', '=', canteenId);
  if (retired === 'exclude') query = query.where('retired', '=', 0);
  if (retired === 'only') query = query.where('retired', '=', 1);
  return query.orderBy('category').orderBy('name').execute();
}

export async function countDishes(db: Db, canteenId: string): Promise<number> {
  const row = await db
    .selectFrom('dishes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canteen_id', '=', canteenId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findDish(db: Db, id: string): Promise<DishRow | undefined> {
  return db.selectFrom('dishes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findDishes(db: Db, ids: string[]): Promise<DishRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('dishes').selectAll().where('id', 'in', ids).execute();
}

export async function findDishByName(db: Db, canteenId: string, name: string): Promise<DishRow | undefined> {
  return db
    .selectFrom('dishes')
    .selectAll()
    .where('canteen_id', '=', canteenId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertDishes(db: Db, rows: DishRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('dishes').values(rows).execute();
}

export async function updateDish(
  db: Db,
  id: string,
  set: Partial<Omit<DishRow, 'id' | 'canteen_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('dishes').set(set).where('id', '=', id).execute();
}
