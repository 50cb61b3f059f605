import { useState } from 'react';
import { ScrollView, Text, View } from '@tarojs/components';
import type { Dish } from '@contract/canteen.schema';
import type { DishCategory } from '@contract/canteen';
import { DISH_CATEGORIES } from '../vocab';
import { Photo } from './Photo';
import { Tabs } from '@/shared/ui/Tabs';

/** A bottom sheet listing the library's dishes not yet on the meal; tap 添加 to append one. */
/** The 全部 tab (no category filter). */
const ALL = 'all';

export function DishPicker(props: {
  title: string;
  dishes: readonly Dish[];
  /** Ids already on the meal (left out). */
  taken: readonly string[];
  busy: boolean;
  onAdd: (dish: Dish) => void;
  onClose: () => void;
}) {
  const [category, setCategory] = useState<DishCategory | null>(null);
  const free = props.dishes.filter((d) => !d.retired && !props.taken.includes(d.id));
  const categories = DISH_CATEGORIES.filter((c) => free.some((d) => d.category === c));
  const shown = free.filter((d) => category === null || d.category === category);
  return (
    <View className="ui-sheet" catchMove>
      <View className="ui-sheet__mask" onClick={props.onClose} />
      <View className="ui-sheet__box" ariaRole="dialog" ariaLabel={props.title}>
        <View className="ui-sheet__head">
          <Text className="ui-sheet__title">{props.title}</Text>
          <View className="ui-small-button tap" ariaRole="button" onClick={props.onClose}>
            完成
          </View>
        </View>
        <Tabs
          label="菜品分类"
          small
          items={[{ value: ALL, label: '全部' }, ...categories.map((c) => ({ value: c, label: c }))]}
          value={category ?? ALL}
          onChange={(c) => setCategory(c === ALL ? null : c)}
        />
        <ScrollView className="ct-sheet__list" scrollY>
          {shown.length === 0 ? (
            <Text className="ct-meal__empty">
              {free.length === 0 ? '菜品库里的菜都已加入本餐' : '这个分类没有可加的菜'}
            </Text>
          ) : (
            shown.map((dish) => (
              <View key={dish.id} className="ui-cell ct-row" ariaLabel={dish.name}>
                <Photo url={dish.photoUrl} className="ct-row__photo" alt={dish.name} />
                <View className="ui-cell__main">
                  <Text className="ui-cell__title">{dish.name}</Text>
                  <Text className="text-muted">{dish.category}</Text>
                </View>
                <View
                  className={`ui-small-button tap${props.busy ? ' ui-small-button--off' : ''}`}
                  ariaRole="button"
                  ariaLabel={`添加 ${dish.name}`}
                  onClick={() => {
                    if (!props.busy) props.onAdd(dish);
                  }}
                >
                  添加
                </View>
              </View>
            ))
          )}
        </ScrollView>
      </View>
    </View>
  );
}
