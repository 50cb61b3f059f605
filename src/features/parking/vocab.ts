import type { BookingStatus } from '@contract/parking.schema';

/** What a booking's status reads as, and the kit tag kind it is shown with. */
export const STATUS_LABELS: Record<BookingStatus, { label: string; tag: string }> = {
  booked: { label: '已预约', tag: 'ui-tag--primary' },
  entered: { label: '已入场', tag: 'ui-tag--success' },
  left: { label: '已离场', tag: '' },
  cancelled: { label: '已取消', tag: '' },
  released: { label: '已释放', tag: 'ui-tag--danger' },
  waitlisted: { label: '候补中', tag: 'ui-tag--warning' },
  expired: { label: '候补未成功', tag: '' },
};

/** Parts of a lot's day a person picks from: the whole day, the morning, the afternoon. */
export type WindowChoice = 'day' | 'am' | 'pm';

export function windowOf(
  choice: WindowChoice,
  openTime: string,
  closeTime: string,
): { startsAt: string; endsAt: string } {
  const noon = '12:00';
  if (choice === 'am' && openTime < noon) return { startsAt: openTime, endsAt: noon < closeTime ? noon : closeTime };
  if (choice === 'pm' && closeTime > noon) return { startsAt: noon > openTime ? noon : openTime, endsAt: closeTime };
  return { startsAt: openTime, endsAt: closeTime };
}

/** 11月24日 周二 */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = '日一二三四五六'[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${m}月${d}日 周${weekday}`;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** What an Input holds after an input event (Taro's `detail.value`; the DOM's `target.value` in tests). */
export function inputValue(event: unknown): string {
  const e = event as { detail?: { value?: string }; target?: { value?: string } };
  return e.detail?.value ?? e.target?.value ?? '';
}
