import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { MealKind } from '@contract/canteen';
import type { MenuMeal } from '@contract/canteen.schema';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { todayDate } from '@/shared/time';
import { toast } from '@/shared/ui/toast';
import { useRemote } from '@/shared/remote/use-remote';
import { copyMenu, fetchDayMenu, fetchDishes, putMealDishes, setMenuPublished } from '../api';
import { addDays, dayLabel, isDate, monthDay } from '../dates';
import { openCanteenPage } from '../routes';
import { MEAL_LABELS } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { DayBar } from '@/shared/ui/DayBar';
import { DayTag } from './DayTag';
import { DishPicker } from './DishPicker';
import { useManagedCanteen } from './ManagedCanteen';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';

interface Confirm {
  title: string;
  content: string;
  confirmText: string;
  run: () => Promise<void>;
}

function mealState(meal: MenuMeal): { label: string; className: string } {
  if (meal.published) return { label: '已发布', className: 'ui-tag ui-tag--success' };
  if (meal.dishes.length > 0) return { label: '草稿·未发布', className: 'ui-tag ui-tag--warning' };
  return { label: '未编排', className: 'ui-tag' };
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * 菜单编排: compose a day's meals from the dish library (add, reorder, remove), copy a previous day
 * or week as drafts, publish and withdraw (confirmed). Staff see published meals only.
 */
export function MenuEditorScreen() {
  const { params } = useRouter();
  const { me, status, error, retry, managed, canteen, pick } = useManagedCanteen();
  const today = todayDate();
  const [date, setDate] = useState(() => (isDate(params.date) && params.date >= today ? params.date : today));
  const canteenId = canteen?.id ?? null;
  const loadDay = useCallback(() => fetchDayMenu(canteenId ?? '', date), [canteenId, date]);
  const day = useRemote(canteenId ? `${canteenId}|${date}` : null, loadDay);
  const loadLibrary = useCallback(() => fetchDishes(canteenId ?? '', 'exclude'), [canteenId]);
  const library = useRemote(canteenId, loadLibrary);
  const [busy, setBusy] = useState(false);
  const [picking, setPicking] = useState<MealKind | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);

  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!canteen) return <Empty title="您还没有负责的食堂" hint="请联系管理员把您加入食堂工作人员" />;

  const act = async (run: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await run();
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  const done = (title: string) => void Taro.showToast({ title, icon: title.length > 7 ? 'none' : 'success' });

  const setMeal = (meal: MealKind, dishIds: string[]) =>
    act(async () => {
      day.setData(await putMealDishes(canteen.id, date, meal, dishIds));
    });

  const publish = (published: boolean, meals: MealKind[] | undefined, days = 1) =>
    act(async () => {
      await setMenuPublished(canteen.id, { from: date, to: addDays(date, days - 1), meals }, published);
      await day.reload();
      done(published ? '已发布' : '已撤回发布');
    });

  const copy = (from: string, days: number) =>
    act(async () => {
      const result = await copyMenu(canteen.id, { from, to: date, days });
      await day.reload();
      done(result.skippedRetired ? `已复制为草稿，${result.skippedRetired} 道停用菜品未复制` : '已复制为草稿');
    });

  const ask = (c: Confirm) => setConfirm(c);
  const unpublish = (meals: MealKind[] | undefined, what: string) =>
    ask({
      title: '撤回发布',
      content: `撤回后职工将看不到${what}的菜单，已有的评价会保留。确定撤回？`,
      confirmText: '撤回',
      run: () => publish(false, meals),
    });
  const askCopy = (from: string, days: number, what: string) =>
    ask({
      title: '复制菜单',
      content: `把${what}的菜单复制到${days === 1 ? monthDay(date) : `${monthDay(date)}起 ${days} 天`}，存为草稿，会覆盖这些日期未发布的同一餐。确定复制？`,
      confirmText: '复制',
      run: () => copy(from, days),
    });

  const editable = date >= today;
  let body;
  if (day.status === 'error') body = <LoadError message={day.error} onRetry={() => void day.reload()} />;
  else if (day.status !== 'ready' || !day.data) body = <Loading />;
  else {
    const menu = day.data;
    const anyDishes = menu.meals.some((m) => m.dishes.length > 0);
    const anyPublished = menu.meals.some((m) => m.published);
    body = (
      <View>
        {menu.meals.map((meal) => {
          const state = mealState(meal);
          const ids = meal.dishes.map((d) => d.id);
          return (
            <View key={meal.meal} className="ct-meal" ariaLabel={MEAL_LABELS[meal.meal]}>
              <View className="ct-meal__head">
                <Text className="ct-meal__name">{MEAL_LABELS[meal.meal]}</Text>
                <Text className="ct-meal__time">{`${meal.servingStart}–${meal.servingEnd}`}</Text>
                <Text className={state.className}>{state.label}</Text>
              </View>
              {meal.dishes.length === 0 ? <Text className="ct-meal__empty">还没有菜品</Text> : null}
              {meal.dishes.map((dish, index) => (
                <View key={dish.id} className="ct-edit-dish" ariaLabel={dish.name}>
                  <Text className="ct-edit-dish__name">{dish.name}</Text>
                  <Text className="ui-tag">{dish.category}</Text>
                  {editable ? (
                    <>
                      <View
                        className={`ct-edit-dish__move tap${index === 0 ? ' ct-edit-dish__move--off' : ''}`}
                        ariaRole="button"
                        ariaLabel={`上移 ${dish.name}`}
                        onClick={() => index > 0 && void setMeal(meal.meal, move(ids, index, index - 1))}
                      >
                        ↑
                      </View>
                      <View
                        className={`ct-edit-dish__move tap${index === ids.length - 1 ? ' ct-edit-dish__move--off' : ''}`}
                        ariaRole="button"
                        ariaLabel={`下移 ${dish.name}`}
                        onClick={() => index < ids.length - 1 && void setMeal(meal.meal, move(ids, index, index + 1))}
                      >
                        ↓
                      </View>
                      <View
                        className="ui-small-button ui-small-button--danger tap"
                        ariaRole="button"
                        ariaLabel={`移除 ${dish.name}`}
                        onClick={() => {
                          const rest = ids.filter((id) => id !== dish.id);
                          // Staff see a published meal at once: ask first. A draft just changes.
                          if (!meal.published) return void setMeal(meal.meal, rest);
                          ask({
                            title: '移除菜品',
                            content: `${MEAL_LABELS[meal.meal]}已发布，移除后职工将看不到“${dish.name}”。确定移除？`,
                            confirmText: '移除',
                            run: () => setMeal(meal.meal, rest),
                          });
                        }}
                      >
                        移除
                      </View>
                    </>
                  ) : null}
                </View>
              ))}
              {editable ? (
                <View className="ct-meal__actions">
                  <View className="ui-small-button tap" ariaRole="button" onClick={() => setPicking(meal.meal)}>
                    添加菜品
                  </View>
                  {meal.published ? (
                    <View
                      className="ui-small-button ui-small-button--danger tap"
                      ariaRole="button"
                      ariaLabel={`撤回${MEAL_LABELS[meal.meal]}`}
                      onClick={() => unpublish([meal.meal], `${monthDay(date)}${MEAL_LABELS[meal.meal]}`)}
                    >
                      {`撤回${MEAL_LABELS[meal.meal]}`}
                    </View>
                  ) : meal.dishes.length > 0 ? (
                    <View
                      className="ui-small-button tap"
                      ariaRole="button"
                      ariaLabel={`发布${MEAL_LABELS[meal.meal]}`}
                      onClick={() => void publish(true, [meal.meal])}
                    >
                      {`发布${MEAL_LABELS[meal.meal]}`}
                    </View>
                  ) : null}
                </View>
              ) : null}
            </View>
          );
        })}
        {editable ? (
          <>
            <Text className="ui-section-title">整天</Text>
            <View className="ui-actions">
              <View
                className={`button button--primary tap${anyDishes ? '' : ' ct-vote--off'}`}
                ariaRole="button"
                onClick={() => (anyDishes ? void publish(true, undefined) : done('请先添加菜品'))}
              >
                发布全天
              </View>
              {anyPublished ? (
                <View
                  className="button button--danger tap"
                  ariaRole="button"
                  onClick={() => unpublish(undefined, `${monthDay(date)}全天`)}
                >
                  撤回全天
                </View>
              ) : null}
              <View
                className="button button--plain tap"
                ariaRole="button"
                onClick={() => void publish(true, undefined, 7)}
              >
                {`发布${monthDay(date)}起 7 天`}
              </View>
            </View>
            <Text className="ui-section-title">复制菜单（存为草稿）</Text>
            <View className="ui-actions">
              <View
                className="button button--plain tap"
                ariaRole="button"
                onClick={() => askCopy(addDays(date, -1), 1, monthDay(addDays(date, -1)))}
              >
                复制前一天
              </View>
              <View
                className="button button--plain tap"
                ariaRole="button"
                onClick={() => askCopy(addDays(date, -7), 1, `上周同日（${monthDay(addDays(date, -7))}）`)}
              >
                复制上周同日
              </View>
              <View
                className="button button--plain tap"
                ariaRole="button"
                onClick={() => askCopy(addDays(date, -7), 7, `${monthDay(addDays(date, -7))}起的 7 天`)}
              >
                复制上周 7 天
              </View>
            </View>
          </>
        ) : null}
      </View>
    );
  }

  const meal = picking && day.data ? day.data.meals.find((m) => m.meal === picking) : undefined;
  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={managed} value={canteen.id} onChange={pick} />
      <DayBar
        title={dayLabel(date, today)}
        prevLabel="前一天"
        nextLabel="后一天"
        prevDisabled={date <= today}
        onPrev={() => setDate(addDays(date, -1))}
        onNext={() => setDate(addDays(date, 1))}
      >
        {day.data ? <DayTag calendar={day.data.calendar} /> : null}
      </DayBar>
      <View className="ui-links">
        <View
          className="ui-links__item tap"
          ariaRole="button"
          onClick={() => openCanteenPage('week', { canteenId: canteen.id, start: date })}
        >
          查看这一周
        </View>
        <View
          className="ui-links__item tap"
          ariaRole="button"
          onClick={() => openCanteenPage('dishes', { canteenId: canteen.id })}
        >
          菜品库
        </View>
      </View>
      {body}
      {meal && library.data ? (
        <DishPicker
          title={`添加到${MEAL_LABELS[meal.meal]}`}
          dishes={library.data.items}
          taken={meal.dishes.map((d) => d.id)}
          busy={busy}
          onAdd={(dish) => void setMeal(meal.meal, [...meal.dishes.map((d) => d.id), dish.id])}
          onClose={() => setPicking(null)}
        />
      ) : null}
      {picking && library.status === 'error' ? (
        <ConfirmDialog
          visible
          title="菜品库加载失败"
          content={library.error ?? ''}
          confirmText="重试"
          onCancel={() => setPicking(null)}
          onConfirm={() => void library.reload()}
        />
      ) : null}
      <ConfirmDialog
        visible={confirm !== null}
        title={confirm?.title ?? ''}
        content={confirm?.content ?? ''}
        confirmText={confirm?.confirmText}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const c = confirm;
          setConfirm(null);
          if (c) void c.run();
        }}
      />
    </View>
  );
}
