import { Text, View } from '@tarojs/components';
import type { RepairBoard, RepairFigures } from '@contract/repairs.schema';
import { useRemote } from '@/shared/remote/use-remote';
import { useRequireSession } from '@/features/session';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import { fetchBoard } from '../api';
import { useNow } from '../use-tickets';
import { TicketCard } from './TicketCard';
import { TicketList } from './TicketList';
import './repairs.css';

const minutes = (n: number | null) => (n === null ? '—' : `${n} 分钟`);
const rate = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)}%`);
const score = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function FigureTable({ title, rows }: { title: string; rows: (RepairFigures & { id: string; name: string })[] }) {
  return (
    <View className="rp-panel">
      <Text className="ui-section-title">{title}</Text>
      {rows.length === 0 ? <Text className="text-muted">这段时间还没有工单</Text> : null}
      {rows.map((r) => (
        <View key={r.id} className="rp-figure" ariaLabel={`${r.name}：${r.tickets} 单`}>
          <Text className="rp-figure__name">{r.name}</Text>
          <Text className="rp-figure__cells">
            {r.tickets} 单 · 完工 {r.finished} · 响应 {minutes(r.responseMinutes)} · 到场 {minutes(r.onsiteMinutes)} ·
            按时 {rate(r.onTimeRate)} · 评分 {score(r.averageScore)}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** 调度看板: open tickets on time / at risk / overdue, the queue, and the last 30 days' figures. */
export function BoardScreen() {
  const me = useRequireSession();
  const board = useRemote<RepairBoard>(me ? 'board' : null, fetchBoard);
  const now = useNow();
  if (!me || board.status === 'idle' || board.status === 'loading') return <Loading />;
  if (board.status === 'error' || !board.data)
    return <LoadError message={board.error} onRetry={() => void board.reload()} />;
  const b = board.data;
  const tiles: [string, number, string][] = [
    ['超时', b.counts.overdue, 'danger'],
    ['临期', b.counts.atRisk, 'warning'],
    ['正常', b.counts.onTime, 'success'],
    ['暂停', b.counts.paused, 'strong'],
    ['待派单', b.counts.queued, 'primary'],
  ];
  return (
    <View className="rp">
      <View className="rp-tiles">
        {tiles.map(([label, n, tone]) => (
          <View key={label} className={`rp-tile rp-tile--${tone}`} ariaLabel={`${label} ${n} 单`}>
            <Text className="rp-tile__n">{n}</Text>
            <Text className="rp-tile__label">{label}</Text>
          </View>
        ))}
      </View>
      <Text className="ui-section-title">待派单</Text>
      <TicketList scope="queue" showPeople emptyTitle="没有待派单的工单" />
      <Text className="ui-section-title">进行中（按时限）</Text>
      {b.open.length === 0 ? <Empty title="没有进行中的工单" /> : null}
      <View className="rp-list">
        {b.open.map((t) => (
          <TicketCard key={t.id} ticket={t} nowMs={now} showPeople />
        ))}
      </View>
      <Text className="text-muted rp-note">
        统计期 {b.period.from} 至 {b.period.to}
      </Text>
      <FigureTable title="按类别" rows={b.byCategory} />
      <FigureTable title="按维修工" rows={b.byRepairer} />
    </View>
  );
}
