/**
 * Canteen rules and vocabularies shared by the app and the BFF. Dependency-free (no TypeBox), so the
 * app may import these as values; the wire shapes are in canteen.schema.ts and headcount.schema.ts.
 */
import { addDays, daysBetween, shanghaiInstant, shanghaiTime } from './workdays';

export const MEAL_KINDS = ['breakfast', 'lunch', 'dinner'] as const;
export type MealKind = (typeof MEAL_KINDS)[number];

export const MEAL_LABELS: Record<MealKind, string> = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' };

/** Meals people sign up for (报餐); breakfast is walk-in. */
export const HEADCOUNT_MEALS = ['lunch', 'dinner'] as const;
export type HeadcountMeal = (typeof HEADCOUNT_MEALS)[number];

export const DISH_CATEGORIES = [
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
] as const;
export type DishCategory = (typeof DISH_CATEGORIES)[number];

/** The eight allergen groups of GB 7718-2011 (预包装食品标签通则), as canteens label them. */
export const ALLERGENS = ['含麸质谷物', '甲壳类', '鱼类', '蛋类', '花生', '大豆', '乳制品', '坚果'] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const VOTE_VALUES = ['up', 'down'] as const;
export type VoteValue = (typeof VOTE_VALUES)[number];

/** Votes are open for today's menu and the menus of the previous days, 7 days in all. */
export const VOTE_WINDOW_DAYS = 7;

export type VotingState = 'open' | 'notYet' | 'closed';

/** Whether the menu of `date` can be voted on when it is `today` (both Asia/Shanghai dates). */
export function votingState(date: string, today: string): VotingState {
  const age = daysBetween(date, today);
  if (age < 0) return 'notYet';
  return age < VOTE_WINDOW_DAYS ? 'open' : 'closed';
}

/** 报餐 for a day closes `daysBefore` days earlier at `time` (Asia/Shanghai), e.g. 16:00 the day before. */
export interface HeadcountCutoff {
  daysBefore: number;
  /** `HH:mm` */
  time: string;
}

export function headcountDeadline(date: string, cutoff: HeadcountCutoff): Date {
  return shanghaiInstant(addDays(date, -cutoff.daysBefore), cutoff.time);
}

export function isHeadcountOpen(date: string, cutoff: HeadcountCutoff, now: Date): boolean {
  return now.getTime() < headcountDeadline(date, cutoff).getTime();
}

export interface ServingWindow {
  meal: MealKind;
  /** `HH:mm` */
  servingStart: string;
  /** `HH:mm` */
  servingEnd: string;
}

/**
 * The meal to show first: the one being served now, else the next one today, else the last one.
 * (今日菜品 puts the meal being served now at the top.)
 */
export function currentMeal(meals: readonly ServingWindow[], now: Date): MealKind | undefined {
  if (meals.length === 0) return undefined;
  const time = shanghaiTime(now);
  const serving = meals.find((m) => m.servingStart <= time && time < m.servingEnd);
  if (serving) return serving.meal;
  const next = meals.find((m) => time < m.servingStart);
  return (next ?? meals[meals.length - 1]).meal;
}

/** `HH:mm`, 00:00–23:59. */
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
