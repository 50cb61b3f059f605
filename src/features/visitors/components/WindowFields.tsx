import { Text, View } from '@tarojs/components';
import { inShanghai } from '@/shared/time';
import { Chips } from '@/shared/ui/Chips';
import { Field } from './Field';

export interface VisitWindow {
  date: string;
  startsAt: string;
  endsAt: string;
}

/** The next week's days as chips: 今天, 明天, then 12月9日 周三 … */
function dayOptions() {
  const names = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
  return Array.from({ length: 7 }, (_, i) => {
    const d = inShanghai().add(i, 'day');
    return {
      value: d.format('YYYY-MM-DD'),
      label: i === 0 ? '今天' : i === 1 ? '明天' : d.format('M月D日'),
      hint: names[d.day()],
    };
  });
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Why a window cannot be sent (checked again by the server), or null. */
export function windowProblem(w: VisitWindow): string | null {
  if (!TIME.test(w.startsAt) || !TIME.test(w.endsAt)) return '时间请按 24 小时制填写，例如 09:00';
  if (w.endsAt <= w.startsAt) return '结束时间须晚于开始时间';
  return null;
}

/** Day, start and end of a visit. */
export function WindowFields({
  value,
  onChange,
  error,
}: {
  value: VisitWindow;
  onChange: (w: VisitWindow) => void;
  error?: string | null;
}) {
  return (
    <View>
      <Text className="ui-field__label">来访日期</Text>
      <Chips
        label="来访日期"
        small
        options={dayOptions()}
        value={value.date}
        onChange={(date) => onChange({ ...value, date })}
      />
      <View className="vs-row">
        <Field
          label="开始时间"
          value={value.startsAt}
          placeholder="09:00"
          maxlength={5}
          onChange={(startsAt) => onChange({ ...value, startsAt })}
        />
        <Field
          label="结束时间"
          value={value.endsAt}
          placeholder="17:30"
          maxlength={5}
          onChange={(endsAt) => onChange({ ...value, endsAt })}
        />
      </View>
      {error ? <Text className="ui-field__error">{error}</Text> : null}
    </View>
  );
}
