import { useCallback, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DayMenu } from '@contract/canteen.schema';
import { useRequireSession } from '@/features/session';
import { todayDate } from '@/shared/time';
import { toast } from '@/shared/ui/toast';
import { useRemote } from '@/shared/remote/use-remote';
import { fetchWeekMenu } from '../api';
import { addDays, dayKind, daysBetween, isDate, monthDay, mondayOf, weekdayLabel } from '../dates';
import { useLinkedCanteen } from '../hooks';
import { openCanteenPage } from '../routes';
import {
  selectCanteenId,
  selectCanteens,
  selectCanteensError,
  selectCanteensStatus,
  selectLoadCanteens,
  selectSelectCanteen,
  useCanteen,
} from '../store';
import { MEAL_LABELS } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { DayBar } from '@/shared/ui/DayBar';
import { DayTag } from './DayTag';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';

function weekName(offset: number): string {
  if (offset === 0) return '本周';
  if (offset === 1) return '下周';
  if (offset === -1) return '上周';
  return offset > 0 ? `${offset} 周后` : `${-offset} 周前`;
}

function DayCard({ day, today, onOpen }: { day: DayMenu; today: string; onOpen: () => void }) {
  const rest = dayKind(day.calendar).kind !== 'workday' && dayKind(day.calendar).kind !== 'adjusted';
  const any = day.meals.some((m) => m.dishes.length > 0);
  const classes = ['ct-day', 'tap', day.date === today ? 'ct-day--today' : '', rest ? 'ct-day--rest' : ''];
  return (
    <View className={classes.filter(Boolean).join(' ')} ariaRole="button" onClick={onOpen}>
      <View className="ct-day__head">
        <Text className="ct-day__date">{`${monthDay(day.date)} ${weekdayLabel(day.date)}`}</Text>
        {day.date === today ? <Text className="ui-tag ui-tag--success ui-tag--strong">今天</Text> : null}
        <DayTag calendar={day.calendar} />
        <Text className="ct-day__more">查看 ›</Text>
      </View>
      {any ? (
        day.meals.map((meal) => (
          <View key={meal.meal} className="ct-day__meal">
            <Text className="ct-day__meal-name">{MEAL_LABELS[meal.meal]}</Text>
            <Text className={`ct-day__meal-dishes${meal.dishes.length ? '' : ' ct-day__none'}`}>
              {meal.dishes.length
                ? `${meal.dishes.map((d) => d.name).join('、')}${meal.published ? '' : '（草稿）'}`
                : '暂未发布'}
            </Text>
          </View>
        ))
      ) : (
        <Text className="ct-day__none">{rest ? '休息日，食堂不供餐或菜单未发布' : '菜单暂未发布'}</Text>
      )}
    </View>
  );
}

/** 本周菜谱: the week's published menus day by day, with workdays, holidays and 调休 marked. */
export function WeekScreen() {
  const me = useRequireSession();
  const { params } = useRouter();
  const today = todayDate();
  const [start, setStart] = useState(() => mondayOf(isDate(params.start) ? params.start : today));
  const canteens = useCanteen(selectCanteens);
  const canteensStatus = useCanteen(selectCanteensStatus);
  const canteensError = useCanteen(selectCanteensError);
  const canteenId = useCanteen(selectCanteenId);
  const loadCanteens = useCanteen(selectLoadCanteens);
  const selectCanteen = useCanteen(selectSelectCanteen);
  const signedIn = me !== null;

  useLinkedCanteen(params.canteenId, canteens, canteenId, selectCanteen);

  useDidShow(() => {
    if (signedIn) void loadCanteens().catch(toast);
  });

  const ready = signedIn && canteensStatus === 'ready' && canteenId !== null;
  const load = useCallback(() => fetchWeekMenu(canteenId ?? '', start), [canteenId, start]);
  const week = useRemote(ready ? `${canteenId}|${start}` : null, load);

  if (!signedIn || canteensStatus === 'idle' || canteensStatus === 'loading') return <Loading />;
  if (canteensStatus === 'error') return <LoadError message={canteensError} onRetry={() => void loadCanteens()} />;
  if (canteens.length === 0) return <Empty title="暂无食堂" hint="请联系管理员添加食堂" />;

  const end = addDays(start, 6);
  let body;
  if (week.status === 'error') body = <LoadError message={week.error} onRetry={() => void week.reload()} />;
  else if (week.status !== 'ready' || !week.data) body = <Loading />;
  else
    body = week.data.days.map((day) => (
      <DayCard
        key={day.date}
        day={day}
        today={today}
        onOpen={() => openCanteenPage('menu', { canteenId: day.canteenId, date: day.date })}
      />
    ));

  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={canteens} value={canteenId} onChange={selectCanteen} />
      <DayBar
        title={`${monthDay(start)} – ${monthDay(end)}`}
        prevLabel="上一周"
        nextLabel="下一周"
        onPrev={() => setStart(addDays(start, -7))}
        onNext={() => setStart(addDays(start, 7))}
      >
        <Text className="text-muted">{weekName(daysBetween(mondayOf(today), start) / 7)}</Text>
      </DayBar>
      {start === mondayOf(today) ? null : (
        <View className="ui-links">
          <View className="ui-links__item tap" ariaRole="button" onClick={() => setStart(mondayOf(today))}>
            回到本周
          </View>
        </View>
      )}
      {body}
    </View>
  );
}
