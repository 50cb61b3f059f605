import { Text, View } from '@tarojs/components';
import type { Visit } from '@contract/visitors.schema';
import '@/shared/ui/styles';
import { openVisitorPage } from '../routes';
import { ORIGIN_LABELS, STATUS_TONE, VISIT_STATUS_LABELS, visitorText, windowText } from '../vocab';

/** One visit in a list: who, when, why, its state; flagged visitors say so (host and guard). */
export function VisitCard({ visit }: { visit: Visit }) {
  const who = visit.as === 'visitor' ? `拜访 ${visit.host.name}（${visit.host.unit}）` : visitorText(visit);
  return (
    <View className="card vs-card tap" ariaRole="button" onClick={() => openVisitorPage('visit', { id: visit.id })}>
      <View className="vs-card__head">
        <Text className="vs-card__who">{who}</Text>
        <Text className={`ui-tag ui-tag--${STATUS_TONE[visit.status]}`}>{VISIT_STATUS_LABELS[visit.status]}</Text>
      </View>
      <Text className="text-muted">
        {windowText(visit)} · {ORIGIN_LABELS[visit.origin]}
        {visit.companions ? ` · 同行 ${visit.companions} 人` : ''}
      </Text>
      <Text className="vs-card__purpose">{visit.purpose}</Text>
      {visit.flagged ? <Text className="vs-flag">⚠ 该访客在限制名单中，请核实身份</Text> : null}
    </View>
  );
}
