import { Type, type Static } from '@sinclair/typebox';
import { ALLERGENS, DISH_CATEGORIES, MEAL_KINDS, TIME_PATTERN, VOTE_VALUES } from './canteen';
import { InstantSchema } from './common.schema';
import { UPLOAD_URL_PATTERN } from './uploads.schema';

/**
 * A date `YYYY-MM-DD` in Asia/Shanghai. Checked by the BFF rather than by the schema, so a
 * malformed or impossible date (2026-02-30) always answers INVALID_DATE.
 */
export const DateSchema = Type.String({
  maxLength: 32,
  description: '日期 YYYY-MM-DD（北京时间）',
  examples: ['2026-11-23'],
});

/** `HH:mm`, Asia/Shanghai wall-clock time. */
export const TimeSchema = Type.String({
  pattern: TIME_PATTERN,
  description: '时间 HH:mm（北京时间）',
  examples: ['11:30'],
});

export const MealKindSchema = Type.Union(MEAL_KINDS.map((m) => Type.Literal(m)));
export const DishCategorySchema = Type.Union(DISH_CATEGORIES.map((c) => Type.Literal(c)));
export const AllergenSchema = Type.Union(ALLERGENS.map((a) => Type.Literal(a)));
export const VoteValueSchema = Type.Union(VOTE_VALUES.map((v) => Type.Literal(v)));

const IdString = Type.String({ minLength: 1, maxLength: 64 });

export const ServingWindowSchema = Type.Object(
  { meal: MealKindSchema, servingStart: TimeSchema, servingEnd: TimeSchema },
  { additionalProperties: false },
);
export type ServingWindowBody = Static<typeof ServingWindowSchema>;

export const HeadcountCutoffSchema = Type.Object(
  {
    /** 0 = the same day, 1 = the day before … */
    daysBefore: Type.Integer({ minimum: 0, maximum: 7 }),
    time: TimeSchema,
  },
  { additionalProperties: false },
);

// ---- canteens ---------------------------------------------------------------------------------

export const CanteenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  location: Type.String(),
  /** The meals it serves, breakfast → dinner, with serving windows. */
  meals: Type.Array(ServingWindowSchema),
  /** 报餐 closes `daysBefore` days before the meal's day at `time`. */
  headcountCutoff: HeadcountCutoffSchema,
  /** Whether the caller may edit its dishes and menus (its canteen staff, or an admin). */
  canManage: Type.Boolean(),
});
export type Canteen = Static<typeof CanteenSchema>;

export const CanteenListSchema = Type.Object({ items: Type.Array(CanteenSchema) });
export type CanteenList = Static<typeof CanteenListSchema>;

export const CanteenParamsSchema = Type.Object({ canteenId: IdString });
export type CanteenParams = Static<typeof CanteenParamsSchema>;

/** Admin: change any of the settings; `meals` replaces the whole list. */
export const CanteenUpdateSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    location: Type.Optional(Type.String({ maxLength: 60 })),
    meals: Type.Optional(Type.Array(ServingWindowSchema, { minItems: 1, maxItems: 3 })),
    headcountCutoff: Type.Optional(HeadcountCutoffSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CanteenUpdate = Static<typeof CanteenUpdateSchema>;

export const CanteenStaffSchema = Type.Object({
  people: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() })),
});
export type CanteenStaff = Static<typeof CanteenStaffSchema>;

/** Admin: the people (holding the 食堂 role) who manage this canteen; replaces the list. */
export const CanteenStaffUpdateSchema = Type.Object(
  { personIds: Type.Array(IdString, { maxItems: 100, uniqueItems: true }) },
  { additionalProperties: false },
);
export type CanteenStaffUpdate = Static<typeof CanteenStaffUpdateSchema>;

// ---- dishes -----------------------------------------------------------------------------------

export const DishSchema = Type.Object({
  id: Type.String(),
  canteenId: Type.String(),
  name: Type.String(),
  category: DishCategorySchema,
  /** Free labels such as 清淡, 辣, 健康餐. */
  tags: Type.Array(Type.String()),
  allergens: Type.Array(AllergenSchema),
  description: Type.String(),
  /** `/api/uploads/<file>` relative to the API host, or null without a photo. */
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  /** Retired dishes stay on past menus but cannot be put on new ones. */
  retired: Type.Boolean(),
});
export type Dish = Static<typeof DishSchema>;

