import type { CampusTables } from './campus.table';
import type { OutboxTables } from '../outbox/outbox.table';
import type { AuthTables } from '../modules/auth/auth.table';
import type { MessagesTables } from '../modules/messages/messages.table';
import type { UploadsTables } from '../modules/uploads/uploads.table';
import type { MealCardTables } from '../modules/meal-card/meal-card.table';
import type { CanteenTables } from '../modules/canteen/canteen.table';
import type { HeadcountTables } from '../modules/headcount/headcount.table';
import type { TakeawayTables } from '../modules/takeaway/takeaway.table';
import type { MailboxTables } from '../modules/mailbox/mailbox.table';
import type { RepairsTables } from '../modules/repairs/repairs.table';
import type { ParkingTables } from '../modules/parking/parking.table';
import type { VisitorsTables } from '../modules/visitors/visitors.table';
import type { PeopleAdminTables } from '../modules/people-admin/people-admin.table';

/**
 * Every table the app's (typed) queries see: each module declares its own (`<module>.table.ts`)
 * and this merges them, one line a module. Migrations use `Kysely<any>` and never import this.
 */
export interface Database
  extends CampusTables,
    OutboxTables,
    AuthTables,
    MessagesTables,
    UploadsTables,
    MealCardTables,
    CanteenTables,
    HeadcountTables,
    TakeawayTables,
    MailboxTables,
    RepairsTables,
    ParkingTables,
    VisitorsTables,
    PeopleAdminTables {}
