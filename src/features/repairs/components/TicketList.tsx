import { Text, View } from '@tarojs/components';
import type { RepairTicket } from '@contract/repairs.schema';
import { Empty, LoadError, Loading } from '@/shared/ui/StatusView';
import type { Scope } from '../api';
import { useNow, useTicketList } from '../use-tickets';
import { TicketCard } from './TicketCard';

/** Open tickets first by their deadline (the soonest on top), the rest as they came. */
export function byDeadline(items: readonly RepairTicket[]): RepairTicket[] {
  const due = items.filter((t) => t.dueAt !== null).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  return [...due, ...items.filter((t) => t.dueAt === null)];
}

/** A scope's tickets, paged; `pollMs` re-reads the first page while shown (new dispatches). */
export function TicketList({
  scope,
  state = null,
  emptyTitle,
  emptyHint,
  pollMs,
  sortByDeadline,
  showPeople,
}: {
  scope: Scope;
  state?: 'open' | 'closed' | null;
  emptyTitle: string;
  emptyHint?: string;
  pollMs?: number;
  sortByDeadline?: boolean;
  showPeople?: boolean;
}) {
  const list = useTicketList(scope, state, pollMs);
  const now = useNow();
  if (list.status === 'idle' || list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <LoadError message={list.error} onRetry={() => void list.reload()} />;
  if (list.items.length === 0) return <Empty title={emptyTitle} hint={emptyHint} />;
  const items = sortByDeadline ? byDeadline(list.items) : list.items;
  return (
    <View className="rp-list">
      {items.map((ticket) => (
        <TicketCard key={ticket.id} ticket={ticket} nowMs={now} showPeople={showPeople} />
      ))}
      {list.loadingMore ? (
        <Text className="rp-list__end">加载中…</Text>
      ) : list.nextCursor ? (
        <View className="rp-list__more tap" ariaRole="button" onClick={list.more}>
          加载更多
        </View>
      ) : (
        <Text className="rp-list__end">没有更多了</Text>
      )}
    </View>
  );
}
