import type { Selectable } from 'kysely';
import type { RepairStatus } from '@contract/repairs';

export interface RepairCategoriesTable {
  id: string;
  campus_id: string;
  name: string;
  /** The skill a repairer needs (dispatch rule category → skill). */
  skill: string;
  accept_minutes: number;
  arrive_minutes: number;
  finish_hours: number;
  active: number;
  sort: number;
}

export interface RepairBuildingAreasTable {
  building_id: string;
  /** Dispatch rule building → area. */
  area: string;
}

export interface RepairFloorsTable {
  id: string;
  building_id: string;
  name: string;
  sort: number;
}

export interface RepairRoomsTable {
  id: string;
  floor_id: string;
  name: string;
  sort: number;
}

export interface RepairersTable {
  person_id: string;
  /** JSON array of RepairSkill. */
  skills: string;
  /** JSON array of area names. */
  areas: string;
  /** JSON array of RepairShift. */
  shifts: string;
  updated_at: string;
}

export interface RepairTicketsTable {
  id: string;
  number: string;
  requester_id: string;
  idempotency_key: string;
  category_id: string;
  building_id: string | null;
  room_id: string | null;
  location_text: string;
  description: string;
  /** JSON array of upload ids. */
  photo_ids: string;
  urgent: number;
  status: RepairStatus;
  assignee_id: string | null;
  /** Bumped by every change; changes are conditional on it. */
  version: number;
  created_at: string;
  accept_due: string;
  arrive_due: string;
  finish_due: string;
  /** The current phase's deadline; null while paused or closed. */
  due_at: string | null;
  /** When the SLA timer must next look (escalation); null when nothing is left to escalate. */
  check_at: string | null;
  /** 0 none, 1 dispatchers told, 2 admins told — for the current phase. */
  escalation_level: number;
  paused_at: string | null;
  accepted_at: string | null;
  arrived_at: string | null;
  finished_at: string | null;
  closed_at: string | null;
  response_ms: number | null;
  onsite_ms: number | null;
  on_time: number | null;
  finish_note: string | null;
  finish_photo_ids: string;
  score: number | null;
  comment: string | null;
}

export interface RepairEventsTable {
  id: string;
  ticket_id: string;
  kind: string;
  actor_id: string | null;
  target_id: string | null;
  note: string | null;
  photo_ids: string;
  created_at: string;
}

export type RepairCategoryRow = Selectable<RepairCategoriesTable>;
export type RepairerRow = Selectable<RepairersTable>;
export type RepairTicketRow = Selectable<RepairTicketsTable>;
export type RepairEventRow = Selectable<RepairEventsTable>;

/** The repairs module's tables. */
export interface RepairsTables {
  repair_categories: RepairCategoriesTable;
  repair_building_areas: RepairBuildingAreasTable;
  repair_floors: RepairFloorsTable;
  repair_rooms: RepairRoomsTable;
  repairers: RepairersTable;
  repair_tickets: RepairTicketsTable;
  repair_events: RepairEventsTable;
}
