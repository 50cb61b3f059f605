import { Text, View } from '@tarojs/components';
import type { RepairTicket } from '@contract/repairs.schema';
import { formatInstant } from '@/shared/time';
import '@/shared/ui/styles';
import { openRepairsPage } from '../routes';
import { countdown, DUE_WORDS, REPAIR_STATUS_LABELS, SLA_TONE, STATUS_TONE } from '../vocab';

/** One ticket in a list: what, where, its status and, while the clock runs, the countdown. */
export function TicketCard({
  ticket,
  nowMs,
  showPeople,
}: {
  ticket: RepairTicket;
  nowMs: number;
  showPeople?: boolean;
}) {
  const due = ticket.dueAt;
  const sla = due ? (Date.parse(due) < nowMs ? 'overdue' : ticket.sla) : null;
  return (
    <View className="rp-card tap" ariaRole="button" onClick={() => openRepairsPage('ticket', { id: ticket.id })}>
      <View className="rp-card__head">
        <Text className="rp-card__title">
          {ticket.urgent ? <Text className="ui-tag ui-tag--danger">紧急</Text> : null}
          {ticket.category.name} · {ticket.location.text}
        </Text>
        <Text className={`ui-tag ui-tag--${STATUS_TONE[ticket.status]}`}>{REPAIR_STATUS_LABELS[ticket.status]}</Text>
      </View>
      <Text className="rp-card__desc">{ticket.description}</Text>
      <View className="rp-card__meta">
        <Text className="text-muted">
          {ticket.number} · {formatInstant(ticket.createdAt, 'MM-DD HH:mm')}
          {showPeople ? ` · ${ticket.requester.name}` : ''}
          {showPeople && ticket.assignee ? ` → ${ticket.assignee.name}` : ''}
        </Text>
        {due && sla ? (
          <Text className={`ui-tag ui-tag--${SLA_TONE[sla]}`}>
            {DUE_WORDS[ticket.status] ?? ''}
            {countdown(due, nowMs)}
          </Text>
        ) : null}
      </View>
    </View>
  );
}
