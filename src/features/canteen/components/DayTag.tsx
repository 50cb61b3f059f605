import { Text } from '@tarojs/components';
import type { CalendarDay } from '@contract/workdays';
import { dayKind } from '../dates';

/** 工作日 / 休息日 / 国庆节 / 调休上班 / 节假日未公布. */
export function DayTag({ calendar }: { calendar: CalendarDay }) {
  const { kind, label } = dayKind(calendar);
  return <Text className={`ct-tag ct-tag--${kind}`}>{label}</Text>;
}
