import { Text, View } from '@tarojs/components';
import { useRequireSession } from '@/features/session';
import { Loading } from '@/shared/ui/StatusView';
import { openRepairsPage } from '../routes';
import { TicketList } from './TicketList';
import './repairs.css';

/** 报修服务: 我要报修, and the tickets I reported with their progress. */
export function TicketsScreen() {
  const me = useRequireSession();
  if (!me) return <Loading />;
  return (
    <View className="rp">
      <View
        className="button button--primary tap rp-main-action"
        ariaRole="button"
        onClick={() => openRepairsPage('report')}
      >
        我要报修
      </View>
      <Text className="ui-section-title">我的报修</Text>
      <TicketList scope="mine" emptyTitle="还没有报修记录" emptyHint="东西坏了？点“我要报修”，维修师傅会尽快上门" />
    </View>
  );
}
