import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as foundation from './migrations/2026-11-21-0001-foundation';
import * as canteenMenus from './migrations/2026-11-21-0002-canteen-menus';
import * as takeawayMealCard from './migrations/2026-11-21-0003-takeaway-meal-card';
import * as votePersonIndex from './migrations/2026-11-22-0004-vote-person-index';
import * as takeawayDays from './migrations/2026-11-22-0005-takeaway-days';
import * as dropPickupCodeIndex from './migrations/2026-12-03-0006-drop-pickup-code-index';
import * as ledgerTopupIndexPartial from './migrations/2026-12-04-0007-ledger-topup-index-partial';
import * as mailbox from './migrations/2026-12-07-0008-mailbox';
import * as repairs from './migrations/2026-12-07-0011-repairs';
import * as parking from './migrations/2026-12-07-0009-parking';
import * as visitors from './migrations/2026-12-07-0010-visitors';
import * as messageSubjects from './migrations/2026-12-07-0012-message-subjects';
import * as peopleAndPush from './migrations/2026-12-07-0012-people-and-push';
import * as historyIndexes from './migrations/2026-12-07-0015-history-indexes';
import * as gateEventKeys from './migrations/2026-12-07-0016-gate-event-keys';
import * as peopleDirectoryIndex from './migrations/2026-12-07-0017-people-directory-index';

/** Listed by hand (not read from disk) so the same list works under tsx, jest and a bundle. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-21-0001-foundation': foundation,
  '2026-11-21-0002-canteen-menus': canteenMenus,
  '2026-11-21-0003-takeaway-meal-card': takeawayMealCard,
  '2026-11-22-0004-vote-person-index': votePersonIndex,
  '2026-11-22-0005-takeaway-days': takeawayDays,
  '2026-12-03-0006-drop-pickup-code-index': dropPickupCodeIndex,
  '2026-12-04-0007-ledger-topup-index-partial': ledgerTopupIndexPartial,
  '2026-12-07-0008-mailbox': mailbox,
  '2026-12-07-0011-repairs': repairs,
  '2026-12-07-0009-parking': parking,
  '2026-12-07-0010-visitors': visitors,
  '2026-12-07-0012-message-subjects': messageSubjects,
  '2026-12-07-0012-people-and-push': peopleAndPush,
  '2026-12-07-0015-history-indexes': historyIndexes,
  '2026-12-07-0016-gate-event-keys': gateEventKeys,
  '2026-12-07-0017-people-directory-index': peopleDirectoryIndex,
};

export async function migrateToLatest(
  db: Kysely<any>,
  migrations: Record<string, Migration> = MIGRATIONS,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // Modules are built side by side and land in any order, so a database that already ran a later
  // number (say 0012) must still take an earlier one that lands after it (0009). Each migration
  // touches only its own module's tables, which is what makes the order between modules free.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
