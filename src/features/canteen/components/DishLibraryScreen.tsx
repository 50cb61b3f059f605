import { useCallback, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Dish } from '@contract/canteen.schema';
import { ConfirmDialog } from '@/shared/ui/ConfirmDialog';
import { toast } from '@/shared/ui/toast';
import { useRemote } from '@/shared/remote/use-remote';
import { fetchDishes, setDishRetired } from '../api';
import { openCanteenPage } from '../routes';
import { DISH_CATEGORIES } from '../vocab';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { useManagedCanteen } from './ManagedCanteen';
import { Photo } from './Photo';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';
import { Tabs } from '@/shared/ui/Tabs';

type Filter = 'active' | 'retired';

function DishRow(props: {
  dish: Dish;
  busy: boolean;
  onEdit: () => void;
  onRetire: () => void;
  onRestore: () => void;
}) {
  const { dish } = props;
  const detail = [dish.category, ...dish.tags].join(' · ');
  return (
    <View className="ui-cell ct-row" ariaLabel={dish.name}>
      <Photo url={dish.photoUrl} className="ct-row__photo" alt={dish.name} />
      <View className="ui-cell__main tap" ariaRole="button" onClick={props.onEdit}>
        <Text className="ui-cell__title">{dish.name}</Text>
        <Text className="text-muted">{detail}</Text>
        {dish.allergens.length ? (
          <Text className="ct-dish__allergens">{`过敏原：${dish.allergens.join('、')}`}</Text>
        ) : null}
      </View>
      {dish.retired ? (
        <View className="ui-small-button tap" ariaRole="button" onClick={props.busy ? undefined : props.onRestore}>
          恢复
        </View>
      ) : (
        <View
          className="ui-small-button ui-small-button--danger tap"
          ariaRole="button"
          onClick={props.busy ? undefined : props.onRetire}
        >
          停用
        </View>
      )}
    </View>
  );
}

/** 菜品库: the canteen's dishes by category; create, edit, retire (confirmed) and restore. */
export function DishLibraryScreen() {
  const { me, status, error, retry, managed, canteen, pick } = useManagedCanteen();
  const [filter, setFilter] = useState<Filter>('active');
  const [retiring, setRetiring] = useState<Dish | null>(null);
  const [busy, setBusy] = useState(false);
  const canteenId = canteen?.id ?? null;
  const load = useCallback(() => fetchDishes(canteenId ?? '', 'include'), [canteenId]);
  const dishes = useRemote(canteenId, load);

  const change = useCallback(
    async (dish: Dish, retired: boolean) => {
      if (!canteenId || !dishes.data) return;
      setBusy(true);
      try {
        const saved = await setDishRetired(canteenId, dish.id, retired);
        dishes.setData({ items: dishes.data.items.map((d) => (d.id === saved.id ? saved : d)) });
        void Taro.showToast({ title: retired ? '已停用' : '已恢复', icon: 'success' });
      } catch (e) {
        toast(e);
      } finally {
        setBusy(false);
      }
    },
    [canteenId, dishes],
  );

  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!canteen) return <Empty title="您还没有负责的食堂" hint="请联系管理员把您加入食堂工作人员" />;

  let body;
  if (dishes.status === 'error') body = <LoadError message={dishes.error} onRetry={() => void dishes.reload()} />;
  else if (dishes.status !== 'ready' || !dishes.data) body = <Loading />;
  else {
    const shown = dishes.data.items.filter((d) => d.retired === (filter === 'retired'));
    if (shown.length === 0) {
      body = (
        <Empty
          title={filter === 'retired' ? '没有停用的菜品' : '菜品库还是空的'}
          hint={filter === 'retired' ? undefined : '点“新增菜品”添加第一道菜'}
        />
      );
    } else {
      body = DISH_CATEGORIES.filter((category) => shown.some((d) => d.category === category)).map((category) => (
        <View key={category}>
          <Text className="ui-section-title">{category}</Text>
          <View className="card">
            {shown
              .filter((d) => d.category === category)
              .map((dish) => (
                <DishRow
                  key={dish.id}
                  dish={dish}
                  busy={busy}
                  onEdit={() => openCanteenPage('dishEdit', { canteenId: canteen.id, dishId: dish.id })}
                  onRetire={() => setRetiring(dish)}
                  onRestore={() => void change(dish, false)}
                />
              ))}
          </View>
        </View>
      ));
    }
  }

  const counts = dishes.data
    ? {
        active: dishes.data.items.filter((d) => !d.retired).length,
        retired: dishes.data.items.filter((d) => d.retired).length,
      }
    : null;
  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={managed} value={canteen.id} onChange={pick} />
      <View className="ui-actions">
        <View
          className="button button--primary tap"
          ariaRole="button"
          onClick={() => openCanteenPage('dishEdit', { canteenId: canteen.id })}
        >
          新增菜品
        </View>
      </View>
      <Tabs
        label="菜品状态"
        small
        items={(['active', 'retired'] as const).map((f) => ({
          value: f,
          label: `${f === 'active' ? '在用' : '已停用'}${counts ? `（${counts[f]}）` : ''}`,
        }))}
        value={filter}
        onChange={setFilter}
      />
      {body}
      <ConfirmDialog
        visible={retiring !== null}
        title="停用菜品"
        content={retiring ? `停用“${retiring.name}”后不能再加入新菜单，已发布的菜单不受影响。确定停用？` : ''}
        confirmText="停用"
        onCancel={() => setRetiring(null)}
        onConfirm={() => {
          const dish = retiring;
          setRetiring(null);
          if (dish) void change(dish, true);
        }}
      />
    </View>
  );
}
