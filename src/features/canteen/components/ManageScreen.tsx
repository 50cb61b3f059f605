import { Text, View } from '@tarojs/components';
import { hasAnyRole } from '@contract/roles';
import { MEAL_LABELS } from '../vocab';
import { openCanteenPage, type CanteenPage } from '../routes';
import { CanteenSwitcher } from '@/shared/ui/CanteenSwitcher';
import { useManagedCanteen } from './ManagedCanteen';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import './canteen.css';

interface Entry {
  page: CanteenPage;
  glyph: string;
  name: string;
  hint: string;
}

const ENTRIES: Entry[] = [
  { page: 'editor', glyph: '编', name: '菜单编排', hint: '编排每天的菜单，复制前一天或上周，发布与撤回' },
  { page: 'dishes', glyph: '菜', name: '菜品库', hint: '新增、修改、停用菜品，上传菜品照片' },
  { page: 'forecast', glyph: '数', name: '报餐与评价', hint: '每天每餐的报餐人数，菜品好评与差评排行' },
];

const SETTINGS: Entry = { page: 'settings', glyph: '设', name: '食堂设置', hint: '名称、位置、供餐时间、报餐截止时间' };

/** 食堂管理: the canteen staff's (and admins') entry to the dish library, menu editor, forecast and settings. */
export function ManageScreen() {
  const { me, status, error, retry, managed, canteen, pick } = useManagedCanteen();
  if (!me || status === 'idle' || status === 'loading') return <Loading />;
  if (status === 'error') return <LoadError message={error} onRetry={retry} />;
  if (!canteen) return <Empty title="您还没有负责的食堂" hint="请联系管理员把您加入食堂工作人员" />;
  const entries = hasAnyRole(me.roles, ['admin']) ? [...ENTRIES, SETTINGS] : ENTRIES;
  const { daysBefore, time } = canteen.headcountCutoff;
  return (
    <View className="ct-screen">
      <CanteenSwitcher canteens={managed} value={canteen.id} onChange={pick} />
      <View className="card">
        <Text className="ct-day__date">{canteen.name}</Text>
        <View>
          <Text className="text-muted">{canteen.location || '未填写位置'}</Text>
        </View>
        <View>
          <Text className="text-muted">
            {canteen.meals.map((m) => `${MEAL_LABELS[m.meal]} ${m.servingStart}–${m.servingEnd}`).join('　')}
          </Text>
        </View>
        <View>
          <Text className="text-muted">
            {`报餐截止：${daysBefore === 0 ? '当天' : daysBefore === 1 ? '前一天' : `提前 ${daysBefore} 天`} ${time}`}
          </Text>
        </View>
      </View>
      {entries.map((entry) => (
        <View
          key={entry.page}
          className="ct-entry tap"
          ariaRole="button"
          onClick={() => openCanteenPage(entry.page, { canteenId: canteen.id })}
        >
          <Text className="ct-entry__glyph">{entry.glyph}</Text>
          <View className="ct-entry__text">
            <Text className="ct-entry__name">{entry.name}</Text>
            <Text className="text-muted">{entry.hint}</Text>
          </View>
          <Text className="ct-entry__arrow">›</Text>
        </View>
      ))}
      <View className="ui-links">
        <View
          className="ui-links__item tap"
          ariaRole="button"
          onClick={() => openCanteenPage('menu', { canteenId: canteen.id })}
        >
          查看今日菜品
        </View>
      </View>
    </View>
  );
}
