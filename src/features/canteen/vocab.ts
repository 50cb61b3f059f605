/**
 * Canteen vocabularies and small rules the screens need as values. They mirror contract/canteen.ts,
 * which the app may not import as values: it imports contract/workdays.ts and with it the
 * chinese-days tables. __tests__/vocab.test.ts checks these against the contract.
 */
import type { Allergen, DishCategory, MealKind, VoteValue } from '@contract/canteen';
import type { MenuDish } from '@contract/canteen.schema';
import { API_BASE } from '@/shared/http';

export const MEAL_ORDER: readonly MealKind[] = ['breakfast', 'lunch', 'dinner'];

export const MEAL_LABELS: Record<MealKind, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' };

export const DISH_CATEGORIES: readonly DishCategory[] = [
  '荤菜',
  '半荤',
  '素菜',
  '凉菜',
  '汤',
  '主食',
  '面点',
  '粥',
  '小吃',
  '水果',
  '饮品',
];

export const ALLERGENS: readonly Allergen[] = [
  '含麸质谷物',
  '甲壳类',
  '鱼类',
  '蛋类',
  '花生',
  '大豆',
  '乳制品',
  '坚果',
];

/** Limits of the dish form (contract/canteen.schema.ts DishFields). */
export const DISH_LIMITS = { name: 30, tag: 8, tags: 6, description: 200 } as const;

/** Photo uploads: JPEG, PNG or WebP, at most 5 MB (contract/uploads.schema.ts). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

interface Window {
  meal: MealKind;
  servingStart: string;
  servingEnd: string;
}

/** The meal to show first at `time` (`HH:mm`): the one being served, else the next, else the last. */
export function currentMeal(meals: readonly Window[], time: string): MealKind | undefined {
  if (meals.length === 0) return undefined;
  const serving = meals.find((m) => m.servingStart <= time && time < m.servingEnd);
  if (serving) return serving.meal;
  const next = meals.find((m) => time < m.servingStart);
  return (next ?? meals[meals.length - 1]).meal;
}

export type ServingState = 'serving' | 'upcoming' | 'over';

export function servingState(window: Window, time: string): ServingState {
  if (time < window.servingStart) return 'upcoming';
  return time < window.servingEnd ? 'serving' : 'over';
}

/** A dish's counts after the caller's vote moves from `dish.myVote` to `next` (null withdraws). */
export function withVote<T extends Pick<MenuDish, 'up' | 'down' | 'myVote'>>(dish: T, next: VoteValue | null): T {
  let { up, down } = dish;
  if (dish.myVote === 'up') up -= 1;
  if (dish.myVote === 'down') down -= 1;
  if (next === 'up') up += 1;
  if (next === 'down') down += 1;
  return { ...dish, up: Math.max(0, up), down: Math.max(0, down), myVote: next };
}

/**
 * Where an uploaded photo is served from: `photoUrl` is relative to the API host (`/api/uploads/…`),
 * which is this origin on H5 and TARO_APP_API_BASE's host on mini-programs.
 */
export function photoSrc(photoUrl: string | null): string | undefined {
  if (!photoUrl) return undefined;
  if (/^https?:\/\//.test(photoUrl)) return photoUrl;
  return `${API_BASE.replace(/\/api\/?$/, '')}${photoUrl}`;
}
