import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, nullable, stringEnum } from './common.schema';
import { pageOf } from './page.schema';
import { PLATE_INPUT_MAX } from './plate';

/** Plates one person may keep in 我的车辆. */
export const PARKING_CARS_MAX = 3;
/** Credit: this many no-shows within `NO_SHOW_WINDOW_DAYS` suspend booking for `SUSPENSION_DAYS`. */
export const NO_SHOW_LIMIT = 3;
export const NO_SHOW_WINDOW_DAYS = 30;
export const SUSPENSION_DAYS = 7;
/** Characters of a lot's name, a standing car's note, a manual let-in's reason. */
export const PARKING_TEXT_MAX = 100;

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: "'HH:mm' Asia/Shanghai" });
/** Checked by the BFF (INVALID_DATE), as canteen's DateSchema. */
const Day = Type.String({ maxLength: 32, description: '日期 YYYY-MM-DD（北京时间）' });
const PlateInput = Type.String({ minLength: 1, maxLength: PLATE_INPUT_MAX });
const Text = Type.String({ minLength: 1, maxLength: PARKING_TEXT_MAX });

export const LotKindSchema = stringEnum(['staff', 'visitor'] as const);
export type LotKind = Static<typeof LotKindSchema>;

/** A lot's rules (admin). Times on half hours. */
export const LotRulesSchema = Type.Object({
  kind: LotKindSchema,
  /** Bookable hours. */
  openTime: Time,
  closeTime: Time,
  /** Bookable from today up to today + horizonDays. */
  horizonDays: Type.Integer({ minimum: 0, maximum: 60 }),
  /** Only Chinese workdays (holidays and 调休 included). */
  workdaysOnly: Type.Boolean(),
  /** A day's spaces open at this time on the day before; null: at any hour. */
  bookingOpensAt: nullable(Time),
  /** Cancel until this many minutes before the window starts. */
  cancelDeadlineMinutes: Type.Integer({ minimum: 0, maximum: 1440 }),
  /** No entry by the window's start + grace: released and given to the waiting list. */
  graceMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
  /** The gate opens this many minutes before the window and after it. */
  toleranceMinutes: Type.Integer({ minimum: 0, maximum: 120 }),
  perDayLimit: Type.Integer({ minimum: 1, maximum: 10 }),
  perWeekLimit: Type.Integer({ minimum: 1, maximum: 50 }),
});
export type LotRules = Static<typeof LotRulesSchema>;

export const ParkingLotSchema = Type.Composite([
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    capacity: Type.Integer(),
    /** Official cars on the standing list: they take spaces from the capacity. */
    standingCount: Type.Integer(),
    /** The gate (道闸) of this lot, as gate events name it. */
    gateId: Type.String(),
  }),
  LotRulesSchema,
]);
export type ParkingLot = Static<typeof ParkingLotSchema>;

export const ParkingLotListSchema = Type.Object({ items: Type.Array(ParkingLotSchema) });
export type ParkingLotList = Static<typeof ParkingLotListSchema>;

/** A new lot: a name and a capacity suffice (workdays 07:00–20:00, 7 days ahead, any hour). */
export const NewLotSchema = Type.Object({
  name: Text,
  capacity: Type.Integer({ minimum: 1, maximum: 10_000 }),
  kind: Type.Optional(LotKindSchema),
  openTime: Type.Optional(Time),
  closeTime: Type.Optional(Time),
  horizonDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  workdaysOnly: Type.Optional(Type.Boolean()),
  /** Omit for "at any hour". */
  bookingOpensAt: Type.Optional(Time),
  cancelDeadlineMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 1440 })),
  graceMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
  toleranceMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })),
  perDayLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  perWeekLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export type NewLot = Static<typeof NewLotSchema>;

/** Changed rules of a lot (admin); `anyHour: true` removes the opening time. */
export const LotChangeSchema = Type.Composite([
  Type.Partial(Type.Omit(NewLotSchema, ['kind'])),
  Type.Object({ anyHour: Type.Optional(Type.Boolean()) }),
]);
export type LotChange = Static<typeof LotChangeSchema>;

