import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { todayDate } from '@/shared/time';
import { Loading } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { fetchVisits } from '../api';
import { cachedPasses } from '../pass-cache';
import { openVisitorPage } from '../routes';
import { PagedList } from './PagedList';
import { VisitCard } from './VisitCard';
import './visitors.css';

type HostView = 'today' | 'all' | 'mine';

/**
 * 访客预约: for staff, 邀请访客 and the visitors coming to me (today, all), and the visits I made
 * myself; for visitors, 申请来访 and 我的来访 (with the passes kept on this phone for no network).
 */
export function VisitsScreen() {
  const me = useRequireSession();
  const [view, setView] = useState<HostView>('today');
  if (!me) return <Loading />;
  const staff = me.roles.includes('staff') || me.roles.includes('admin');
  const as = staff && view !== 'mine' ? 'host' : 'visitor';
  const date = staff && view === 'today' ? todayDate() : undefined;
  const offline = staff ? [] : cachedPasses(me.id);
  return (
    <View className="vs">
      <View className="ui-actions">
        {staff ? (
          <View
            className="button button--primary tap vs-grow"
            ariaRole="button"
            onClick={() => openVisitorPage('invite')}
          >
            邀请访客
          </View>
        ) : null}
        <View
          className={`button ${staff ? 'button--plain' : 'button--primary'} tap vs-grow`}
          ariaRole="button"
          onClick={() => openVisitorPage('apply')}
        >
          申请来访
        </View>
        {me.roles.includes('admin') ? (
          <View className="button button--plain tap" ariaRole="button" onClick={() => openVisitorPage('admin')}>
            访客管理
          </View>
        ) : null}
      </View>
      {offline.length ? (
        <View className="ui-banner ui-banner--success">
          <Text className="ui-banner__text">{`本机已保存 ${offline.length} 张通行码，无网络时也能打开出示`}</Text>
        </View>
      ) : null}
      {staff ? (
        <Tabs
          label="查看哪些来访"
          value={view}
          onChange={setView}
          items={[
            { value: 'today', label: '今日访客' },
            { value: 'all', label: '全部访客' },
            { value: 'mine', label: '我的来访' },
          ]}
        />
      ) : (
        <Text className="ui-section-title">我的来访</Text>
      )}
      <PagedList
        listKey={`${as}-${date ?? 'all'}`}
        load={(cursor) => fetchVisits(as, cursor, date)}
        render={(visit) => <VisitCard visit={visit} />}
        emptyTitle={as === 'host' ? (date ? '今天没有访客' : '还没有访客') : '还没有来访记录'}
        emptyHint={as === 'host' ? '点“邀请访客”生成邀请链接，发给访客' : '点“申请来访”，找到被访人并提交'}
      />
    </View>
  );
}
