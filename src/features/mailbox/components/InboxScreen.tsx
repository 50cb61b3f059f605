import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LetterStatus } from '@contract/mailbox.schema';
import { useRequireSession } from '@/features/session';
import { Empty, Loading } from '@/shared/ui/StatusView';
import { selectFigures, selectInbox, selectLoadFigures, selectSetFilter, useMailbox } from '../store';
import { LetterList } from './LetterList';
import './mailbox.css';

const FILTERS: { value: LetterStatus | null; label: string }[] = [
  { value: 'open', label: '待回复' },
  { value: 'replied', label: '已回复' },
  { value: null, label: '全部' },
];

/** The figures line over the inbox: 待回复 n · 已回复 n · 平均分 x.x. */
function FiguresHeader() {
  const figures = useMailbox(selectFigures);
  const load = useMailbox(selectLoadFigures);
  // A failure leaves the line out; the list below says what went wrong.
  useDidShow(() => void load().catch(() => undefined));
  if (!figures) return null;
  const { open, replied, averageScore } = figures.total;
  return (
    <View className="mb-figures" ariaLabel="收件统计">
      <Text>待回复 {open}</Text>
      <Text className="mb-figures__dot">·</Text>
      <Text>已回复 {replied}</Text>
      <Text className="mb-figures__dot">·</Text>
      <Text>平均分 {averageScore === null ? '暂无' : averageScore.toFixed(1)}</Text>
    </View>
  );
}

/** 收件箱 (admins): letters routed to me, filtered by status, with the figures on top. */
export function InboxScreen() {
  const me = useRequireSession();
  const filter = useMailbox(selectInbox).filter;
  const setFilter = useMailbox(selectSetFilter);
  if (!me) return <Loading />;
  if (!me.roles.includes('admin')) return <Empty title="收件箱仅供负责回复的管理员使用" />;
  return (
    <View className="mb">
      <FiguresHeader />
      <View className="mb-tabs" ariaRole="tablist">
        {FILTERS.map((f) => (
          <View
            key={f.label}
            className={`mb-tabs__tab tap${f.value === filter ? ' mb-tabs__tab--on' : ''}`}
            ariaRole="tab"
            aria-selected={f.value === filter}
            onClick={() => void setFilter('inbox', f.value).catch(() => undefined)}
          >
            {f.label}
          </View>
        ))}
      </View>
      <LetterList box="inbox" emptyTitle={filter === 'open' ? '没有待回复的信件' : '暂无信件'} />
    </View>
  );
}