export const LotCreatedSchema = Type.Object({ lot: ParkingLotSchema });

export const StandingCarSchema = Type.Object({ plate: Type.String(), note: Type.String() });
export type StandingCar = Static<typeof StandingCarSchema>;
export const StandingListSchema = Type.Object({ items: Type.Array(StandingCarSchema) });
export type StandingList = Static<typeof StandingListSchema>;
/** Replaces a lot's standing list (official cars, 公务车). */
export const StandingPutSchema = Type.Object({
  items: Type.Array(
    Type.Object({ plate: PlateInput, note: Type.Optional(Type.String({ maxLength: PARKING_TEXT_MAX })) }),
    {
      maxItems: 500,
    },
  ),
});
export type StandingPut = Static<typeof StandingPutSchema>;

export const LotParamsSchema = Type.Object({ lotId: Type.String({ minLength: 1, maxLength: 64 }) });
export const DateQuerySchema = Type.Object({ date: Type.Optional(Day) });
export type DateQuery = Static<typeof DateQuerySchema>;

/** Free spaces over a day, per half hour of the lot's hours. */
export const AvailabilitySchema = Type.Object({
  lotId: Type.String(),
  date: Day,
  /** Spaces bookable at any one time: capacity less the standing list. */
  spaces: Type.Integer(),
  /** Whether the date takes bookings now; `refusal` says why not (an error code). */
  bookable: Type.Boolean(),
  refusal: nullable(Type.String()),
  openTime: Time,
  closeTime: Time,
  slots: Type.Array(Type.Object({ startsAt: Time, endsAt: Time, free: Type.Integer() })),
  /** Free for the whole of the lot's hours. */
  freeAllDay: Type.Integer(),
});
export type Availability = Static<typeof AvailabilitySchema>;

export const BookingStatusSchema = stringEnum([
  'booked',
  'entered',
  'left',
  'cancelled',
  'released',
  'waitlisted',
  'expired',
] as const);
export type BookingStatus = Static<typeof BookingStatusSchema>;

export const BookingSchema = Type.Object({
  id: Type.String(),
  lotId: Type.String(),
  lotName: Type.String(),
  date: Day,
  startsAt: Time,
  endsAt: Time,
  /** As the gate's camera reads it. */
  plate: Type.String(),
  status: BookingStatusSchema,
  /** On the waiting list: 1 = next to be booked. */
  position: nullable(Type.Integer()),
  /** Until when it may be cancelled (null once it cannot be). */
  cancellableUntil: nullable(InstantSchema),
  createdAt: InstantSchema,
  enteredAt: nullable(InstantSchema),
  leftAt: nullable(InstantSchema),
});
export type Booking = Static<typeof BookingSchema>;

export const NewBookingSchema = Type.Object({
  lotId: Type.String({ minLength: 1, maxLength: 64 }),
  date: Day,
  /** Omit both for the lot's whole day. */
  startsAt: Type.Optional(Time),
  endsAt: Type.Optional(Time),
  plate: PlateInput,
  /** When the lot is full: join its waiting list instead of being refused. */
  waitlist: Type.Optional(Type.Boolean()),
});
export type NewBooking = Static<typeof NewBookingSchema>;

export const BookingCreatedSchema = Type.Object({ booking: BookingSchema });
export const BookingPageSchema = pageOf(BookingSchema);
export type BookingPage = Static<typeof BookingPageSchema>;

export const CarSchema = Type.Object({ plate: Type.String(), createdAt: InstantSchema });
export type Car = Static<typeof CarSchema>;
export const CarListSchema = Type.Object({ items: Type.Array(CarSchema) });
export type CarList = Static<typeof CarListSchema>;
export const NewCarSchema = Type.Object({ plate: PlateInput });
export const PlateParamsSchema = Type.Object({ plate: Type.String({ minLength: 1, maxLength: 40 }) });

