import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { toStored, type Clock } from '../lib/time';
import { insertPerson } from '../modules/auth/people.repository';
import type { MessagesService } from '../modules/messages/messages.service';
import { seedTakeawayDemo } from '../modules/takeaway/takeaway.seed';
import { seedCanteenDemo } from '../modules/canteen/canteen.seed';
import type { Storage } from '../modules/uploads/storage';
import { DEMO_BUILDINGS, DEMO_CAMPUS, DEMO_CANTEENS, DEMO_LOTS, DEMO_PEOPLE, DEMO_ROOMS } from './seed-data';

/** What some module seeds need besides the database (all optional). */
export interface DemoSeedDeps {
  /** Where the canteen demo writes its generated dish photos; without it dishes have none. */
  storage?: Storage;
}

/** Seeds the demo campus and people once; answers false when the campus is already there. */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  clock: Clock,
  messages: MessagesService,
  deps: DemoSeedDeps = {},
): Promise<boolean> {
  const existing = await db.selectFrom('campuses').select('id').where('id', '=', DEMO_CAMPUS.id).executeTakeFirst();
  if (existing) {
    // Canteen menus are per week: a restarted demo gets this and next week's (idempotent).
    await seedCanteenDemo(db, clock, deps.storage);
    // Takeaway items are per day: a restarted demo gets today's (idempotent, no messages).
    await seedTakeawayDemo(db, clock);
    return false;
  }
  const at = toStored(clock.now());
  await db.transaction().execute(async (trx) => {
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
  await seedTakeawayDemo(db, clock);
  await seedCanteenDemo(db, clock, deps.storage);
  return true;
}
