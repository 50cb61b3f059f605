import type { IdentitiesTable, PeopleTable, PersonRolesTable, SessionsTable } from '../modules/auth/auth.table';
import type { MessagesTable } from '../modules/messages/messages.table';
import type { OutboxTable } from '../outbox/outbox.table';
import type { BuildingsTable, CampusesTable, CanteensTable, MeetingRoomsTable, ParkingLotsTable } from './campus.table';

/** Every table the app's (typed) queries see. Migrations use `Kysely<any>` and never import this. */
export interface Database {
  campuses: CampusesTable;
  buildings: BuildingsTable;
  canteens: CanteensTable;
  parking_lots: ParkingLotsTable;
  meeting_rooms: MeetingRoomsTable;
  people: PeopleTable;
  person_roles: PersonRolesTable;
  identities: IdentitiesTable;
  sessions: SessionsTable;
  messages: MessagesTable;
  outbox: OutboxTable;
}
