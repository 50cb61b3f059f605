import { useCallback } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { HeadcountMeal } from '@contract/canteen';
import type { Canteen } from '@contract/canteen.schema';
import type { MyHeadcount } from '@contract/headcount.schema';
import { useRequireSession } from '@/features/session';
import { toast } from '@/shared/ui/toast';
import { todayDate } from '@/shared/time';
import { dayLabel, deadlineLabel } from '@/features/canteen/dates';
import { DayTag } from '@/features/canteen/components/DayTag';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { MEAL_LABELS } from '@/features/canteen/vocab';
import { selectCanteens, selectLoadCanteens, useCanteen } from '@/features/canteen/store';
import {
  rowKey,
  selectChoose,
  selectError,
  selectLoad,
  selectMine,
  selectRowErrors,
  selectSaving,
  selectStatus,
  useHeadcount,
} from '../store';
import '@/shared/ui/styles';
import '../../canteen/components/canteen.css';
import './headcount.css';

type MealRow = MyHeadcount['days'][number]['meals'][number];

function MealChoice(props: {
  date: string;
  row: MealRow;
  names: Map<string, string>;
  saving: boolean;
  error: string | undefined;
  onChoose: (date: string, meal: HeadcountMeal, canteenId: string | null) => void;
}) {
  const { row, names } = props;
  const mealName = MEAL_LABELS[row.meal];
  const chosen = row.options.find((o) => o.canteenId === row.canteenId);
  // Leaving a canteen after its cut-off is refused: the canteen is already cooking for this person.
  const locked = chosen !== undefined && !chosen.open;
  const allClosed = row.options.every((o) => !o.open);
  const nameOf = (id: string) => names.get(id) ?? '食堂';
  const chip = (canteenId: string | null, label: string, open: boolean) => {
    const on = row.canteenId === canteenId;
    const enabled = !locked && open && !props.saving;
    const classes = ['ui-chip', 'ui-chip--small', 'tap', on ? 'ui-chip--on' : '', !open && !on ? 'ui-chip--off' : ''];
    return (
      <View
        key={canteenId ?? 'none'}
        className={classes.filter(Boolean).join(' ')}
        ariaRole="radio"
        aria-checked={on}
        aria-disabled={!enabled}
        ariaLabel={`${mealName}：${label}`}
        onClick={() => {
          if (enabled && !on) props.onChoose(props.date, row.meal, canteenId);
        }}
      >
        {open || on ? label : `${label}（已截止）`}
      </View>
    );
  };
  const note = locked
    ? `已截止，将在${nameOf(chosen.canteenId)}就餐；如需变更请联系食堂`
    : allClosed
      ? '报餐已截止'
      : null;
  return (
    <View className="hc-meal" ariaRole="radiogroup" ariaLabel={mealName}>
      <View className="hc-meal__head">
        <Text className="hc-meal__name">{mealName}</Text>
        {props.saving ? <Text className="text-muted">保存中…</Text> : null}
      </View>
      <View className="ui-chips">
        {chip(null, '不就餐', !locked)}
        {row.options.map((o) => chip(o.canteenId, nameOf(o.canteenId), o.open))}
      </View>
      {note ? <Text className="ui-field__hint">{note}</Text> : null}
      {props.error ? <Text className="ui-field__error ct-error">{props.error}</Text> : null}
    </View>
  );
}

/** When sign-ups for this day close at each canteen (one cut-off per canteen and day, whatever the meal). */
function dayDeadlines(day: MyHeadcount['days'][number], names: Map<string, string>, today: string): string {
  const closes = new Map<string, { at: string; open: boolean }>();
  for (const meal of day.meals) {
    for (const o of meal.options) closes.set(o.canteenId, { at: o.closesAt, open: o.open });
  }
  const parts = [...closes].map(
    ([id, c]) => `${names.get(id) ?? '食堂'} ${deadlineLabel(c.at, today)}${c.open ? '' : '（已截止）'}`,
  );
  return parts.length ? `报餐截止：${parts.join('，')}` : '';
}