export const DishListSchema = Type.Object({ items: Type.Array(DishSchema) });
export type DishList = Static<typeof DishListSchema>;

const DishFields = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  category: DishCategorySchema,
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 8 }), { maxItems: 6, uniqueItems: true }),
  allergens: Type.Array(AllergenSchema, { maxItems: ALLERGENS.length, uniqueItems: true }),
  description: Type.String({ maxLength: 200 }),
  /** The `url` answered by `POST /api/uploads/images`, or null. */
  photoUrl: Type.Union([Type.String({ pattern: UPLOAD_URL_PATTERN }), Type.Null()]),
};

export const DishCreateSchema = Type.Object(
  {
    name: DishFields.name,
    category: DishFields.category,
    tags: Type.Optional(DishFields.tags),
    allergens: Type.Optional(DishFields.allergens),
    description: Type.Optional(DishFields.description),
    photoUrl: Type.Optional(DishFields.photoUrl),
  },
  { additionalProperties: false },
);
export type DishCreate = Static<typeof DishCreateSchema>;

export const DishUpdateSchema = Type.Partial(Type.Object(DishFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type DishUpdate = Static<typeof DishUpdateSchema>;

export const DishParamsSchema = Type.Object({ canteenId: IdString, dishId: IdString });
export type DishParams = Static<typeof DishParamsSchema>;

export const DishListQuerySchema = Type.Object({
  /** exclude (default): in use only; include: all; only: retired only. */
  retired: Type.Optional(Type.Union([Type.Literal('exclude'), Type.Literal('include'), Type.Literal('only')])),
});
export type DishListQuery = Static<typeof DishListQuerySchema>;

// ---- menus ------------------------------------------------------------------------------------

export const CalendarDaySchema = Type.Object({
  date: Type.String(),
  /** 1 = Monday … 7 = Sunday */
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  /** false: no holiday data for this year yet; the flags are then null, never guessed. */
  known: Type.Boolean(),
  workday: Type.Union([Type.Boolean(), Type.Null()]),
  /** A statutory holiday day off (not merely a weekend). */
  holiday: Type.Union([Type.Boolean(), Type.Null()]),
  /** 调休上班: a weekend day that is a workday. */
  adjustedWorkday: Type.Union([Type.Boolean(), Type.Null()]),
  /** 调休放假 */
  inLieu: Type.Union([Type.Boolean(), Type.Null()]),
  /** e.g. 国庆节, on its holidays and adjusted workdays. */
  name: Type.Union([Type.String(), Type.Null()]),
});

export const MenuDishSchema = Type.Object({
  ...DishSchema.properties,
  up: Type.Integer({ minimum: 0 }),
  down: Type.Integer({ minimum: 0 }),
  /** The caller's vote on this dish on this day. */
  myVote: Type.Union([VoteValueSchema, Type.Null()]),
});
export type MenuDish = Static<typeof MenuDishSchema>;

export const MenuMealSchema = Type.Object({
  meal: MealKindSchema,
  servingStart: Type.String(),
  servingEnd: Type.String(),
  /** Diners see the dishes of published meals only; managers also see drafts. */
  published: Type.Boolean(),
  publishedAt: Type.Union([InstantSchema, Type.Null()]),
  dishes: Type.Array(MenuDishSchema),
});
export type MenuMeal = Static<typeof MenuMealSchema>;

export const DayMenuSchema = Type.Object({
  canteenId: Type.String(),
  date: Type.String(),
  calendar: CalendarDaySchema,
  /** open: today and the 6 days before; notYet: a future day; closed: older. */
  voting: Type.Union([Type.Literal('open'), Type.Literal('notYet'), Type.Literal('closed')]),
  canManage: Type.Boolean(),
  /** Every meal the canteen serves, breakfast → dinner. */
  meals: Type.Array(MenuMealSchema),
});
export type DayMenu = Static<typeof DayMenuSchema>;

export const WeekMenuSchema = Type.Object({
  canteenId: Type.String(),
  start: Type.String(),
  end: Type.String(),
  days: Type.Array(DayMenuSchema),
});
export type WeekMenu = Static<typeof WeekMenuSchema>;

export const MenuQuerySchema = Type.Object({ date: Type.Optional(DateSchema) });
export type MenuQuery = Static<typeof MenuQuerySchema>;

export const WeekQuerySchema = Type.Object({
  /** First day of the 7; default: this week's Monday. */
  start: Type.Optional(DateSchema),
});
export type WeekQuery = Static<typeof WeekQuerySchema>;

export const MealParamsSchema = Type.Object({ canteenId: IdString, date: DateSchema, meal: MealKindSchema });
export type MealParams = Static<typeof MealParamsSchema>;

/** The meal's dishes in serving order; an empty list removes the meal's menu. */
export const MealDishesSchema = Type.Object(
  { dishIds: Type.Array(IdString, { maxItems: 60, uniqueItems: true }) },
  { additionalProperties: false },
);
export type MealDishes = Static<typeof MealDishesSchema>;

/** Copies `days` days of menus starting at `from` onto the days starting at `to`, as drafts. */
export const MenuCopySchema = Type.Object(
  { from: DateSchema, to: DateSchema, days: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, default: 1 })) },
  { additionalProperties: false },
);
export type MenuCopy = Static<typeof MenuCopySchema>;

