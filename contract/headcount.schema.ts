import { Type, type Static } from '@sinclair/typebox';
import { HEADCOUNT_MEALS } from './canteen';
import { CalendarDaySchema, DateSchema } from './canteen.schema';
import { InstantSchema } from './common.schema';

export const HeadcountMealSchema = Type.Union(HEADCOUNT_MEALS.map((m) => Type.Literal(m)));

export const MyHeadcountQuerySchema = Type.Object({
  /** How many upcoming workdays to list (today included while any canteen still takes sign-ups). */
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
});
export type MyHeadcountQuery = Static<typeof MyHeadcountQuerySchema>;

export const HeadcountOptionSchema = Type.Object({
  canteenId: Type.String(),
  /** When sign-ups for this canteen close for this day. */
  closesAt: InstantSchema,
  open: Type.Boolean(),
});

export const MyHeadcountDaySchema = Type.Object({
  date: Type.String(),
  calendar: CalendarDaySchema,
  meals: Type.Array(
    Type.Object({
      meal: HeadcountMealSchema,
      /** Where I will eat, or null (not signed up). */
      canteenId: Type.Union([Type.String(), Type.Null()]),
      /** The canteens serving this meal, with their cut-off for this day. */
      options: Type.Array(HeadcountOptionSchema),
    }),
  ),
});

/** 报餐: my sign-ups for the next workdays. Holidays are skipped, 调休 workdays included. */
export const MyHeadcountSchema = Type.Object({
  days: Type.Array(MyHeadcountDaySchema),
  /** The last date with holiday data; later days cannot be signed up for yet. */
  calendarLastDate: Type.String(),
});
export type MyHeadcount = Static<typeof MyHeadcountSchema>;

/** Sets some of my sign-ups, all or nothing; `canteenId: null` withdraws. Other days stay as they are. */
export const MyHeadcountUpdateSchema = Type.Object(
  {
    entries: Type.Array(
      Type.Object(
        {
          date: DateSchema,
          meal: HeadcountMealSchema,
          canteenId: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 40 },
    ),
  },
  { additionalProperties: false },
);
export type MyHeadcountUpdate = Static<typeof MyHeadcountUpdateSchema>;

export const ForecastQuerySchema = Type.Object({
  /** Default: today. */
  from: Type.Optional(DateSchema),
  /** Default: 6 days after `from`; at most 31 days in all. */
  to: Type.Optional(DateSchema),
});
export type ForecastQuery = Static<typeof ForecastQuerySchema>;

/** Canteen: how many people signed up, per day and meal. */
export const ForecastSchema = Type.Object({
  canteenId: Type.String(),
  from: Type.String(),
  to: Type.String(),
  days: Type.Array(
    Type.Object({
      date: Type.String(),
      calendar: CalendarDaySchema,
      meals: Type.Array(Type.Object({ meal: HeadcountMealSchema, count: Type.Integer({ minimum: 0 }) })),
      total: Type.Integer({ minimum: 0 }),
    }),
  ),
  total: Type.Integer({ minimum: 0 }),
});
export type Forecast = Static<typeof ForecastSchema>;
