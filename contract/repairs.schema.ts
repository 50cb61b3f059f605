import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, nullable, stringEnum } from './common.schema';
import { PageQuerySchema, pageOf } from './page.schema';
import { REPAIR_DESCRIPTION_MAX, REPAIR_NOTE_MAX, REPAIR_SKILLS, REPAIR_STATUSES } from './repairs';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Note = Type.String({ maxLength: REPAIR_NOTE_MAX });
/**
 * Photo ids: the schema lets up to 20 through so that 10 photos answer REPAIR_TOO_MANY_PHOTOS
 * (its own code) rather than a generic validation failure.
 */
const PhotoIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, uniqueItems: true });

export const RepairSkillSchema = stringEnum(REPAIR_SKILLS);
export const RepairStatusSchema = stringEnum(REPAIR_STATUSES);
export const SlaStateSchema = stringEnum(['on-time', 'at-risk', 'overdue'] as const);

/** Accept within A minutes, arrive within B minutes, finish within C hours (from the report). */
export const RepairSlaSchema = Type.Object(
  {
    acceptMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    arriveMinutes: Type.Integer({ minimum: 1, maximum: 10080 }),
    finishHours: Type.Integer({ minimum: 1, maximum: 720 }),
  },
  { additionalProperties: false },
);
export type RepairSla = Static<typeof RepairSlaSchema>;

export const RepairCategorySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  /** The skill a repairer needs for it (dispatch rule category → skill). */
  skill: RepairSkillSchema,
  sla: RepairSlaSchema,
  active: Type.Boolean(),
});
export type RepairCategory = Static<typeof RepairCategorySchema>;
export const RepairCategoryListSchema = Type.Array(RepairCategorySchema);

export const RepairCategoryInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 20 }),
    skill: RepairSkillSchema,
    sla: RepairSlaSchema,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RepairCategoryInput = Static<typeof RepairCategoryInputSchema>;

/** The campus's places: buildings (with their dispatch area) → floors → rooms. */
export const RepairLocationsSchema = Type.Object({
  buildings: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      /** The dispatch area (rule building → area); null when none is set. */
      area: nullable(Type.String()),
      floors: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          rooms: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
        }),
      ),
    }),
  ),
});
export type RepairLocations = Static<typeof RepairLocationsSchema>;

