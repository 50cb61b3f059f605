import { VISIT_STATUS_LABELS, type Visit, type VisitStatus } from '@contract/visitors.schema';
import { formatInstant } from '@/shared/time';

export { VISIT_STATUS_LABELS };

/** Tag colour of a status (kit classes ui-tag--…). */
export const STATUS_TONE: Record<VisitStatus, string> = {
  invited: 'primary',
  pending: 'warning',
  approved: 'success',
  declined: 'danger',
  cancelled: 'strong',
  'checked-in': 'primary',
  'checked-out': 'strong',
};

export const ORIGIN_LABELS: Record<Visit['origin'], string> = {
  invite: '邀请',
  application: '申请',
  'walk-in': '临时登记',
};

/** '2026-11-21 09:00–18:00' */
export function windowText(visit: Pick<Visit, 'startsAt' | 'endsAt'>): string {
  return `${formatInstant(visit.startsAt)}–${formatInstant(visit.endsAt, 'HH:mm')}`;
}

/** 赵** · 137****5678 (masked as the server sent it; 已清除 once purged). */
export function visitorText(visit: Pick<Visit, 'visitor' | 'purged'>): string {
  if (visit.purged || !visit.visitor.name) return '访客信息已按规定清除';
  return [visit.visitor.name, visit.visitor.phone].filter(Boolean).join(' · ');
}
