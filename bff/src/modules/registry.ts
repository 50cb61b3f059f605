import type { AnyBffModule } from './module';
import { healthModule } from './health';
import { authModule } from './auth';
import { messagesModule } from './messages';
import { uploadsModule } from './uploads';
import { mealCardModule } from './meal-card';
import { canteenModule } from './canteen';
import { takeawayModule } from './takeaway';
import { headcountModule } from './headcount';
import { mailboxModule } from './mailbox';
import { repairsModule } from './repairs';
import { parkingModule } from './parking';
import { visitorsModule } from './visitors';
import { peopleAdminModule } from './people-admin';

/**
 * Every BFF module, in the order they are built: a module comes after the modules it needs
 * (their faces are in `ctx.services` when its `create` runs). Routes register in this order,
 * demo seeds run in it, and modules close in reverse. Adding a module is one line here.
 */
export const MODULES: readonly AnyBffModule[] = [
  healthModule,
  authModule,
  messagesModule,
  uploadsModule,
  mealCardModule,
  canteenModule,
  takeawayModule,
  headcountModule,
  mailboxModule,
  repairsModule,
  parkingModule,
  visitorsModule,
  peopleAdminModule,
];
