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
