import {
  REPAIR_SKILL_LABELS,
  REPAIR_STATUS_LABELS,
  SLA_STATE_LABELS,
  slaStateOf,
  type RepairSkill,
  type RepairStatus,
  type SlaState,
} from '@contract/repairs';

export { REPAIR_SKILL_LABELS, REPAIR_STATUS_LABELS, SLA_STATE_LABELS, slaStateOf };
export type { RepairSkill, RepairStatus, SlaState };

/** The kit's tag colour for a status. */
export const STATUS_TONE: Record<RepairStatus, string> = {
  pending: 'warning',
  assigned: 'primary',
  accepted: 'primary',
  arrived: 'primary',
  paused: 'warning',
  finished: 'success',
  cancelled: 'strong',
};

export const SLA_TONE: Record<SlaState, string> = { 'on-time': 'success', 'at-risk': 'warning', overdue: 'danger' };

/** What the current deadline is for, in words. */
export const DUE_WORDS: Partial<Record<RepairStatus, string>> = {
  pending: '接单',
  assigned: '接单',
  accepted: '到场',
  arrived: '完工',
};

/**
 * "剩 12 分钟" / "超时 3 分钟" / "剩 2 小时 5 分": the countdown to a deadline, in whole minutes.
 */
export function countdown(dueAt: string, nowMs: number): string {
  const left = Date.parse(dueAt) - nowMs;
  // Whole minutes, never "0": time left rounds down (剩 0 分 would read as due), time over rounds up.
  const minutes = Math.max(1, left < 0 ? Math.ceil(-left / 60_000) : Math.floor(left / 60_000));
  const text = minutes >= 60 ? `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分` : `${minutes} 分钟`;
  return left < 0 ? `超时 ${text}` : `剩 ${text}`;
}

/** "预计 15 分钟内到场": a promise in minutes from a start to a deadline. */
export function promise(fromIso: string, byIso: string, verb: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(byIso) - Date.parse(fromIso)) / 60_000));
  const text = minutes >= 120 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`;
  return `预计 ${text}内${verb}`;
}

export const EVENT_LABELS: Record<string, string> = {
  reported: '报修',
  dispatched: '派单',
  queued: '待派单',
  accepted: '接单',
  declined: '拒单',
  arrived: '到场',
  paused: '暂停待料',
  resumed: '恢复维修',
  finished: '完工',
  cancelled: '取消',
  rated: '评价',
  reopened: '返修',
  assigned: '改派',
  escalated: '超时升级',
};

export const WEEKDAY_LABELS = ['一', '二', '三', '四', '五', '六', '日'];

export const REPAIR_SKILLS_LIST = Object.keys(REPAIR_SKILL_LABELS) as RepairSkill[];