export const BuildingAreaInputSchema = Type.Object(
  { area: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);

/** A new floor of a building, or a new room of a floor: its name as people say it (3层, A305). */
export const PlaceInputSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export type PlaceInput = Static<typeof PlaceInputSchema>;

export const NewRepairSchema = Type.Object(
  {
    category: Id,
    /** A room id from the locations; or `locationText` typed by hand (or both). */
    locationId: Type.Optional(Id),
    locationText: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.String({ maxLength: REPAIR_DESCRIPTION_MAX }),
    /** Ids of images the caller uploaded first (`POST /api/uploads`), at most 9. */
    photoIds: Type.Optional(PhotoIds),
    urgent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewRepair = Static<typeof NewRepairSchema>;

const Person = Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() });

export const RepairTicketSchema = Type.Object({
  id: Type.String(),
  /** Bumped by every change: send it back with `assign` so a reassignment made from a stale view loses. */
  version: Type.Integer({ minimum: 0 }),
  /** Shown to people: BX + date + sequence-like suffix. */
  number: Type.String(),
  status: RepairStatusSchema,
  urgent: Type.Boolean(),
  category: Type.Object({ id: Type.String(), name: Type.String() }),
  location: Type.Object({
    /** What to show: "A座 3层 301" and/or the typed text. */
    text: Type.String(),
    buildingId: nullable(Type.String()),
    roomId: nullable(Type.String()),
  }),
  description: Type.String(),
  photoUrls: Type.Array(Type.String()),
  requester: Person,
  assignee: Type.Union([Person, Type.Null()]),
  createdAt: InstantSchema,
  /** The promised times (paused time added). */
  acceptBy: InstantSchema,
  arriveBy: InstantSchema,
  finishBy: InstantSchema,
  /** The deadline the ticket runs against now; null when paused or closed. */
  dueAt: nullable(InstantSchema),
  sla: nullable(SlaStateSchema),
  acceptedAt: nullable(InstantSchema),
  arrivedAt: nullable(InstantSchema),
  finishedAt: nullable(InstantSchema),
  finishNote: nullable(Type.String()),
  finishPhotoUrls: Type.Array(Type.String()),
  score: nullable(Type.Integer()),
  comment: nullable(Type.String()),
  /** Until when the requester may reopen it (finished tickets). */
  reopenUntil: nullable(InstantSchema),
  /** What the reader may do with it now. */
  can: Type.Object({
    accept: Type.Boolean(),
    decline: Type.Boolean(),
    arrive: Type.Boolean(),
    pause: Type.Boolean(),
    resume: Type.Boolean(),
    finish: Type.Boolean(),
    cancel: Type.Boolean(),
    rate: Type.Boolean(),
    reopen: Type.Boolean(),
    assign: Type.Boolean(),
  }),
});
export type RepairTicket = Static<typeof RepairTicketSchema>;

export const RepairEventKindSchema = stringEnum([
  'reported',
  'dispatched',
  'queued',
  'accepted',
  'declined',
  'arrived',
  'paused',
  'resumed',
  'finished',
  'cancelled',
  'rated',
  'reopened',
  'assigned',
  'escalated',
] as const);
export type RepairEventKind = Static<typeof RepairEventKindSchema>;

export const RepairEventSchema = Type.Object({
  id: Type.String(),
  kind: RepairEventKindSchema,
  at: InstantSchema,
  /** Who did it; null for the system (automatic dispatch, escalation). */
  by: nullable(Type.String()),
  /** For dispatches and reassignments: to whom. */
  to: nullable(Type.String()),
  note: nullable(Type.String()),
  photoUrls: Type.Array(Type.String()),
});
export type RepairEvent = Static<typeof RepairEventSchema>;

export const RepairTicketDetailSchema = Type.Composite([
  RepairTicketSchema,
  Type.Object({ timeline: Type.Array(RepairEventSchema) }),
]);
export type RepairTicketDetail = Static<typeof RepairTicketDetailSchema>;

export const RepairCreatedSchema = Type.Object({ ticket: RepairTicketSchema });
export type RepairCreated = Static<typeof RepairCreatedSchema>;

export const RepairPageSchema = pageOf(RepairTicketSchema);
export type RepairPage = Static<typeof RepairPageSchema>;

export const RepairListQuerySchema = Type.Composite([
  PageQuerySchema,
  Type.Object({
    /** mine: I reported (default); assigned: dispatched to me; queue: waiting for dispatch; all (dispatchers, admins). */
    scope: Type.Optional(stringEnum(['mine', 'assigned', 'queue', 'all'] as const)),
    /** open: still being worked on; closed: finished or cancelled. */
    state: Type.Optional(stringEnum(['open', 'closed'] as const)),
  }),
]);
export type RepairListQuery = Static<typeof RepairListQuerySchema>;

export const RepairReasonSchema = Type.Object(
  { reason: Type.String({ maxLength: REPAIR_NOTE_MAX }) },
  { additionalProperties: false },
);
export type RepairReason = Static<typeof RepairReasonSchema>;

export const RepairOptionalReasonSchema = Type.Object({ reason: Type.Optional(Note) }, { additionalProperties: false });

export const RepairFinishSchema = Type.Object(
  { note: Type.Optional(Note), photoIds: Type.Optional(PhotoIds) },
  { additionalProperties: false },
);
export type RepairFinish = Static<typeof RepairFinishSchema>;

export const RepairRatingSchema = Type.Object(
  {
    /** 1–5; checked by the BFF so 0 or 6 answers REPAIR_RATING_INVALID. */
    score: Type.Integer(),
    comment: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type RepairRating = Static<typeof RepairRatingSchema>;

export const RepairAssignSchema = Type.Object(
  {
    personId: Id,
    /** The ticket's `version` the dispatcher saw: of two reassignments from the same view, one wins. */
    version: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type RepairAssign = Static<typeof RepairAssignSchema>;

export const RepairActionParamsSchema = Type.Object({
  id: Id,
  action: stringEnum([
    'accept',
    'decline',
    'arrive',
    'pause',
    'resume',
    'finish',
    'cancel',
    'rate',
    'reopen',
    'assign',
  ] as const),
});
export type RepairAction = Static<typeof RepairActionParamsSchema>['action'];

/** A weekly shift: on these weekdays (1 Monday … 7 Sunday) from `starts` to `ends` (ends ≤ starts: overnight). */
export const RepairShiftSchema = Type.Object(
  {
    weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
    starts: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
    ends: Type.String({ pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' }),
  },
  { additionalProperties: false },
);
export type RepairShift = Static<typeof RepairShiftSchema>;

export const RepairerProfileSchema = Type.Object({
  personId: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  skills: Type.Array(RepairSkillSchema),
  areas: Type.Array(Type.String()),
  shifts: Type.Array(RepairShiftSchema),
  /** Whether a shift covers this moment (only on-duty repairers get automatic dispatches). */
  onDuty: Type.Boolean(),
  openTickets: Type.Integer({ minimum: 0 }),
});
export type RepairerProfile = Static<typeof RepairerProfileSchema>;
export const RepairerListSchema = Type.Array(RepairerProfileSchema);

export const RepairerProfileInputSchema = Type.Object(
  {
    skills: Type.Array(RepairSkillSchema, { maxItems: 6, uniqueItems: true }),
    areas: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20, uniqueItems: true }),
    shifts: Type.Array(RepairShiftSchema, { maxItems: 14 }),
  },
  { additionalProperties: false },
);
export type RepairerProfileInput = Static<typeof RepairerProfileInputSchema>;

export const RepairerParamsSchema = Type.Object({ personId: Id });

export const RepairBoardQuerySchema = Type.Object({
  /** Period of the figures, dates YYYY-MM-DD (Asia/Shanghai), both included; default the last 30 days. */
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
});
export type RepairBoardQuery = Static<typeof RepairBoardQuerySchema>;

const Figures = Type.Object({
  tickets: Type.Integer({ minimum: 0 }),
  finished: Type.Integer({ minimum: 0 }),
  /** Mean minutes from report to acceptance; null with none accepted. */
  responseMinutes: nullable(Type.Number()),
  /** Mean minutes from report to arrival on site. */
  onsiteMinutes: nullable(Type.Number()),
  /** Share of finished tickets that met all three deadlines, 0–1. */
  onTimeRate: nullable(Type.Number()),
  averageScore: nullable(Type.Number()),
});
export type RepairFigures = Static<typeof Figures>;

export const RepairBoardSchema = Type.Object({
  now: InstantSchema,
  counts: Type.Object({
    onTime: Type.Integer({ minimum: 0 }),
    atRisk: Type.Integer({ minimum: 0 }),
    overdue: Type.Integer({ minimum: 0 }),
    paused: Type.Integer({ minimum: 0 }),
    queued: Type.Integer({ minimum: 0 }),
  }),
  /** Open tickets with a deadline, the most urgent first (at most 100). */
  open: Type.Array(RepairTicketSchema),
  period: Type.Object({ from: Type.String(), to: Type.String() }),
  byCategory: Type.Array(Type.Composite([Type.Object({ id: Type.String(), name: Type.String() }), Figures])),
  byRepairer: Type.Array(Type.Composite([Type.Object({ id: Type.String(), name: Type.String() }), Figures])),
});
export type RepairBoard = Static<typeof RepairBoardSchema>;
