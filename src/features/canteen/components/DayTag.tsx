import { Text } from '@tarojs/components';
import type { CalendarDay } from '@contract/workdays';
import { dayKind, type DayKind } from '../dates';
import '@/shared/ui/styles';

const TONE: Record<DayKind, string> = {
  workday: ' ui-tag--primary',
  holiday: ' ui-tag--danger',
  adjusted: ' ui-tag--warning',
  weekend: '',
  unknown: '',
};

/** 工作日 / 休息日 / 国庆节 / 调休上班 / 节假日未公布 (`ct-tag` names a day mark for the e2e). */
export function DayTag({ calendar }: { calendar: CalendarDay }) {
  const { kind, label } = dayKind(calendar);
  return <Text className={`ui-tag ct-tag${TONE[kind]}`}>{label}</Text>;
}
