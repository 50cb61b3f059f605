import type { Kysely } from 'kysely';
import { idCheckCharacter } from '@contract/identity';
import { shanghaiDate } from '@contract/workdays';
import { VISITOR_PRIVACY_NOTICE } from '@contract/visitors';
import type { Database } from '../../db/schema';
import { DEMO_CAMPUS } from '../../db/seed-data';
import type { Clock } from '../../lib/time';
import { findPerson } from '../auth';
import { upsertSettings } from './visitors.repository';
import type { VisitorsService } from './visitors.service';

/** Made-up but well-formed demo data (a valid check character; 1380000xxxx is not a real line). */
const DEMO_ID = (() => {
  const first17 = '33010619900101123';
  return first17 + idCheckCharacter(first17);
})();

/**
 * The visitors demo, idempotent, for any hour of any day: the campus's settings; today, an approved
 * visit of 周晓 to 张伟 (a pass to show and scan) and a pending application of 吴倩 to 张伟 (to approve).
 * Windows end at 23:59, so past that minute the day's visits are simply not made.
 */
export async function seedVisitorsDemo(db: Kysely<Database>, clock: Clock, visitors: VisitorsService): Promise<void> {
  await upsertSettings(db, {
    campus_id: DEMO_CAMPUS.id,
    tolerance_minutes: 30,
    retention_days: 30,
    requires_id_number: 0,
  });
  const today = shanghaiDate(clock.now());
  const [host, zhou, wu] = await Promise.all(
    ['demo-staff-01', 'demo-visitor-01', 'demo-visitor-02'].map((id) => findPerson(db, id)),
  );
  if (!host || !zhou || !wu) return;
  const hhmm = new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(11, 16);
  if (hhmm >= '23:58') return;
  const base = {
    hostId: host.id,
    date: today,
    startsAt: '00:00',
    endsAt: '23:59',
    privacyVersion: VISITOR_PRIVACY_NOTICE.version,
  };
  if ((await visitors.list(zhou, { as: 'visitor', date: today, limit: 1 })).items.length === 0) {
    const visit = await visitors.apply(zhou, {
      ...base,
      purpose: '洽谈智慧食堂项目',
      visitorName: zhou.name,
      visitorPhone: '13800001234',
      idNumber: DEMO_ID,
    });
    await visitors.approve(host, visit.id);
  }
  if ((await visitors.list(wu, { as: 'visitor', date: today, limit: 1 })).items.length === 0) {
    await visitors.apply(wu, {
      ...base,
      purpose: '送审设计图纸',
      visitorName: wu.name,
      visitorPhone: '13900005678',
      companions: 1,
    });
  }
}
