import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { DEMO_CAMPUS } from '../../db/seed-data';
import { insertCategories } from './mailbox.repository';

/** The demo's letter categories and the admin who answers each. */
export const DEMO_MAILBOX_CATEGORIES = [
  { id: 'mb-canteen', name: '餐饮服务', ownerId: 'demo-admin-01' },
  { id: 'mb-meeting', name: '会议服务', ownerId: 'demo-admin-01' },
  { id: 'mb-parking', name: '停车交通', ownerId: 'demo-admin-02' },
  { id: 'mb-property', name: '物业维修', ownerId: 'demo-admin-02' },
  { id: 'mb-security', name: '安全保卫', ownerId: 'demo-admin-02' },
  { id: 'mb-other', name: '其他建议', ownerId: 'demo-admin-01' },
] as const;

/** The mailbox demo, idempotent: its categories (letters are the users' to write). */
export async function seedMailboxDemo(db: Kysely<Database>): Promise<void> {
  const owners = new Set(
    (
      await db
        .selectFrom('people')
        .select('id')
        .where(
          'id',
          'in',
          DEMO_MAILBOX_CATEGORIES.map((c) => c.ownerId),
        )
        .execute()
    ).map((p) => p.id),
  );
  await insertCategories(
    db,
    DEMO_MAILBOX_CATEGORIES.filter((c) => owners.has(c.ownerId)).map((c, sort) => ({
      id: c.id,
      campus_id: DEMO_CAMPUS.id,
      name: c.name,
      owner_id: c.ownerId,
      sort,
    })),
  );
}
