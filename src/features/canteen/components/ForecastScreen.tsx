import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { RankedDish } from '@contract/canteen.schema';
import { todayDate } from '@/shared/time';
import { fetchForecast } from '@/features/headcount/api';
import { useRemote } from '@/shared/remote/use-remote';
import { fetchRanking } from '../api';
import { addDays, monthDay, weekdayLabel } from '../dates';
import { MEAL_LABELS } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { DayBar } from '@/shared/ui/DayBar';
import { DayTag } from './DayTag';
import { useManagedCanteen } from './ManagedCanteen';
import { Photo } from './Photo';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';

const RANKING_DAYS = 30;
const MIN_VOTES = 3;

function RankList({ title, dishes }: { title: string; dishes: RankedDish[] }) {
  return (
    <View>
      <Text className="ui-section-title">{title}</Text>
      <View className="card">
        {dishes.length === 0 ? (
          <Text className="ct-meal__empty">暂无</Text>
        ) : (
          dishes.map((dish, index) => (
            <View key={dish.dishId} className="ct-rank" ariaLabel={dish.name}>
              <Text className="ct-rank__no">{index + 1}</Text>
              <Photo url={dish.photoUrl} className="ct-row__photo" alt={dish.name} />
              <View className="ui-cell__main">
                <Text className="ui-cell__title">{dish.name}</Text>
                <Text className="text-muted">{`赞 ${dish.up} · 踩 ${dish.down} · 共 ${dish.votes} 票`}</Text>
              </View>
              <Text
                className={`ct-rank__net${dish.net > 0 ? ' ct-rank__net--good' : dish.net < 0 ? ' ct-rank__net--bad' : ''}`}
              >
                {dish.net > 0 ? `+${dish.net}` : String(dish.net)}
              </Text>
            </View>
          ))
        )}
      </View>
    </View>
  );
}

/** 报餐与评价: sign-ups per day and meal for 7 days, and the dishes people liked most and least. */
export function ForecastScreen() {
  const { me, status, error, retry, managed, canteen, pick } = useManagedCanteen();
  const today = todayDate();
  const [from, setFrom] = useState(today);
  const to = addDays(from, 6);
  const canteenId = canteen?.id ?? null;
  const loadForecast = useCallback(() => fetchForecast(canteenId ?? '', { from, to }), [canteenId, from, to]);
  const forecast = useRemote(canteenId ? `${canteenId}|${from}` : null, loadForecast);
  const rankFrom = addDays(today, 1 - RANKING_DAYS);
  const loadRanking = useCallback(
    () => fetchRanking(canteenId ?? '', { from: rankFrom, to: today, minVotes: MIN_VOTES, limit: 5 }),
    [canteenId, rankFrom, today],
  );
  const ranking = useRemote(canteenId ? `${canteenId}|${today}` : null, loadRanking);

  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!canteen) return <Empty title="您还没有负责的食堂" hint="请联系管理员把您加入食堂工作人员" />;

  let table;
  if (forecast.status === 'error')
    table = <LoadError message={forecast.error} onRetry={() => void forecast.reload()} />;
  else if (forecast.status !== 'ready' || !forecast.data) table = <Loading />;
  else {
    const data = forecast.data;
    const meals = data.days[0]?.meals.map((m) => m.meal) ?? [];
    table = (
      <View className="card ct-table" ariaLabel="报餐人数">
        <View className="ct-summary">
          <Text>7 天共报餐</Text>
          <Text className="ct-summary__big">{data.total}</Text>
          <Text>人次</Text>
        </View>
        <View className="ct-table__row ct-table__row--head">
          <Text className="ct-table__date">日期</Text>
          {meals.map((meal) => (
            <Text key={meal} className="ct-table__num">
              {MEAL_LABELS[meal]}
            </Text>
          ))}
          <Text className="ct-table__num">合计</Text>
        </View>
        {data.days.map((day) => (
          <View key={day.date} className="ct-table__row" ariaLabel={`${monthDay(day.date)}报餐`}>
            <View className="ct-table__date">
              <Text>{`${monthDay(day.date)} ${weekdayLabel(day.date)}${day.date === today ? '（今天）' : ''}`}</Text>
              <View>
                <DayTag calendar={day.calendar} />
              </View>
            </View>
            {day.meals.map((m) => (
              <Text key={m.meal} className="ct-table__num">
                {m.count}
              </Text>
            ))}
            <Text className="ct-table__num ct-table__total">{day.total}</Text>
          </View>
        ))}
      </View>
    );
  }

  let rank;
  if (ranking.status === 'error') rank = <LoadError message={ranking.error} onRetry={() => void ranking.reload()} />;
  else if (ranking.status !== 'ready' || !ranking.data) rank = <Loading />;
  else {
    const data = ranking.data;
    rank =
      data.top.length + data.bottom.length === 0 ? (
        <Empty title="评价还太少，暂无排行" hint={`每道菜至少 ${data.minVotes} 票才计入`} />
      ) : (
        <View>
          <RankList title="好评榜" dishes={data.top} />
          <RankList title="待改进" dishes={data.bottom} />
          {data.hidden > 0 ? (
            <Text className="ct-foot">{`另有 ${data.hidden} 道菜评价不足 ${data.minVotes} 票，未计入排行。`}</Text>
          ) : null}
        </View>
      );
  }

  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={managed} value={canteen.id} onChange={pick} />
      <Text className="ui-section-title">报餐人数</Text>
      <DayBar
        title={`${monthDay(from)} – ${monthDay(to)}`}
        prevLabel="前 7 天"
        nextLabel="后 7 天"
        onPrev={() => setFrom(addDays(from, -7))}
        onNext={() => setFrom(addDays(from, 7))}
      />
      {table}
      <Text className="ui-section-title">{`近 ${RANKING_DAYS} 天菜品评价（按赞减踩）`}</Text>
      {rank}
    </View>
  );
}
