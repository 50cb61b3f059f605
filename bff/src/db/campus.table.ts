import type { Generated } from 'kysely';

export interface CampusesTable {
  id: string;
  name: string;
  address: string;
}
export interface BuildingsTable {
  id: string;
  campus_id: string;
  name: string;
}
export interface CanteensTable {
  id: string;
  campus_id: string;
  name: string;
  location: string;
  /** 报餐 closes this many days before the meal's day (migration 0002). */
  headcount_cutoff_days: Generated<number>;
  /** … at this time, 'HH:mm' Asia/Shanghai (migration 0002). */
  headcount_cutoff_time: Generated<string>;
}
export interface ParkingLotsTable {
  id: string;
  campus_id: string;
  name: string;
  capacity: number;
  /** The rules parking adds (migration 0009; their meaning: bff/src/modules/parking/parking.table.ts). */
  kind: Generated<'staff' | 'visitor'>;
  open_time: Generated<string>;
  close_time: Generated<string>;
  horizon_days: Generated<number>;
  workdays_only: Generated<number>;
  booking_opens_at: string | null;
  cancel_deadline_minutes: Generated<number>;
  grace_minutes: Generated<number>;
  tolerance_minutes: Generated<number>;
  per_day_limit: Generated<number>;
  per_week_limit: Generated<number>;
  gate_id: string | null;
  created_at: string | null;
}
export interface MeetingRoomsTable {
  id: string;
  campus_id: string;
  building_id: string | null;
  name: string;
  capacity: number;
}

/** The campus and its places: shared by every module (created by the foundation migration). */
export interface CampusTables {
  campuses: CampusesTable;
  buildings: BuildingsTable;
  canteens: CanteensTable;
  parking_lots: ParkingLotsTable;
  meeting_rooms: MeetingRoomsTable;
}