export const MenuRangeSchema = Type.Object(
  {
    from: DateSchema,
    to: DateSchema,
    /** Default: every meal. */
    meals: Type.Optional(Type.Array(MealKindSchema, { minItems: 1, maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type MenuRange = Static<typeof MenuRangeSchema>;

export const MenuStatusListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      date: Type.String(),
      meal: MealKindSchema,
      published: Type.Boolean(),
      publishedAt: Type.Union([InstantSchema, Type.Null()]),
      dishCount: Type.Integer({ minimum: 0 }),
    }),
  ),
});
export type MenuStatusList = Static<typeof MenuStatusListSchema>;

export const MenuCopyResultSchema = Type.Object({
  ...MenuStatusListSchema.properties,
  /** Retired dishes are left out of the copy. */
  skippedRetired: Type.Integer({ minimum: 0 }),
});
export type MenuCopyResult = Static<typeof MenuCopyResultSchema>;

// ---- votes ------------------------------------------------------------------------------------

export const VoteParamsSchema = Type.Object({ canteenId: IdString, date: DateSchema, dishId: IdString });
export type VoteParams = Static<typeof VoteParamsSchema>;

export const VoteBodySchema = Type.Object({ value: VoteValueSchema }, { additionalProperties: false });
export type VoteBody = Static<typeof VoteBodySchema>;

export const VoteResultSchema = Type.Object({
  dishId: Type.String(),
  up: Type.Integer({ minimum: 0 }),
  down: Type.Integer({ minimum: 0 }),
  myVote: Type.Union([VoteValueSchema, Type.Null()]),
});
export type VoteResult = Static<typeof VoteResultSchema>;

// ---- ranking ----------------------------------------------------------------------------------

export const RankingQuerySchema = Type.Object({
  /** Default: 29 days before `to`. */
  from: Type.Optional(DateSchema),
  /** Default: today. */
  to: Type.Optional(DateSchema),
  /** Dishes with fewer votes than this are left out (too few to judge). */
  minVotes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 3 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export type RankingQuery = Static<typeof RankingQuerySchema>;

export const RankedDishSchema = Type.Object({
  dishId: Type.String(),
  name: Type.String(),
  category: DishCategorySchema,
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  up: Type.Integer({ minimum: 0 }),
  down: Type.Integer({ minimum: 0 }),
  votes: Type.Integer({ minimum: 0 }),
  /** up − down */
  net: Type.Integer(),
});
export type RankedDish = Static<typeof RankedDishSchema>;

export const RankingSchema = Type.Object({
  canteenId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  minVotes: Type.Integer(),
  /** Best first (net score, then more votes); never overlaps `bottom`. */
  top: Type.Array(RankedDishSchema),
  /** Worst first. */
  bottom: Type.Array(RankedDishSchema),
  /** Dishes voted on in the range but left out for having fewer than minVotes votes. */
  hidden: Type.Integer({ minimum: 0 }),
});
export type Ranking = Static<typeof RankingSchema>;
