import { REOPEN_DAYS, repairSteps, slaStateOf } from '@contract/repairs';
import type { RepairEvent, RepairEventKind, RepairTicket } from '@contract/repairs.schema';
import { toInstant } from '../../lib/time';
import type { Person } from '../auth';
import { uploadUrl } from '../uploads';
import { jsonArray } from './duty';
import type { EventRecord, TicketRecord } from './repairs.repository';

export const REOPEN_MS = REOPEN_DAYS * 24 * 60 * 60_000;

/** Dispatchers and admins see and steer every ticket. */
export const isDispatcher = (person: Person) => person.roles.includes('dispatcher') || person.roles.includes('admin');

const maybe = (stored: string | null) => (stored === null ? null : toInstant(stored));

/** A ticket as `reader` sees it, with what the reader may do with it now. */
export function toTicket(row: TicketRecord, reader: Person, nowMs: number): RepairTicket {
  const s = row.status;
  const reopenUntilMs = row.finished_at === null ? null : Date.parse(row.finished_at) + REOPEN_MS;
  const dueAt = maybe(row.due_at);
  return {
    id: row.id,
    version: row.version,
    number: row.number,
    status: s,
    urgent: row.urgent === 1,
    category: { id: row.category_id, name: row.category_name },
    location: { text: row.location_text, buildingId: row.building_id, roomId: row.room_id },
    description: row.description,
    photoUrls: jsonArray<string>(row.photo_ids).map(uploadUrl),
    requester: { id: row.requester_id, name: row.requester_name, unit: row.requester_unit },
    assignee:
      row.assignee_id === null
        ? null
        : { id: row.assignee_id, name: row.assignee_name ?? '', unit: row.assignee_unit ?? '' },
    createdAt: toInstant(row.created_at),
    acceptBy: toInstant(row.accept_due),
    arriveBy: toInstant(row.arrive_due),
    finishBy: toInstant(row.finish_due),
    dueAt,
    sla: row.due_at === null ? null : slaStateOf(row.due_at, nowMs),
    acceptedAt: maybe(row.accepted_at),
    arrivedAt: maybe(row.arrived_at),
    finishedAt: maybe(row.finished_at),
    finishNote: row.finish_note,
    finishPhotoUrls: jsonArray<string>(row.finish_photo_ids).map(uploadUrl),
    score: row.score,
    comment: row.comment,
    reopenUntil: reopenUntilMs === null ? null : toInstant(new Date(reopenUntilMs)),
    can: repairSteps(
      {
        status: s,
        requesterId: row.requester_id,
        assigneeId: row.assignee_id,
        score: row.score,
        reopenUntilMs,
      },
      { id: reader.id, dispatcher: isDispatcher(reader) },
      nowMs,
    ),
  };
}

export function toEvent(row: EventRecord): RepairEvent {
  return {
    id: row.id,
    kind: row.kind as RepairEventKind,
    at: toInstant(row.created_at),
    by: row.actor_name,
    to: row.target_name,
    note: row.note,
    photoUrls: jsonArray<string>(row.photo_ids).map(uploadUrl),
  };
}
