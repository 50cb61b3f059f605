import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { PEOPLE_DIRECTORY_LIMITS } from '@contract/people';
import { ROLE_LABELS } from '@contract/roles';
import { usePeopleSearch } from '@/features/meal-card/directory';
import { inputValue } from '@/features/meal-card/input-value';
import { useRequireSession } from '@/features/session';
import { LoadError, NoAccess } from '@/shared/ui/StatusView';
import '@/shared/ui/styles';
import { PEOPLE_ADMIN_PAGES } from '../routes';
import './people-admin.css';

/** 人员与角色: find a person by name or unit (the people directory), open them to change their roles. */
export function PeopleScreen() {
  const me = useRequireSession();
  const isAdmin = me?.roles.includes('admin') ?? false;
  const search = usePeopleSearch(isAdmin);
  if (me && !isAdmin) return <NoAccess reason="人员与角色仅向管理员开放" />;
  const { items, status, error, total, text } = search;
  return (
    <View className="pa">
      <Input
        className="ui-input"
        value={text}
        placeholder="输入姓名或单位搜索"
        maxlength={PEOPLE_DIRECTORY_LIMITS.maxQueryLength}
        confirmType="search"
        ariaLabel="搜索人员"
        onInput={(e) => search.setText(inputValue(e))}
      />
      {status === 'error' ? (
        <LoadError message={error} onRetry={search.reload} />
      ) : items.length === 0 ? (
        <View className="status">
          <Text className="text-muted">
            {status === 'loading' ? '正在查找…' : `没有找到与“${text.trim()}”匹配的人员`}
          </Text>
        </View>
      ) : (
        <View className="pa-list" ariaRole="group" ariaLabel="人员">
          <Text className="text-muted pa-list__count">{status === 'loading' ? '正在查找…' : `共 ${total} 人`}</Text>
          <View className="pa-panel">
            {items.map((person) => (
              <View
                key={person.id}
                className="ui-cell tap"
                ariaRole="button"
                onClick={() => void Taro.navigateTo({ url: PEOPLE_ADMIN_PAGES.person(person.id) })}
              >
                <View className="ui-cell__main">
                  <Text className="ui-cell__title">{person.name}</Text>
                  <Text className="text-muted">{person.unit || '未填单位'}</Text>
                  <View className="pa-tags">
                    {person.roles.map((role) => (
                      <Text key={role} className="ui-tag ui-tag--primary">
                        {ROLE_LABELS[role]}
                      </Text>
                    ))}
                  </View>
                </View>
                <Text className="ui-cell__side">›</Text>
              </View>
            ))}
          </View>
          {items.length < total ? (
            <View
              className={`button button--plain tap${search.loadingMore ? ' button--off' : ''}`}
              ariaRole="button"
              onClick={search.loadMore}
            >
              {search.loadingMore ? '正在加载…' : '加载更多'}
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
