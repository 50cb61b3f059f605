import type { Selectable } from 'kysely';

// The lot itself (parking_lots) is the campus's (campus.table.ts); migration 0009 gave it these
// rules: kind (staff | visitor), open_time/close_time 'HH:mm', horizon_days, workdays_only,
// booking_opens_at ('HH:mm' on the day before; null = any hour), cancel_deadline_minutes (before
// the window starts), grace_minutes (no entry by start + grace = released), tolerance_minutes (the
// gate opens this early/late around a window), per_day_limit, per_week_limit, gate_id.

export type BookingStatus = 'booked' | 'entered' | 'left' | 'cancelled' | 'released' | 'waitlisted' | 'expired';

export interface ParkingBookingsTable {
  id: string;
  lot_id: string;
  /** The staff member who booked; null for a visitor's car. */
  person_id: string | null;
  /** The visit a visitor's car belongs to (visitors module). */
  visit_id: string | null;
  /** Normalised (contract/plate.ts): as the gate reads it. */
  plate: string;
  /** 'YYYY-MM-DD' Asia/Shanghai. */
  date: string;
  /** Minutes after midnight, on half hours. */
  start_min: number;
  end_min: number;
  /** The window as stored instants (UTC ISO). */
  starts_at: string;
  ends_at: string;
  status: BookingStatus;
  idempotency_key: string | null;
  /** While booked and not entered: when the no-show release is due. */
  release_due_at: string | null;
  created_at: string;
  updated_at: string;
  entered_at: string | null;
  left_at: string | null;
  cancelled_at: string | null;
  released_at: string | null;
}

export interface ParkingStandingTable {
  lot_id: string;
  plate: string;
  note: string;
  created_at: string;
}

export interface ParkingCarsTable {
  person_id: string;
  plate: string;
  created_at: string;
}

export interface ParkingSlotsTable {
  lot_id: string;
  date: string;
  /** Half hour of the day: 0 = 00:00–00:30 … 47. */
  slot: number;
  used: number;
}

export interface ParkingLocksTable {
  key: string;
  n: number;
}

export interface ParkingGateChangesTable {
  id: string;
  gate_id: string;
  op: 'add' | 'remove';
  plate: string;
  lot_id: string;
  booking_id: string;
  valid_from: string;
  valid_to: string;
  created_at: string;
  sent_at: string | null;
}

export interface ParkingGateEventsTable {
  id: string;
  event_id: string;
  gate_id: string;
  lot_id: string;
  plate: string;
  direction: 'in' | 'out';
  at: string;
  decision: 'open' | 'deny';
  reason: string;
  booking_id: string | null;
  manual: number;
  by_person_id: string | null;
  note: string | null;
  created_at: string;
}

export interface ParkingGateNoncesTable {
  gate_id: string;
  nonce: string;
  created_at: string;
}

export interface ParkingSuspensionsTable {
  id: string;
  person_id: string;
  starts_at: string;
  ends_at: string;
  lifted_at: string | null;
  lifted_by: string | null;
  created_at: string;
}

export type BookingRow = Selectable<ParkingBookingsTable>;
export type GateChangeRow = Selectable<ParkingGateChangesTable>;

export interface ParkingTables {
  parking_bookings: ParkingBookingsTable;
  parking_standing: ParkingStandingTable;
  parking_cars: ParkingCarsTable;
  parking_slots: ParkingSlotsTable;
  parking_locks: ParkingLocksTable;
  parking_gate_changes: ParkingGateChangesTable;
  parking_gate_events: ParkingGateEventsTable;
  parking_gate_nonces: ParkingGateNoncesTable;
  parking_suspensions: ParkingSuspensionsTable;
}
