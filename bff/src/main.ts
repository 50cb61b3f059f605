import { loadConfig } from './config';
import { systemClock } from './lib/time';
import { buildApp } from './app';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { demoDayKeeper } from './db/demo-day';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: config.sqliteFile,
    poolSize: config.databasePoolSize,
    backgroundCheckpoints: true,
    onCheckpointError: (message) => console.error(`sqlite checkpoint failed: ${message}`),
  });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, db: database });
  if (config.seedDemo) {
    const seeded = await app.seedDemo();
    if (seeded) app.log.info('demo data seeded');
  }
  app.services.outbox.start(config.outboxPollMs);
  // Every instance runs the repairs SLA timer: each escalation is a conditional write, made once.
  app.services.repairSla.start(15_000);
  await app.listen({ host: config.host, port: config.port });

  // Housekeeping on every instance (each step is conditional, so running it twice is harmless):
  // takeaway days nobody closed (结束今天) are closed after midnight, so uncollected orders expire
  // (refunded where the canteen says so); sessions expired for a day are deleted.
  const housekeeping = async () => {
    try {
      const closed = await app.services.orders.closeOverdueDays();
      const purged = await app.services.auth.purgeExpiredSessions();
      // Parking: no-shows released and their spaces given to the waiting list (release_due_at index).
      await app.services.parking.releaseNoShows();
      const visitorData = await app.services.visitors.purgeExpired();
      if (visitorData.visits > 0 || visitorData.auditRows > 0) app.log.info(visitorData, 'visitors purge');
      if (closed.length > 0 || purged > 0)
        app.log.info({ closedDays: closed.length, purgedSessions: purged }, 'housekeeping');
    } catch (error) {
      app.log.error({ err: error }, 'housekeeping failed');
    }
  };
  void housekeeping();
  const housekeepingTimer = setInterval(() => void housekeeping(), config.housekeepingMs);
  housekeepingTimer.unref();
  const newDemoDay = demoDayKeeper(() => app.seedDemo(), systemClock);
  const demoDayTimer = config.seedDemo
    ? setInterval(
        () =>
          void newDemoDay()
            .then((seeded) => seeded && app.log.info('demo data seeded for the new day'))
            .catch((error) => app.log.error({ err: error }, 'demo seed for the new day failed')),
        60_000,
      )
    : undefined;
  demoDayTimer?.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(housekeepingTimer);
    clearInterval(demoDayTimer);
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
