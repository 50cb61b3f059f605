import type { Kysely } from 'kysely';
import { ALLERGENS, DISH_CATEGORIES, type Allergen, type DishCategory } from '@contract/canteen';
import type { Dish, DishCreate, DishList, DishUpdate } from '@contract/canteen.schema';
import type { Database } from '../../db/schema';
import { DomainError } from '../../errors';
import { newId } from '../../lib/ids';
import { toStored, type Clock } from '../../lib/time';
import type { Person } from '../auth';
import { uploadIdOfUrl, uploadUrl, type UploadsService } from '../uploads';
import type { CanteenService } from './canteen.service';
import type { DishRow } from './canteen.table';
import type { MenuChanges } from './menu-changes';
import {
  findDish,
  findDishByName,
  insertDishes,
  listDishes,
  updateDish,
  type RetiredFilter,
} from './dishes.repository';

export const dishNotFound = () => new DomainError('DISH_NOT_FOUND', 404);

function parseList(json: string | null): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Tags stored as JSON text. */
export const parseTags = (json: string | null): string[] => parseList(json);

/** Allergens stored as JSON text; anything outside the closed list is dropped. */
export const parseAllergens = (json: string | null): Allergen[] =>
  parseList(json).filter((a): a is Allergen => (ALLERGENS as readonly string[]).includes(a));

/** The dish columns every dish-shaped answer is built from (a dish row, or a menu join row). */
export interface DishColumns {
  name: string;
  category: string;
  tags: string;
  allergens: string;
  description: string;
  photo: string | null;
  retired: number;
}

/** Stored values came through the schema; anything else (hand-edited data) shows as 荤菜. */
export const asCategory = (value: string): DishCategory =>
  (DISH_CATEGORIES as readonly string[]).includes(value) ? (value as DishCategory) : '荤菜';

export function toDish(id: string, canteenId: string, row: DishColumns): Dish {
  return {
    id,
    canteenId,
    name: row.name,
    category: asCategory(row.category),
    tags: parseTags(row.tags),
    allergens: parseAllergens(row.allergens),
    description: row.description,
    photoUrl: row.photo ? uploadUrl(row.photo) : null,
    retired: row.retired === 1,
  };
}

const fromRow = (row: DishRow): Dish => toDish(row.id, row.canteen_id, row);

/** A unique-index violation on either dialect (the name race between two creates). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function createDishesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  canteens: CanteenService;
  uploads: Pick<UploadsService, 'find'>;
  changes: MenuChanges;
}) {
  const { db, clock, canteens, uploads, changes } = deps;

  async function photoId(photoUrl: string | null | undefined): Promise<string | null | undefined> {
    if (photoUrl === undefined) return undefined;
    if (photoUrl === null) return null;
    const id = uploadIdOfUrl(photoUrl);
    if (!id || !(await uploads.find(id))) throw new DomainError('UPLOAD_NOT_FOUND', 400);
    return id;
  }

  async function dishOf(canteenId: string, dishId: string): Promise<DishRow> {
    const row = await findDish(db, dishId);
    if (!row || row.canteen_id !== canteenId) throw dishNotFound();
    return row;
  }

  async function assertNameFree(canteenId: string, name: string, exceptId?: string): Promise<void> {
    const holder = await findDishByName(db, canteenId, name);
    if (holder && holder.id !== exceptId) throw new DomainError('DISH_NAME_TAKEN', 409);
  }

  async function write(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('DISH_NAME_TAKEN', 409);
      throw error;
    }
  }

  return {
    /** A dish of any canteen by id, retired or not (other modules link to dishes through this). */
    find: (dishId: string): Promise<DishRow | undefined> => findDish(db, dishId),

    async list(person: Person, canteenId: string, retired: RetiredFilter = 'exclude'): Promise<DishList> {
      await canteens.getManaged(person, canteenId);
      return { items: (await listDishes(db, canteenId, retired)).map(fromRow) };
    },

    async create(person: Person, canteenId: string, input: DishCreate): Promise<Dish> {
      await canteens.getManaged(person, canteenId);
      const name = input.name.trim();
      if (!name) throw new DomainError('VALIDATION_FAILED', 400);
      const photo = (await photoId(input.photoUrl)) ?? null;
      await assertNameFree(canteenId, name);
      const at = toStored(clock.now());
      const row: DishRow = {
        id: newId(),
        canteen_id: canteenId,
        name,
        category: input.category,
        tags: JSON.stringify(input.tags ?? []),
        allergens: JSON.stringify(input.allergens ?? []),
        description: input.description ?? '',
        photo,
        retired: 0,
        created_at: at,
        updated_at: at,
      };
      await write(() => insertDishes(db, [row]));
      return fromRow(row);
    },

    async update(person: Person, canteenId: string, dishId: string, patch: DishUpdate): Promise<Dish> {
      await canteens.getManaged(person, canteenId);
      await dishOf(canteenId, dishId);
      const set: Partial<DishRow> = { updated_at: toStored(clock.now()) };
      if (patch.name !== undefined) {
        const name = patch.name.trim();
        if (!name) throw new DomainError('VALIDATION_FAILED', 400);
        await assertNameFree(canteenId, name, dishId);
        set.name = name;
      }
      if (patch.category !== undefined) set.category = patch.category;
      if (patch.tags !== undefined) set.tags = JSON.stringify(patch.tags);
      if (patch.allergens !== undefined) set.allergens = JSON.stringify(patch.allergens);
      if (patch.description !== undefined) set.description = patch.description;
      const photo = await photoId(patch.photoUrl);
      if (photo !== undefined) set.photo = photo;
      await write(() => updateDish(db, dishId, set));
      changes.changed({ canteenId });
      return fromRow(await dishOf(canteenId, dishId));
    },

    /** Retired dishes stay on the menus they were on, but cannot be put on new ones. */
    async setRetired(person: Person, canteenId: string, dishId: string, retired: boolean): Promise<Dish> {
      await canteens.getManaged(person, canteenId);
      await dishOf(canteenId, dishId);
      await updateDish(db, dishId, { retired: retired ? 1 : 0, updated_at: toStored(clock.now()) });
      changes.changed({ canteenId });
      return fromRow(await dishOf(canteenId, dishId));
    },
  };
}

export type DishesService = ReturnType<typeof createDishesService>;
