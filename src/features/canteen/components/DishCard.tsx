import { Text, View } from '@tarojs/components';
import type { VoteValue } from '@contract/canteen';
import type { MenuDish } from '@contract/canteen.schema';
import { Photo } from './Photo';
import '@/shared/ui/styles';

function VoteButton(props: {
  kind: VoteValue;
  count: number;
  on: boolean;
  enabled: boolean;
  onVote: (value: VoteValue) => void;
}) {
  const word = props.kind === 'up' ? '赞' : '踩';
  const classes = [
    'ct-vote',
    `ct-vote--${props.kind}`,
    props.on ? 'ct-vote--on' : '',
    props.enabled ? '' : 'ct-vote--off',
  ].filter(Boolean);
  return (
    <View
      className={classes.join(' ')}
      ariaRole="button"
      ariaLabel={`${word} ${props.count}${props.on ? `，已${word}` : ''}`}
      aria-disabled={!props.enabled}
      onClick={() => {
        if (props.enabled) props.onVote(props.kind);
      }}
    >
      <Text>{word}</Text>
      <Text className="ct-vote__count">{props.count}</Text>
    </View>
  );
}

/** One dish: photo, name, category, tags, allergens, and its 赞/踩 counts (tappable when voting is open). */
export function DishCard(props: {
  dish: MenuDish;
  canVote: boolean;
  onVote: (dishId: string, value: VoteValue) => void;
}) {
  const { dish } = props;
  const vote = (value: VoteValue) => props.onVote(dish.id, value);
  return (
    <View className="ct-dish" ariaRole="group" ariaLabel={dish.name}>
      <Photo url={dish.photoUrl} className="ct-dish__photo" alt={dish.name} />
      <View className="ct-dish__body">
        <View className="ct-dish__title">
          <Text className="ct-dish__name">{dish.name}</Text>
          <Text className="ui-tag">{dish.category}</Text>
        </View>
        {dish.tags.length > 0 ? (
          <View className="ct-dish__tags">
            {dish.tags.map((tag) => (
              <Text key={tag} className="ui-tag ui-tag--primary">
                {tag}
              </Text>
            ))}
          </View>
        ) : null}
        {dish.allergens.length > 0 ? (
          <Text className="ct-dish__allergens">{`含过敏原：${dish.allergens.join('、')}`}</Text>
        ) : null}
        {dish.description ? <Text className="ct-dish__desc">{dish.description}</Text> : null}
        <View className="ct-votes">
          <VoteButton kind="up" count={dish.up} on={dish.myVote === 'up'} enabled={props.canVote} onVote={vote} />
          <VoteButton kind="down" count={dish.down} on={dish.myVote === 'down'} enabled={props.canVote} onVote={vote} />
        </View>
      </View>
    </View>
  );
}
