import { toStored } from '../lib/time';
import { transactionWithRetry } from '../lib/retry-transaction';
import { insertPerson } from '../modules/auth';
import type { AnyBffModule, ModuleContext } from '../modules/module';
import { DEMO_BUILDINGS, DEMO_CAMPUS, DEMO_CANTEENS, DEMO_LOTS, DEMO_PEOPLE, DEMO_ROOMS } from './seed-data';

/**
 * Seeds the demo campus and people once, then lets every module add its demo data (each module's
 * `seedDemo` is idempotent and runs at every start: menus are per week, takeaway items per day).
 * Answers false when the campus was already there.
 */
export async function seedDemoIfEmpty(ctx: ModuleContext, modules: readonly AnyBffModule[]): Promise<boolean> {
  const fresh = await seedCampusIfEmpty(ctx);
  for (const module of modules) await module.seedDemo?.(ctx);
  return fresh;
}

async function seedCampusIfEmpty(ctx: ModuleContext): Promise<boolean> {
  const { db, clock } = ctx;
  const { messages } = ctx.services;
  const existing = await db.selectFrom('campuses').select('id').where('id', '=', DEMO_CAMPUS.id).executeTakeFirst();
  if (existing) return false;
  const at = toStored(clock.now());
  await transactionWithRetry(db, async (trx) => {
    await trx.insertInto('campuses').values(DEMO_CAMPUS).execute();
    await trx
      .insertInto('buildings')
      .values(DEMO_BUILDINGS.map((b) => ({ ...b, campus_id: DEMO_CAMPUS.id })))
      .execute();
    await trx
      .insertInto('canteens')
      .values(DEMO_CANTEENS.map((c) => ({ ...c, campus_id: DEMO_CAMPUS.id })))
      .execute();
    await trx
      .insertInto('parking_lots')
      .values(DEMO_LOTS.map((l) => ({ ...l, campus_id: DEMO_CAMPUS.id })))
      .execute();
    await trx
      .insertInto('meeting_rooms')
      .values(
        DEMO_ROOMS.map((r) => ({
          id: r.id,
          campus_id: DEMO_CAMPUS.id,
          building_id: r.buildingId,
          name: r.name,
          capacity: r.capacity,
        })),
      )
      .execute();
    for (const person of DEMO_PEOPLE) {
      await insertPerson(trx, { ...person, isDemo: true, campusId: DEMO_CAMPUS.id }, at);
      // Welcome messages are written like every other message, in the transaction that causes them.
      await messages.send(trx, {
        personId: person.id,
        title: '欢迎使用数智后勤',
        body: `${person.name}，您好！食堂、停车、访客、报修、会议等后勤服务都可以在这里“零跑”办理。`,
      });
    }
    await messages.send(trx, {
      personId: DEMO_PEOPLE[0].id,
      title: '关怀模式已上线',
      body: '在“我的”页面打开关怀模式，文字更大、按钮更好点。',
    });
  });
  return true;
}
