// Repairs (报修 · 派单): the vocabulary and the small rules the app and the BFF share.
// Dependency-free, so the app may import it without TypeBox.

/** Skills a repairer may have; each category needs one (the dispatch rule category → skill). */
export const REPAIR_SKILLS = ['plumbing', 'hvac', 'network', 'carpentry', 'furniture', 'cleaning'] as const;
export type RepairSkill = (typeof REPAIR_SKILLS)[number];

export const REPAIR_SKILL_LABELS: Record<RepairSkill, string> = {
  plumbing: '水电',
  hvac: '空调',
  network: '网络',
  carpentry: '门窗',
  furniture: '家具',
  cleaning: '保洁',
};

export function isRepairSkill(value: unknown): value is RepairSkill {
  return typeof value === 'string' && (REPAIR_SKILLS as readonly string[]).includes(value);
}

/**
 * A ticket's life: pending (in the dispatch queue) → assigned → accepted → arrived ⇄ paused →
 * finished; cancelled by the requester before it is accepted; a finished ticket reopens to
 * assigned (or pending) within REOPEN_DAYS.
 */
export const REPAIR_STATUSES = [
  'pending',
  'assigned',
  'accepted',
  'arrived',
  'paused',
  'finished',
  'cancelled',
] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

export const REPAIR_STATUS_LABELS: Record<RepairStatus, string> = {
  pending: '待派单',
  assigned: '待接单',
  accepted: '已接单',
  arrived: '维修中',
  paused: '暂停待料',
  finished: '已完工',
  cancelled: '已取消',
};

/** Statuses in which a ticket still needs work (counted as a repairer's open tickets). */
export const OPEN_REPAIR_STATUSES: readonly RepairStatus[] = ['pending', 'assigned', 'accepted', 'arrived', 'paused'];

/** The deadline a status runs against: accept, arrive or finish; none when paused or closed. */
export type SlaPhase = 'accept' | 'arrive' | 'finish';
export function phaseOf(status: RepairStatus): SlaPhase | null {
  if (status === 'pending' || status === 'assigned') return 'accept';
  if (status === 'accepted') return 'arrive';
  if (status === 'arrived') return 'finish';
  return null;
}

/** A finished ticket may be reopened within this many days. */
export const REOPEN_DAYS = 7;
/** Photos one report (or one finish) may carry. */
export const REPAIR_PHOTOS_MAX = 9;
export const REPAIR_DESCRIPTION_MAX = 500;
export const REPAIR_NOTE_MAX = 200;
/** A deadline this close (or closer; five minutes) is shown at risk (临期). */
export const AT_RISK_MS = 5 * 60_000;

/** On time / at risk / overdue for an open ticket's current deadline; null when it has none. */
export type SlaState = 'on-time' | 'at-risk' | 'overdue';
export function slaStateOf(dueAt: string | null, nowMs: number): SlaState | null {
  if (dueAt === null) return null;
  const left = Date.parse(dueAt) - nowMs;
  if (left < 0) return 'overdue';
  return left <= AT_RISK_MS ? 'at-risk' : 'on-time';
}

export const SLA_STATE_LABELS: Record<SlaState, string> = { 'on-time': '正常', 'at-risk': '临期', overdue: '超时' };

/** Control characters (other than line breaks in long text) are refused in free text. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** What a reader may do with a ticket now (the BFF decides again on every step; the app shows these). */
export interface RepairSteps {
  accept: boolean;
  decline: boolean;
  arrive: boolean;
  pause: boolean;
  resume: boolean;
  finish: boolean;
  cancel: boolean;
  rate: boolean;
  reopen: boolean;
  assign: boolean;
}

/**
 * The assignee moves the work, the requester cancels (before acceptance), rates (once, after the
 * finish) and reopens (until `reopenUntilMs`), a dispatcher or admin reassigns an open ticket.
 */
export function repairSteps(
  ticket: {
    status: RepairStatus;
    requesterId: string;
    assigneeId: string | null;
    score: number | null;
    reopenUntilMs: number | null;
  },
  reader: { id: string; dispatcher: boolean },
  nowMs: number,
): RepairSteps {
  const s = ticket.status;
  const assignee = ticket.assigneeId === reader.id;
  const requester = ticket.requesterId === reader.id;
  return {
    accept: assignee && s === 'assigned',
    decline: assignee && s === 'assigned',
    arrive: assignee && s === 'accepted',
    pause: assignee && s === 'arrived',
    resume: assignee && s === 'paused',
    finish: assignee && s === 'arrived',
    cancel: requester && (s === 'pending' || s === 'assigned'),
    rate: requester && s === 'finished' && ticket.score === null,
    reopen: requester && s === 'finished' && ticket.reopenUntilMs !== null && nowMs <= ticket.reopenUntilMs,
    assign: reader.dispatcher && OPEN_REPAIR_STATUSES.includes(s),
  };
}
