import { Type, type Static } from '@sinclair/typebox';
import { InstantSchema, nullable, stringEnum } from './common.schema';
import { PageQuerySchema, pageOf } from './page.schema';
import { VISIT_LIMITS } from './visitors';

export * from './visitors';

/**
 * Visitors (访客预约). Personal data never leaves the BFF in clear: every answer carries the masks
 * (`138****1234`, `3301**********1234`, `张*`), except the guard's audited reveal of an ID number.
 */

export const VISIT_STATUSES = [
  'invited',
  'pending',
  'approved',
  'declined',
  'cancelled',
  'checked-in',
  'checked-out',
] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = {
  invited: '待接受邀请',
  pending: '待审批',
  approved: '已通过',
  declined: '已拒绝',
  cancelled: '已取消',
  'checked-in': '已到访',
  'checked-out': '已离开',
};

export const VISIT_ORIGINS = ['invite', 'application', 'walk-in'] as const;
export type VisitOrigin = (typeof VISIT_ORIGINS)[number];

const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** 'HH:mm', Asia/Shanghai. */
const TimeText = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });
const Name = Type.String({ minLength: 1, maxLength: VISIT_LIMITS.nameMax });
const Phone = Type.String({ minLength: 1, maxLength: 20 });
const IdNumber = Type.String({ minLength: 1, maxLength: 20 });
const Plate = Type.String({ minLength: 1, maxLength: 10 });
const Purpose = Type.String({ minLength: 1, maxLength: VISIT_LIMITS.purposeMax });
const Reason = Type.String({ minLength: 1, maxLength: VISIT_LIMITS.reasonMax });
const Companions = Type.Integer({ minimum: 0, maximum: VISIT_LIMITS.companionsMax });
const PrivacyVersion = Type.String({ minLength: 1, maxLength: 40 });

/** A visit as its reader may see it: the visitor's data masked. */
export const VisitSchema = Type.Object({
  id: Type.String(),
  origin: stringEnum(VISIT_ORIGINS),
  status: stringEnum(VISIT_STATUSES),
  date: Type.String(),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  purpose: Type.String(),
  companions: Type.Integer({ minimum: 0 }),
  host: Type.Object({ name: Type.String(), unit: Type.String() }),
  /** Masked; null once purged. */
  visitor: Type.Object({
    name: nullable(Type.String()),
    phone: nullable(Type.String()),
    idNumber: nullable(Type.String()),
    plate: nullable(Type.String()),
  }),
  /** Where the visitor goes (the host's unit; the campus's name). */
  place: Type.String(),
  declineReason: nullable(Type.String()),
  /** A guard let a walk-in in without the host's approval, and why. */
  overrideReason: nullable(Type.String()),
  checkedInAt: nullable(InstantSchema),
  checkedOutAt: nullable(InstantSchema),
  /** On the block list (shown to the host and the guard only; false to the visitor). */
  flagged: Type.Boolean(),
  /** Earlier visits by the same mobile (host and guard only; 0 to the visitor). */
  visitsBefore: Type.Integer({ minimum: 0 }),
  /** Whether the reader is its host (approves, declines) or its visitor (cancels, shows the pass). */
  as: stringEnum(['host', 'visitor', 'guard', 'admin'] as const),
  /** The pass, for its visitor once approved: the QR text and the short code. */
  pass: Type.Union([Type.Object({ qr: Type.String(), code: Type.String() }), Type.Null()]),
  /** Personal fields cleared after the retention period. */
  purged: Type.Boolean(),
  createdAt: InstantSchema,
});
export type Visit = Static<typeof VisitSchema>;

export const VisitPageSchema = pageOf(VisitSchema);
export type VisitPage = Static<typeof VisitPageSchema>;

/** POST /api/visits — the host invites. */
export const NewInvitationSchema = Type.Object(
  {
    visitorName: Name,
    visitorPhone: Phone,
    date: DateText,
    startsAt: TimeText,
    endsAt: TimeText,
    purpose: Purpose,
    companions: Type.Optional(Companions),
    plate: Type.Optional(Plate),
  },
  { additionalProperties: false },
);
export type NewInvitation = Static<typeof NewInvitationSchema>;

export const InvitationCreatedSchema = Type.Object({
  visit: VisitSchema,
  /** The visitor's page in the mini-app with the signed token (share as a link or a QR code). */
  inviteUrl: Type.String(),
  token: Type.String(),
});
export type InvitationCreated = Static<typeof InvitationCreatedSchema>;

/** POST /api/visits/applications — a visitor applies to a host. */
export const NewApplicationSchema = Type.Object(
  {
    hostId: Type.String({ minLength: 1, maxLength: 64 }),
    date: DateText,
    startsAt: TimeText,
    endsAt: TimeText,
    purpose: Purpose,
    visitorName: Name,
    visitorPhone: Phone,
    idNumber: Type.Optional(IdNumber),
    plate: Type.Optional(Plate),
    companions: Type.Optional(Companions),
    /** The privacy notice version the visitor agreed to (VISITOR_PRIVACY_NOTICE.version). */
    privacyVersion: PrivacyVersion,
  },
  { additionalProperties: false },
);
export type NewApplication = Static<typeof NewApplicationSchema>;

