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
