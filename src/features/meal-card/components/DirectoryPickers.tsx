import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { PEOPLE_DIRECTORY_LIMITS } from '@contract/people';
import type { DirectoryPerson } from '@contract/people.schema';
import type { PeopleSearch, UnitsList } from '../directory';
import { inputValue } from '../input-value';
import { formatFen } from '@/shared/money';
import '@/shared/ui/styles';

export interface PickedUnit {
  unit: string;
  /** Enabled people in it when the list was read: whom a top-up by unit reaches. */
  people: number;
}

function ListState({ text, error, onRetry }: { text?: string; error?: string | null; onRetry?: () => void }) {
  return (
    <View className="status" ariaRole={error ? 'alert' : undefined}>
      <Text className={error ? 'status__error' : 'text-muted'}>{error ?? text}</Text>
      {onRetry ? (
        <View className="button button--plain tap dir-state__retry" ariaRole="button" onClick={onRetry}>
          重试
        </View>
      ) : null}
    </View>
  );
}

/** Search people by name or unit and pick one; their unit and card balance are shown on each row. */
export function PeoplePicker({ search, onPick }: { search: PeopleSearch; onPick: (person: DirectoryPerson) => void }) {
  const { items, status, error, total, text } = search;
  return (
    <View className="dir">
      <Input
        className="ui-input ui-input--grow topup__input"
        value={text}
        placeholder="输入姓名或单位搜索"
        maxlength={PEOPLE_DIRECTORY_LIMITS.maxQueryLength}
        confirmType="search"
        onInput={(e) => search.setText(inputValue(e))}
      />
      {status === 'error' ? (
        <ListState error={error} onRetry={search.reload} />
      ) : items.length === 0 ? (
        <ListState text={status === 'loading' ? '正在查找…' : `没有找到与“${text.trim()}”匹配的人员`} />
      ) : (
        <View className="dir-list" ariaRole="group" ariaLabel="人员">
          <Text className="dir-list__count text-muted">
            {status === 'loading'
              ? '正在查找…'
              : `共 ${total} 人${total > items.length ? `，已显示 ${items.length} 人` : ''}`}
          </Text>
          {items.map((person) => (
            <View key={person.id} className="ui-cell tap" ariaRole="button" onClick={() => onPick(person)}>
              <View className="ui-cell__main">
                <Text className="ui-cell__title">{person.name}</Text>
                <Text className="text-muted">{person.unit || '未填单位'}</Text>
                {person.roles.every((role) => role === 'visitor') ? (
                  <Text className="ui-tag ui-tag--warning dir-row__tag">访客</Text>
                ) : null}
              </View>
              <Text className="ui-cell__side">{`余额 ${formatFen(person.balanceFen)}`}</Text>
            </View>
          ))}
          {items.length < total ? (
            <View
              className={`button button--plain tap dir-list__more${search.loadingMore ? ' button--off' : ''}`}
              ariaRole="button"
              onClick={search.loadMore}
            >
              {search.loadingMore ? '正在加载…' : '加载更多'}
            </View>
          ) : null}
          {error ? <Text className="status__error">{error}</Text> : null}
        </View>
      )}
    </View>
  );
}

/** The units with their headcount, filtered as typed; pick one to top up everyone in it. */
export function UnitPicker({ list, onPick }: { list: UnitsList; onPick: (unit: PickedUnit) => void }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const text = filter.trim().toLowerCase();
    return text ? list.units.filter((u) => u.unit.toLowerCase().includes(text)) : list.units;
  }, [filter, list.units]);
  return (
    <View className="dir">
      <Input
        className="ui-input ui-input--grow topup__input"
        value={filter}
        placeholder="输入单位名称筛选"
        maxlength={PEOPLE_DIRECTORY_LIMITS.maxQueryLength}
        onInput={(e) => setFilter(inputValue(e))}
      />
      {list.status === 'error' ? (
        <ListState error={list.error} onRetry={list.reload} />
      ) : list.status === 'loading' ? (
        <ListState text="正在读取单位…" />
      ) : shown.length === 0 ? (
        <ListState text={list.units.length === 0 ? '还没有任何单位的人员' : `没有名称包含“${filter.trim()}”的单位`} />
      ) : (
        <View className="dir-list" ariaRole="group" ariaLabel="单位">
          <Text className="dir-list__count text-muted">{`共 ${shown.length} 个单位`}</Text>
          {shown.map((u) => (
            <View key={u.unit} className="ui-cell tap" ariaRole="button" onClick={() => onPick(u)}>
              <Text className="ui-cell__title ui-cell__main">{u.unit}</Text>
              <Text className="ui-cell__side">{`${u.people} 人`}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
