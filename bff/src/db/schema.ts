import type { IdentitiesTable, PeopleTable, PersonRolesTable, SessionsTable } from '../modules/auth/auth.table';
import type { MessagesTable } from '../modules/messages/messages.table';
import type { OutboxTable } from '../outbox/outbox.table';
import type { MealCardLedgerTable, MealCardsTable, MealCardTopupsTable } from '../modules/meal-card/meal-card.table';
import type {
  CanteenStaffTable,
  TakeawayDaysTable,
  TakeawayItemsTable,
  TakeawayOrderLinesTable,
  TakeawayOrdersTable,
  TakeawayPickupSlotsTable,
  TakeawayPurchasesTable,
  TakeawaySettingsTable,
} from '../modules/takeaway/takeaway.table';
import type { BuildingsTable, CampusesTable, CanteensTable, MeetingRoomsTable, ParkingLotsTable } from './campus.table';
import type {
  CanteenMealsTable,
  DishesTable,
  DishVotesTable,
  MenuDishesTable,
  MenusTable,
} from '../modules/canteen/canteen.table';
import type { HeadcountSignupsTable } from '../modules/headcount/headcount.table';
import type { UploadsTable } from '../modules/uploads/uploads.table';

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
  canteen_meals: CanteenMealsTable;
  uploads: UploadsTable;
  dishes: DishesTable;
  menus: MenusTable;
  menu_dishes: MenuDishesTable;
  dish_votes: DishVotesTable;
  headcount_signups: HeadcountSignupsTable;
  canteen_staff: CanteenStaffTable;
  takeaway_settings: TakeawaySettingsTable;
  takeaway_days: TakeawayDaysTable;
  takeaway_items: TakeawayItemsTable;
  takeaway_pickup_slots: TakeawayPickupSlotsTable;
  takeaway_orders: TakeawayOrdersTable;
  takeaway_order_lines: TakeawayOrderLinesTable;
  takeaway_purchases: TakeawayPurchasesTable;
  meal_cards: MealCardsTable;
  meal_card_topups: MealCardTopupsTable;
  meal_card_ledger: MealCardLedgerTable;
}
