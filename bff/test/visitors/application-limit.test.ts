import { idCheckCharacter } from '@contract/identity';
import { VISITOR_PRIVACY_NOTICE } from '@contract/visitors.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

let t: TestApp;
let visitor: Caller; // demo-visitor-01
let otherVisitor: Caller; // demo-visitor-02

beforeAll(async () => {
  t = await createTestApp({ env: { VISIT_APPLICATIONS_PER_HOUR: '3' } });
  [visitor, otherVisitor] = await Promise.all(['demo-visitor-01', 'demo-visitor-02'].map((id) => caller(t, id)));
}, 60_000);
afterAll(async () => {
  await t.close();
});

const first17 = '33010219851203456';
const application = (purpose: string) => ({
  hostId: 'demo-staff-01',
  date: '2026-11-21',
  startsAt: '09:00',
  endsAt: '18:00',
  purpose,
  visitorName: '赵一鸣',
  visitorPhone: '13712345678',
  idNumber: first17 + idCheckCharacter(first17),
  privacyVersion: VISITOR_PRIVACY_NOTICE.version,
});
const visitCount = async () =>
  Number(
    (
      await t.db.db
        .selectFrom('visits')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const hostMessages = async () =>
  (await t.db.db.selectFrom('messages').select('id').where('person_id', '=', 'demo-staff-01').execute()).length;

describe(`visit applications per hour (${dialectUnderTest()})`, () => {
  it('refuses a session past its hourly number, with nothing written and no host told; others still apply', async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => visitor.call('POST', '/api/visits/applications', application(`第 ${i} 次来访`))),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 429, 429]);
    for (const refused of answers.filter((r) => r.statusCode === 429)) expectError(refused, 429, 'RATE_LIMITED');
    const visits = await visitCount();
    const told = await hostMessages();
    expectError(await visitor.call('POST', '/api/visits/applications', application('再来一次')), 429, 'RATE_LIMITED');
    expect(await visitCount()).toBe(visits);
    expect(await hostMessages()).toBe(told);
    expect((await otherVisitor.call('POST', '/api/visits/applications', application('另一位访客'))).statusCode).toBe(
      201,
    );
  });
});