function cutoffText(canteen: Canteen): string {
  const { daysBefore, time } = canteen.headcountCutoff;
  const when = daysBefore === 0 ? '当天' : daysBefore === 1 ? '前一天' : `提前 ${daysBefore} 天`;
  return `${canteen.name}：${when} ${time}`;
}

/** 报餐: for each of the next workdays, lunch and dinner: not eating, or at which canteen; until the cut-off. */
export function HeadcountScreen() {
  const me = useRequireSession();
  const status = useHeadcount(selectStatus);
  const mine = useHeadcount(selectMine);
  const error = useHeadcount(selectError);
  const saving = useHeadcount(selectSaving);
  const rowErrors = useHeadcount(selectRowErrors);
  const load = useHeadcount(selectLoad);
  const choose = useHeadcount(selectChoose);
  const canteens = useCanteen(selectCanteens);
  const loadCanteens = useCanteen(selectLoadCanteens);
  const signedIn = me !== null;

  const refresh = useCallback(
    () => Promise.all([load().catch(toast), loadCanteens().catch(toast)]),
    [load, loadCanteens],
  );
  useDidShow(() => {
    if (signedIn) void refresh();
  });
  usePullDownRefresh(() => {
    void refresh().finally(() => void Taro.stopPullDownRefresh());
  });

  const onChoose = useCallback(
    (date: string, meal: HeadcountMeal, canteenId: string | null) => {
      // A refusal shows under its row (the store keeps the reason), not as a toast as well.
      choose(date, meal, canteenId).then(
        () => void Taro.showToast({ title: canteenId ? '已报餐' : '已取消报餐', icon: 'success' }),
        () => undefined,
      );
    },
    [choose],
  );

  if (!signedIn || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error' || !mine) return <LoadError message={error} onRetry={() => void refresh()} />;

  const today = todayDate();
  const names = new Map(canteens.map((c) => [c.id, c.name]));
  const count = mine.days.reduce((n, d) => n + d.meals.filter((m) => m.canteenId !== null).length, 0);
  const lastYear = mine.calendarLastDate.slice(0, 4);
  return (
    <View className="ct-screen">
      <View className="card hc-intro">
        <View className="ct-summary" ariaLabel={`接下来 ${mine.days.length} 个工作日，已报 ${count} 餐`}>
          <Text>接下来</Text>
          <Text className="ct-summary__big">{mine.days.length}</Text>
          <Text>个工作日，已报</Text>
          <Text className="ct-summary__big">{count}</Text>
          <Text>餐</Text>
        </View>
        <Text className="ui-field__hint">节假日不用报餐，调休上班日照常报餐。截止后不能更改。</Text>
        {canteens.length > 0 ? (
          <Text className="ui-field__hint">{`报餐截止 · ${canteens.map(cutoffText).join('；')}`}</Text>
        ) : null}
      </View>
      {mine.days.length === 0 ? <Empty title="近期没有需要报餐的工作日" hint="下拉可以刷新" /> : null}
      {mine.days.map((day) => (
        <View key={day.date} className="card hc-day" ariaLabel={dayLabel(day.date, today)}>
          <View className="ct-day__head">
            <Text className="ct-day__date">{dayLabel(day.date, today)}</Text>
            <DayTag calendar={day.calendar} />
          </View>
          <Text className="ui-field__hint">{dayDeadlines(day, names, today)}</Text>
          {day.meals.map((row) => (
            <MealChoice
              key={row.meal}
              date={day.date}
              row={row}
              names={names}
              saving={Boolean(saving[rowKey(day.date, row.meal)])}
              error={rowErrors[rowKey(day.date, row.meal)]}
              onChoose={onChoose}
            />
          ))}
        </View>
      ))}
      {mine.days.length < 5 ? (
        <Text className="hc-foot">{`${Number(lastYear) + 1} 年的节假日安排尚未公布，之后的日期暂时不能报餐。`}</Text>
      ) : null}
    </View>
  );
}
