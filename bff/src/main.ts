import { loadConfig } from './config';
import { buildApp } from './app';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedDemoIfEmpty } from './db/seed';
import { systemClock } from './lib/time';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, db: database });
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(database.db, systemClock, app.services.messages, {
      storage: app.services.storage,
    });
    if (seeded) app.log.info('demo data seeded');
  }
  app.services.outbox.start(config.outboxPollMs);
  await app.listen({ host: config.host, port: config.port });

  // Takeaway days left open (nobody pressed 结束今天) are closed after midnight: uncollected orders
  // expire, refunded where the canteen says so. Safe on several instances: closing is conditional.
  const closeOverdue = () =>
    app.services.orders
      .closeOverdueDays()
      .then((closed) => closed.length > 0 && app.log.info({ closed: closed.length }, 'closed overdue takeaway days'))
      .catch((error) => app.log.error({ err: error }, 'closing overdue takeaway days failed'));
  void closeOverdue();
  const closeTimer = setInterval(closeOverdue, 5 * 60_000);
  closeTimer.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(closeTimer);
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