/** POST /api/visits/walk-ins — the guard registers a visitor at the gate, for today. */
export const NewWalkInSchema = Type.Object(
  {
    hostId: Type.String({ minLength: 1, maxLength: 64 }),
    endsAt: TimeText,
    purpose: Purpose,
    visitorName: Name,
    visitorPhone: Phone,
    idNumber: Type.Optional(IdNumber),
    plate: Type.Optional(Plate),
    companions: Type.Optional(Companions),
    /** The visitor read the notice at the gate and agreed. */
    privacyVersion: PrivacyVersion,
  },
  { additionalProperties: false },
);
export type NewWalkIn = Static<typeof NewWalkInSchema>;

export const VisitCreatedSchema = Type.Object({ visit: VisitSchema });

export const ReasonSchema = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonSchema>;

export const AcceptInvitationSchema = Type.Object(
  { privacyVersion: PrivacyVersion, idNumber: Type.Optional(IdNumber) },
  { additionalProperties: false },
);
export type AcceptInvitation = Static<typeof AcceptInvitationSchema>;

export const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

/** What an invitation shows before sign-in: no personal data but the masked name. */
export const InvitationViewSchema = Type.Object({
  hostName: Type.String(),
  hostUnit: Type.String(),
  place: Type.String(),
  date: Type.String(),
  startsAt: InstantSchema,
  endsAt: InstantSchema,
  purpose: Type.String(),
  visitorName: nullable(Type.String()),
  status: stringEnum(VISIT_STATUSES),
  requiresIdNumber: Type.Boolean(),
});
export type InvitationView = Static<typeof InvitationViewSchema>;

export const VisitListQuerySchema = Type.Composite([
  PageQuerySchema,
  Type.Object({
    /** host: visits to me; visitor: my own visits. Default: host for staff, visitor otherwise. */
    as: Type.Optional(stringEnum(['host', 'visitor'] as const)),
    /** Only this day (the host's 今日访客). */
    date: Type.Optional(DateText),
  }),
]);
export type VisitListQuery = Static<typeof VisitListQuerySchema>;

export const GUARD_VIEWS = ['expected', 'on-site', 'overdue'] as const;
export type GuardView = (typeof GUARD_VIEWS)[number];

export const GuardListQuerySchema = Type.Composite([
  PageQuerySchema,
  Type.Object({ view: Type.Optional(stringEnum(GUARD_VIEWS)) }),
]);
export type GuardListQuery = Static<typeof GuardListQuerySchema>;

export const ScanSchema = Type.Object(
  {
    pass: Type.String({ minLength: 1, maxLength: 200 }),
    /** The guard confirmed a check-out moments after check-in (a scan then is taken as a double scan). */
    checkOut: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ScanBody = Static<typeof ScanSchema>;

export const ScanResultSchema = Type.Object({
  action: stringEnum(['checked-in', 'checked-out'] as const),
  visit: VisitSchema,
});
export type ScanResult = Static<typeof ScanResultSchema>;

export const RevealSchema = Type.Object({ idNumber: Type.String() });
export type Reveal = Static<typeof RevealSchema>;

export const HostQuerySchema = Type.Object({
  unit: Type.String({ minLength: 1, maxLength: 60 }),
  q: Type.Optional(Type.String({ maxLength: 20 })),
});
export type HostQuery = Static<typeof HostQuerySchema>;

/** The directory a visitor searches: name and unit only. */
export const HostListSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String() })),
});
export type HostList = Static<typeof HostListSchema>;
export const UnitNamesSchema = Type.Object({ items: Type.Array(Type.String()) });
export type UnitNames = Static<typeof UnitNamesSchema>;

export const PrivacyNoticeSchema = Type.Object({
  version: Type.String(),
  title: Type.String(),
  paragraphs: Type.Array(Type.String()),
  retentionDays: Type.Integer({ minimum: 1 }),
  requiresIdNumber: Type.Boolean(),
});
export type PrivacyNotice = Static<typeof PrivacyNoticeSchema>;

export const BLOCK_KINDS = ['id', 'phone'] as const;
export const NewBlockSchema = Type.Object(
  { kind: stringEnum(BLOCK_KINDS), value: Type.String({ minLength: 1, maxLength: 20 }), reason: Reason },
  { additionalProperties: false },
);
export type NewBlock = Static<typeof NewBlockSchema>;
export const BlockSchema = Type.Object({
  id: Type.String(),
  kind: stringEnum(BLOCK_KINDS),
  /** Masked. */
  value: Type.String(),
  reason: Type.String(),
  by: Type.String(),
  createdAt: InstantSchema,
});
export type Block = Static<typeof BlockSchema>;
export const BlockPageSchema = pageOf(BlockSchema);
export type BlockPage = Static<typeof BlockPageSchema>;

export const AUDIT_ACTIONS = [
  'invite',
  'apply',
  'walk-in',
  'accept',
  'approve',
  'decline',
  'cancel',
  'check-in',
  'check-out',
  'override',
  'reveal',
  'delete',
  'purge',
  'block',
  'unblock',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: InstantSchema,
  action: stringEnum(AUDIT_ACTIONS),
  /** Who (name), null for the system (the purge). */
  actor: nullable(Type.String()),
  role: Type.String(),
  visitId: nullable(Type.String()),
  detail: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;
export const AuditPageSchema = pageOf(AuditEntrySchema);
export type AuditPage = Static<typeof AuditPageSchema>;
