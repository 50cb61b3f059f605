import { Text, View } from '@tarojs/components';
import type { VoteValue } from '@contract/canteen';
import type { MenuMeal } from '@contract/canteen.schema';
import { MEAL_LABELS, type ServingState } from '../vocab';
import { DishCard } from './DishCard';
import '@/shared/ui/styles';

const SERVING_LABELS: Record<ServingState, string> = { serving: '供应中', upcoming: '下一餐', over: '已结束' };

/** One meal of a day: name, serving window, whether it is served now, and its dishes. */
export function MealSection(props: {
  meal: MenuMeal;
  /** Today only: where this meal stands now; `current` marks the one served now, or next. */
  serving?: ServingState;
  current: boolean;
  /** Voting is open for this day (the draft meals of managers never take votes). */
  votingOpen: boolean;
  onVote: (dishId: string, value: VoteValue) => void;
}) {
  const { meal, serving } = props;
  const name = MEAL_LABELS[meal.meal];
  const draft = !meal.published && meal.dishes.length > 0;
  return (
    <View className={`ct-meal${props.current && serving === 'serving' ? ' ct-meal--now' : ''}`} ariaLabel={name}>
      <View className="ct-meal__head">
        <Text className="ct-meal__name">{name}</Text>
        <Text className="ct-meal__time">{`${meal.servingStart}–${meal.servingEnd}`}</Text>
        {serving && (props.current || serving === 'serving') ? (
          <Text className={`ui-tag${serving === 'serving' ? ' ui-tag--success ui-tag--strong' : ''}`}>
            {SERVING_LABELS[serving]}
          </Text>
        ) : null}
        {draft ? <Text className="ui-tag ui-tag--warning">草稿·职工不可见</Text> : null}
      </View>
      {meal.dishes.length === 0 ? (
        <Text className="ct-meal__empty">{meal.published ? '本餐暂无菜品' : '本餐菜单暂未发布'}</Text>
      ) : (
        meal.dishes.map((dish) => (
          <DishCard key={dish.id} dish={dish} canVote={props.votingOpen && meal.published} onVote={props.onVote} />
        ))
      )}
    </View>
  );
}
