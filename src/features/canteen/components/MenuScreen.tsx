import { openHeadcountPage } from '@/features/headcount/routes';
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { VoteValue } from '@contract/canteen';
import { hasAnyRole } from '@contract/roles';
import { useRequireSession } from '@/features/session';
import { todayDate } from '@/shared/time';
import { toast } from '@/shared/ui/toast';
import { addDays, dayLabel, isDate, nowTime } from '../dates';
import { useLinkedCanteen } from '../hooks';
import { openCanteenPage } from '../routes';
import {
  selectCanteenId,
  selectCanteens,
  selectCanteensError,
  selectCanteensStatus,
  selectCurrentCanteen,
  selectLoadCanteens,
  selectLoadMenu,
  selectMenu,
  selectMenuError,
  selectMenuKey,
  selectMenuStatus,
  selectSelectCanteen,
  selectVote,
  useCanteen,
} from '../store';
import { currentMeal, servingState } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { DayBar } from '@/shared/ui/DayBar';
import { DayTag } from './DayTag';
import { MealSection } from './MealSection';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';

const VOTING_NOTES = {
  notYet: '还没到这一天，开餐当天起才能评价',
  closed: '只能评价最近 7 天的菜品，这一天的评价已截止',
} as const;

/**
 * 今日菜品: pick a canteen (remembered), the day's meals with serving windows, the meal being served
 * now first, each dish with its 赞/踩 counts. `?date=YYYY-MM-DD&canteenId=` open another day.
 */
export function MenuScreen() {
  const me = useRequireSession();
  const { params } = useRouter();
  const [date, setDate] = useState(() => (isDate(params.date) ? params.date : todayDate()));
  const canteens = useCanteen(selectCanteens);
  const canteensStatus = useCanteen(selectCanteensStatus);
  const canteensError = useCanteen(selectCanteensError);
  const canteenId = useCanteen(selectCanteenId);
  const canteen = useCanteen(selectCurrentCanteen);
  const menu = useCanteen(selectMenu);
  const menuKey = useCanteen(selectMenuKey);
  const menuStatus = useCanteen(selectMenuStatus);
  const menuError = useCanteen(selectMenuError);
  const loadCanteens = useCanteen(selectLoadCanteens);
  const loadMenu = useCanteen(selectLoadMenu);
  const selectCanteen = useCanteen(selectSelectCanteen);
  const vote = useCanteen(selectVote);
  const signedIn = me !== null;

  useLinkedCanteen(params.canteenId, canteens, canteenId, selectCanteen);

  const reloadMenu = useCallback(() => {
    if (canteenId) return loadMenu(canteenId, date).catch(toast);
    return Promise.resolve();
  }, [canteenId, date, loadMenu]);

  useEffect(() => {
    if (signedIn) void reloadMenu();
  }, [signedIn, reloadMenu]);

  const shown = useRef(false);
  useDidShow(() => {
    if (!signedIn) return;
    void loadCanteens().catch(toast);
    if (shown.current) void reloadMenu();
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void Promise.all([loadCanteens().catch(toast), reloadMenu()]).finally(() => void Taro.stopPullDownRefresh());
  });

  const onVote = useCallback((dishId: string, value: VoteValue) => void vote(dishId, value).catch(toast), [vote]);

  if (!signedIn || canteensStatus === 'idle' || canteensStatus === 'loading') return <Loading />;
  if (canteensStatus === 'error') return <LoadError message={canteensError} onRetry={() => void loadCanteens()} />;
  if (canteens.length === 0) return <Empty title="暂无食堂" hint="请联系管理员添加食堂" />;

  const today = todayDate();
  const isToday = date === today;
  const eats = hasAnyRole(me.roles, ['staff', 'admin']);
  const manages = canteen?.canManage ?? false;
  const ready = menuStatus === 'ready' && menu && canteenId && menuKey === `${canteenId}|${date}`;

  let body;
  if (menuStatus === 'error') {
    body = <LoadError message={menuError} onRetry={() => void reloadMenu()} />;
  } else if (!ready) {
    body = <Loading />;
  } else if (menu.meals.every((m) => m.dishes.length === 0)) {
    body = manages ? (
      <Empty title="这一天还没有编排菜单" hint="编排并发布后，职工就能看到">
        <View
          className="button button--primary tap"
          ariaRole="button"
          onClick={() => openCanteenPage('editor', { canteenId: menu.canteenId, date })}
        >
          去编排菜单
        </View>
      </Empty>
    ) : (
      <Empty title={`${isToday ? '今天' : '这一天'}暂无已发布的菜单`} hint="可以看看本周菜谱，或下拉刷新" />
    );
  } else {
    const time = nowTime();
    // Meals stay in the day's order (早餐, 午餐, 晚餐); the one served now (or next) is marked.
    const current = isToday ? currentMeal(menu.meals, time) : undefined;
    const meals = menu.meals;
    body = (
      <View>
        {menu.voting !== 'open' ? (
          <View className="ui-banner ui-banner--warning">{VOTING_NOTES[menu.voting]}</View>
        ) : null}
        {meals.map((meal) => (
          <MealSection
            key={meal.meal}
            meal={meal}
            serving={isToday ? servingState(meal, time) : undefined}
            current={meal.meal === current}
            votingOpen={menu.voting === 'open'}
            onVote={onVote}
          />
        ))}
      </View>
    );
  }

  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={canteens} value={canteenId} onChange={selectCanteen} />
      <DayBar
        title={dayLabel(date, today)}
        prevLabel="前一天"
        nextLabel="后一天"
        onPrev={() => setDate(addDays(date, -1))}
        onNext={() => setDate(addDays(date, 1))}
      >
        {ready ? <DayTag calendar={menu.calendar} /> : null}
      </DayBar>
      <View className="ui-links">
        {isToday ? null : (
          <View className="ui-links__item tap" ariaRole="button" onClick={() => setDate(today)}>
            回到今天
          </View>
        )}
        <View
          className="ui-links__item tap"
          ariaRole="button"
          onClick={() => openCanteenPage('week', { canteenId: canteenId ?? undefined })}
        >
          本周菜谱
        </View>
        {eats ? (
          <View className="ui-links__item tap" ariaRole="button" onClick={() => openHeadcountPage('signup')}>
            报餐
          </View>
        ) : null}
        {manages ? (
          <View
            className="ui-links__item tap"
            ariaRole="button"
            onClick={() => openCanteenPage('manage', { canteenId: canteenId ?? undefined })}
          >
            食堂管理
          </View>
        ) : null}
      </View>
      {canteen ? <Text className="ct-place">{`${canteen.name} · ${canteen.location}`}</Text> : null}
      {body}
    </View>
  );
}
