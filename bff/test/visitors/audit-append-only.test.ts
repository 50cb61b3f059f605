import { createTestDb } from '../support/test-db';

type TestDb = Awaited<ReturnType<typeof createTestDb>>;

// The visitors' audit log refuses edits in the database itself (triggers of migration 0010), so
// no code path of the BFF, nor a hand at the console, can rewrite or drop a recent entry. The
// outcome is what is asserted: the row is as written, whatever the driver reports.
describe('the visitors audit log in the database', () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await database.drop();
  });

  const auditRow = (id: string, at: string) => ({
    id,
    campus_id: 'campus-smzx',
    at,
    actor_id: null,
    actor_role: 'system',
    action: 'purge' as const,
    visit_id: null,
    detail: '',
  });
  const attempt = (work: Promise<unknown>) =>
    work.then(
      () => 'done',
      (error: unknown) => String(error),
    );
  const rowsWithId = (id: string) =>
    database.db.selectFrom('visit_audit').select(['id', 'detail']).where('id', '=', id).execute();

  it('keeps a row younger than 183 days as written: no update, no delete', async () => {
    await database.db.insertInto('visit_audit').values(auditRow('young', new Date().toISOString())).execute();
    const update = await attempt(
      database.db.updateTable('visit_audit').set({ detail: '篡改' }).where('id', '=', 'young').execute(),
    );
    const remove = await attempt(database.db.deleteFrom('visit_audit').where('id', '=', 'young').execute());
    expect(await rowsWithId('young')).toEqual([{ id: 'young', detail: '' }]);
    expect(update).not.toBe('done');
    expect(remove).not.toBe('done');
  });

  it('lets a row past 183 days be deleted (the retention job), never updated', async () => {
    await database.db.insertInto('visit_audit').values(auditRow('old', '2025-01-01T00:00:00.000Z')).execute();
    const update = await attempt(
      database.db.updateTable('visit_audit').set({ detail: '篡改' }).where('id', '=', 'old').execute(),
    );
    expect(await rowsWithId('old')).toEqual([{ id: 'old', detail: '' }]);
    expect(update).not.toBe('done');
    await database.db.deleteFrom('visit_audit').where('id', '=', 'old').execute();
    expect(await rowsWithId('old')).toEqual([]);
  });
});