export const GateDirectionSchema = stringEnum(['in', 'out'] as const);
export const GateEventSchema = Type.Object({
  gateId: Type.String({ minLength: 1, maxLength: 64 }),
  plate: PlateInput,
  direction: GateDirectionSchema,
  at: InstantSchema,
  /** The gate's own id for the event: visible ASCII, as an Idempotency-Key. */
  eventId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[!-~]+$' }),
});
export type GateEvent = Static<typeof GateEventSchema>;

export const GateDecisionSchema = Type.Object({
  decision: stringEnum(['open', 'deny'] as const),
  /** Readable by the guard: why the gate opened or not. */
  reason: Type.String(),
  booking: Type.Optional(
    Type.Object({
      id: Type.String(),
      startsAt: Time,
      endsAt: Type.String(),
      status: BookingStatusSchema,
      holder: Type.String(),
    }),
  ),
});
export type GateDecision = Static<typeof GateDecisionSchema>;

export const LetInSchema = Type.Object({
  lotId: Type.String({ minLength: 1, maxLength: 64 }),
  plate: PlateInput,
  reason: Text,
});
export type LetIn = Static<typeof LetInSchema>;

export const ExpectedQuerySchema = Type.Object({
  date: Type.Optional(Day),
  /** Part of a plate. */
  q: Type.Optional(Type.String({ maxLength: PLATE_INPUT_MAX })),
});
export type ExpectedQuery = Static<typeof ExpectedQuerySchema>;
export const ExpectedPlateSchema = Type.Object({
  plate: Type.String(),
  source: stringEnum(['booking', 'visitor', 'standing'] as const),
  holder: Type.String(),
  startsAt: nullable(Time),
  endsAt: nullable(Time),
  status: nullable(BookingStatusSchema),
});
export type ExpectedPlate = Static<typeof ExpectedPlateSchema>;
export const ExpectedListSchema = Type.Object({ items: Type.Array(ExpectedPlateSchema) });
export type ExpectedList = Static<typeof ExpectedListSchema>;

export const GateFeedItemSchema = Type.Object({
  id: Type.String(),
  plate: Type.String(),
  direction: GateDirectionSchema,
  decision: stringEnum(['open', 'deny'] as const),
  reason: Type.String(),
  at: InstantSchema,
  manual: Type.Boolean(),
  /** Manual let-in: the guard and the reason (audit). */
  by: nullable(Type.String()),
  note: nullable(Type.String()),
});
export type GateFeedItem = Static<typeof GateFeedItemSchema>;
export const GateFeedPageSchema = pageOf(GateFeedItemSchema);
export type GateFeedPage = Static<typeof GateFeedPageSchema>;

export const OccupancySchema = Type.Object({
  lotId: Type.String(),
  date: Day,
  spaces: Type.Integer(),
  /** Cars inside now (entries less exits today). */
  inside: Type.Integer(),
  /** Booked per half hour of the lot's hours. */
  slots: Type.Array(Type.Object({ startsAt: Time, booked: Type.Integer() })),
  noShows: Type.Integer(),
  waiting: Type.Integer(),
});
export type Occupancy = Static<typeof OccupancySchema>;

export const NoShowSchema = Type.Object({
  bookingId: Type.String(),
  holder: Type.String(),
  plate: Type.String(),
  lotName: Type.String(),
  date: Day,
  startsAt: Time,
  releasedAt: InstantSchema,
});
export type NoShow = Static<typeof NoShowSchema>;
export const NoShowPageSchema = pageOf(NoShowSchema);
export type NoShowPage = Static<typeof NoShowPageSchema>;

export const SuspensionSchema = Type.Object({
  id: Type.String(),
  personName: Type.String(),
  unit: Type.String(),
  from: InstantSchema,
  until: InstantSchema,
});
export type Suspension = Static<typeof SuspensionSchema>;
export const SuspensionListSchema = Type.Object({ items: Type.Array(SuspensionSchema) });
export type SuspensionList = Static<typeof SuspensionListSchema>;
