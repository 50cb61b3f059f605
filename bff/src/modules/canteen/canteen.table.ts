import type { Selectable } from 'kysely';

/** The meals a canteen serves, with serving windows ('HH:mm', Asia/Shanghai). */
/** Which canteen a canteen-role person works for. */
export interface CanteenStaffTable {
  person_id: string;
  canteen_id: string;
}

export interface CanteenMealsTable {
  canteen_id: string;
  meal: 'breakfast' | 'lunch' | 'dinner';
  serving_start: string;
  serving_end: string;
}

export interface DishesTable {
  id: string;
  canteen_id: string;
  name: string;
  category: string;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of allergen names. */
  allergens: string;
  description: string;
  /** uploads.id of the photo, or null. */
  photo: string | null;
  retired: number;
  created_at: string;
  updated_at: string;
}

/** A (canteen, day, meal) that has a menu; drafts have published = 0. */
export interface MenusTable {
  canteen_id: string;
  date: string;
  meal: 'breakfast' | 'lunch' | 'dinner';
  published: number;
  published_at: string | null;
  updated_at: string;
}

export interface MenuDishesTable {
  canteen_id: string;
  date: string;
  meal: 'breakfast' | 'lunch' | 'dinner';
  dish_id: string;
  /** Serving order within the meal, from 0. */
  position: number;
}

/** Primary key (canteen_id, date, dish_id, person_id): one vote per person, canteen, day and dish. */
export interface DishVotesTable {
  canteen_id: string;
  date: string;
  dish_id: string;
  person_id: string;
  value: 'up' | 'down';
  created_at: string;
  updated_at: string;
}

export type CanteenMealRow = Selectable<CanteenMealsTable>;
export type DishRow = Selectable<DishesTable>;
export type MenuRow = Selectable<MenusTable>;

/** The canteen module's tables. */
export interface CanteenTables {
  canteen_staff: CanteenStaffTable;
  canteen_meals: CanteenMealsTable;
  dishes: DishesTable;
  menus: MenusTable;
  menu_dishes: MenuDishesTable;
  dish_votes: DishVotesTable;
}
