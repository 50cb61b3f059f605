import { useState } from 'react';
import { View } from '@tarojs/components';
import type { GuardView } from '@contract/visitors.schema';
import { useRequireSession } from '@/features/session';
import { Loading, NoAccess } from '@/shared/ui/StatusView';
import { Tabs } from '@/shared/ui/Tabs';
import { fetchGuardList } from '../api';
import { openVisitorPage } from '../routes';
import { PagedList } from './PagedList';
import { ScanPanel } from './ScanPanel';
import { VisitCard } from './VisitCard';
import './visitors.css';

const VIEWS: { value: GuardView; label: string }[] = [
  { value: 'expected', label: '今日预约' },
  { value: 'on-site', label: '在园访客' },
  { value: 'overdue', label: '超时未离' },
];

/** 门岗核验: scan or type a pass, today's visitors by time, who is on site, who stays past their window. */
export function GateScreen() {
  const me = useRequireSession();
  const [view, setView] = useState<GuardView>('expected');
  const [round, setRound] = useState(0);
  if (!me) return <Loading />;
  if (!me.roles.includes('guard')) return <NoAccess reason="门岗核验仅限门岗人员使用" />;
  return (
    <View className="vs">
      <ScanPanel onScanned={() => setRound((n) => n + 1)} />
      <View className="button button--plain tap" ariaRole="button" onClick={() => openVisitorPage('walkIn')}>
        临时访客登记
      </View>
      <Tabs label="查看哪些访客" value={view} onChange={setView} items={VIEWS} />
      <PagedList
        listKey={`${view}-${round}`}
        load={(cursor) => fetchGuardList(view, cursor)}
        render={(visit) => <VisitCard visit={visit} />}
        emptyTitle={
          view === 'expected' ? '今天没有预约访客' : view === 'on-site' ? '目前没有在园访客' : '没有超时未离开的访客'
        }
      />
    </View>
  );
}
