import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { Loading } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { openRepairsPage } from '../routes';
import { TicketList } from './TicketList';
import './repairs.css';

/** How often a repairer's open list is read again while shown: new dispatches appear by themselves. */
export const TASKS_POLL_MS = 10_000;

/**
 * 维修工单. A repairer: my open tickets by deadline with their countdowns (new ones appear without
 * a reload), and my finished ones. A dispatcher: the board, the queue, rules and repairer profiles.
 */
export function TasksScreen() {
  const me = useRequireSession();
  const [view, setView] = useState<'open' | 'closed'>('open');
  if (!me) return <Loading />;
  const repairer = me.roles.includes('repairer');
  const dispatcher = me.roles.includes('dispatcher') || me.roles.includes('admin');
  return (
    <View className="rp">
      {dispatcher ? (
        <View className="rp-shortcuts">
          <View className="button button--primary tap" ariaRole="button" onClick={() => openRepairsPage('board')}>
            调度看板
          </View>
          <View className="button button--plain tap" ariaRole="button" onClick={() => openRepairsPage('rules')}>
            派单规则与维修工
          </View>
        </View>
      ) : null}
      {repairer ? (
        <>
          <Text className="ui-section-title">我的工单</Text>
          <Tabs
            label="工单状态"
            items={[
              { value: 'open', label: '进行中' },
              { value: 'closed', label: '已结束' },
            ]}
            value={view}
            onChange={setView}
          />
          {view === 'open' ? (
            <TicketList
              key="open"
              scope="assigned"
              state="open"
              pollMs={TASKS_POLL_MS}
              sortByDeadline
              showPeople
              emptyTitle="暂无待处理的工单"
              emptyHint="有新派单时会自动出现在这里"
            />
          ) : (
            <TicketList key="closed" scope="assigned" state="closed" showPeople emptyTitle="还没有已结束的工单" />
          )}
        </>
      ) : (
        <>
          <Text className="ui-section-title">待派单</Text>
          <TicketList scope="queue" pollMs={TASKS_POLL_MS} showPeople emptyTitle="没有待派单的工单" />
        </>
      )}
    </View>
  );
}
