import { loadConfig } from '../config';
import { buildApp } from '../app';
import { openDatabase } from './database';
import { migrateToLatest } from './migrate';

/** `npm run seed`: migrate, seed the demo campus when absent, deliver the queued welcome messages. */
async function run(): Promise<void> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  await migrateToLatest(database.db);
  const app = await buildApp({ config, db: database, logger: false });
  const seeded = await app.seedDemo();
  const delivered = await app.services.outbox.drain();
  console.log(seeded ? `演示数据已写入（${delivered} 条消息）` : '演示数据已存在，未重复写入');
  await app.close();
  await database.close();
}

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
