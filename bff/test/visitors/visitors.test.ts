import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { idCheckCharacter } from '@contract/identity';
import { VISITOR_PRIVACY_NOTICE, type Visit } from '@contract/visitors.schema';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

// The test clock starts at 2026-11-21 10:00 in Shanghai.
const TODAY = '2026-11-21';
const PHONE = '13712345678';
const ID = (() => {
  const first17 = '33010219851203456';
  return first17 + idCheckCharacter(first17);
})();
const NAME = '赵一鸣';
const PRIVACY = VISITOR_PRIVACY_NOTICE.version;

let t: TestApp;
let visitor: Caller; // demo-visitor-01
let otherVisitor: Caller; // demo-visitor-02
let host: Caller; // demo-staff-01 张伟
let stranger: Caller; // demo-staff-02
let guard: Caller; // demo-guard-01
let guard2: Caller; // demo-guard-02
let admin: Caller; // demo-admin-01

/** Every answer any visitor route gave in this file (the masking check reads them all). */
const answers: { url: string; body: string }[] = [];
function recording(c: Caller): Caller {
  return {
    token: c.token,
    async call(method, url, payload, headers) {
      const res = await c.call(method, url, payload, headers);
      if (url.startsWith('/api/visits')) answers.push({ url, body: res.body });
      return res;
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  [visitor, otherVisitor, host, stranger, guard, guard2, admin] = (
    await Promise.all(
      [
        'demo-visitor-01',
        'demo-visitor-02',
        'demo-staff-01',
        'demo-staff-02',
        'demo-guard-01',
        'demo-guard-02',
        'demo-admin-01',
      ].map((id) => caller(t, id)),
    )
  ).map(recording);
}, 60_000);
afterAll(async () => {
  await t.close();
});

const application = (extra: Record<string, unknown> = {}) => ({
  hostId: 'demo-staff-01',
  date: TODAY,
  startsAt: '09:00',
  endsAt: '18:00',
  purpose: '商谈合作项目',
  visitorName: NAME,
  visitorPhone: PHONE,
  idNumber: ID,
  privacyVersion: PRIVACY,
  ...extra,
});

async function apply(who: Caller = visitor, extra: Record<string, unknown> = {}): Promise<Visit> {
  const res = await who.call('POST', '/api/visits/applications', application(extra));
  expect(res.statusCode).toBe(201);
  return res.json().visit;
}
async function approved(who: Caller = visitor, extra: Record<string, unknown> = {}): Promise<Visit> {
  const visit = await apply(who, extra);
  const res = await host.call('POST', `/api/visits/${visit.id}/approve`);
  expect(res.statusCode).toBe(200);
  return (await who.call('GET', `/api/visits/${visit.id}`)).json();
}
const scan = (who: Caller, pass: string, checkOut?: boolean) =>
  who.call('POST', '/api/visits/scan', checkOut === undefined ? { pass } : { pass, checkOut });
const count = async (table: 'visits' | 'visit_audit' | 'visitor_blocks') =>
  Number(
    (
      await t.db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const messagesOf = (personId: string) =>
  t.db.db.selectFrom('messages').select(['title', 'body']).where('person_id', '=', personId).execute();

describe(`访客预约 (${dialectUnderTest()})`, () => {
  it('runs the whole journey: apply → approve → pass → check in (host told) → check out', async () => {
    // With a car (visitor-cars.test.ts follows it to the gate); the other visits here come on foot.
    const visit = await apply(visitor, { plate: '浙A12345' });
    expect(visit).toMatchObject({
      status: 'pending',
      as: 'visitor',
      visitor: { name: '赵**', phone: '137****5678', idNumber: `3301**********${ID.slice(-4)}`, plate: '浙A***45' },
      host: { name: '张伟', unit: '市发展和改革委员会' },
      pass: null,
    });
    const hostView = (await host.call('GET', `/api/visits?as=host&date=${TODAY}`)).json();
    expect(hostView.items.map((v: Visit) => v.id)).toContain(visit.id);
    expect((await host.call('POST', `/api/visits/${visit.id}/approve`)).json()).toMatchObject({ status: 'approved' });

    const mine: Visit = (await visitor.call('GET', `/api/visits/${visit.id}`)).json();
    expect(mine.pass?.code).toMatch(/^[2-9A-Z]{8}$/);
    expect(mine.pass?.qr).toMatch(/^VP1\./);

    const today = (await guard.call('GET', '/api/visits/today')).json();
    expect(today.items.map((v: Visit) => v.id)).toContain(visit.id);

    // Confirming a check-out before anyone checked in changes nothing.
    expectError(await scan(guard, mine.pass!.code, true), 409, 'PASS_NOT_ON_SITE');
    expect((await guard.call('GET', `/api/visits/${visit.id}`)).json()).toMatchObject({ status: 'approved' });

    const checkIn = await scan(guard, mine.pass!.qr);
    expect(checkIn.statusCode).toBe(200);
    expect(checkIn.json()).toMatchObject({ action: 'checked-in', visit: { status: 'checked-in', as: 'guard' } });
    const arrived = await t.db.db
      .selectFrom('messages')
      .select(['subject_kind', 'subject_id'])
      .where('person_id', '=', 'demo-staff-01')
      .where('title', '=', '您的访客已到达')
      .execute();
    expect(arrived).toContainEqual({ subject_kind: 'visit', subject_id: visit.id });
    const onSite = (await guard.call('GET', '/api/visits/today?view=on-site')).json();
    expect(onSite.items.map((v: Visit) => v.id)).toContain(visit.id);

    expectError(await scan(guard, mine.pass!.code), 409, 'PASS_CHECKED_IN_JUST_NOW'); // a double scan
    t.clock.advance(2 * 60_000);
    const checkOut = await scan(guard, mine.pass!.code.toLowerCase());
    t.clock.advance(-2 * 60_000);
    expect(checkOut.json()).toMatchObject({ action: 'checked-out', visit: { status: 'checked-out' } });
    expectError(await scan(guard, mine.pass!.qr), 409, 'PASS_USED');

    const actions = (await admin.call('GET', '/api/visits/audit?limit=100'))
      .json()
      .items.filter((a: { visitId: string }) => a.visitId === visit.id);
    expect(actions.map((a: { action: string }) => a.action).sort()).toEqual([
      'apply',
      'approve',
      'check-in',
      'check-out',
    ]);
  });

  it('keeps no ID number, mobile or name in clear in any column of any table, nor in any log line', async () => {
    await approved();
    const tables =
      dialectUnderTest() === 'postgres'
        ? (
            await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(
              t.db.db,
            )
          ).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.db.db)).rows;
    expect(tables.map((r) => r.name)).toEqual(
      expect.arrayContaining(['visits', 'visit_audit', 'visitor_blocks', 'messages', 'outbox']),
    );
    let visitsDump = '';
    for (const { name } of tables) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(t.db.db)).rows;
      const dump = JSON.stringify(rows);
      if (name === 'visits') visitsDump = dump;
      expect({ name, phone: dump.includes(PHONE), id: dump.includes(ID), name_: dump.includes(NAME) }).toEqual({
        name,
        phone: false,
        id: false,
        name_: false,
      });
    }
    expect(visitsDump).toMatch(/"v1:local:|"v1:ephemeral:/);
    expect(t.logs()).not.toContain(PHONE);
    expect(t.logs()).not.toContain(ID);
  });

  it('refuses a second check-in when two guards scan one pass at once', async () => {
    const visit = await approved();
    const results = await Promise.all([
      scan(guard, visit.pass!.qr),
      scan(guard2, visit.pass!.code),
      scan(guard, visit.pass!.qr),
    ]);
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    expect(ok[0].json().action).toBe('checked-in');
    // A scan that lost the race reads the pass as checked in then, or as changed under it.
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(409);
      expect(['PASS_SCANNED_JUST_NOW', 'PASS_CHECKED_IN_JUST_NOW']).toContain(r.json().error.code);
    }
    expect(await t.app.services.visitors.statusOf(visit.id)).toBe('checked-in');
    const checkIns = await t.db.db
      .selectFrom('visit_audit')
      .select('id')
      .where('visit_id', '=', visit.id)
      .where('action', '=', 'check-in')
      .execute();
    expect(checkIns).toHaveLength(1);
    expect((await messagesOf('demo-staff-01')).filter((m) => m.title === '您的访客已到达').length).toBeGreaterThan(0);
  });

  it('checks a visitor out moments after check-in only when the guard confirms, once when two confirm at once', async () => {
    const visit = await approved();
    expect((await scan(guard, visit.pass!.code)).json().action).toBe('checked-in');
    expectError(await scan(guard, visit.pass!.code), 409, 'PASS_CHECKED_IN_JUST_NOW');
    expect(await t.app.services.visitors.statusOf(visit.id)).toBe('checked-in');
    const results = await Promise.all([scan(guard, visit.pass!.code, true), scan(guard2, visit.pass!.qr, true)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 200)!.json().action).toBe('checked-out');
    expect(await t.app.services.visitors.statusOf(visit.id)).toBe('checked-out');
  });

  it('never lets a pass work outside its window (30 minutes of tolerance), nor a declined or cancelled one', async () => {
    const later = await approved(visitor, { startsAt: '15:00', endsAt: '16:00' });
    expectError(await scan(guard, later.pass!.qr), 409, 'PASS_NOT_YET_VALID');
    const early = await approved(visitor, { startsAt: '10:10', endsAt: '10:20' });
    t.clock.advance(51 * 60_000); // 10:51: past 10:20 + 30 min
    expectError(await scan(guard, early.pass!.qr), 409, 'PASS_EXPIRED');
    t.clock.advance(-51 * 60_000);
    expect(await t.app.services.visitors.statusOf(early.id)).toBe('approved');

    const declined = await apply();
    expectError(
      await host.call('POST', `/api/visits/${declined.id}/decline`, { reason: ' \u200b ' }),
      400,
      'TEXT_BLANK',
    );
    await host.call('POST', `/api/visits/${declined.id}/decline`, { reason: '当天外出开会' });
    const seen: Visit = (await visitor.call('GET', `/api/visits/${declined.id}`)).json();
    expect(seen).toMatchObject({ status: 'declined', declineReason: '当天外出开会', pass: null });
    const code = (
      await t.db.db.selectFrom('visits').select('pass_code').where('id', '=', declined.id).executeTakeFirstOrThrow()
    ).pass_code!;
    expectError(await scan(guard, code), 409, 'PASS_DECLINED');

    const cancelled = await approved();
    expect((await visitor.call('POST', `/api/visits/${cancelled.id}/cancel`)).json().status).toBe('cancelled');
    expectError(await scan(guard, cancelled.pass!.qr), 409, 'PASS_CANCELLED');
    expectError(await visitor.call('POST', `/api/visits/${cancelled.id}/cancel`), 409, 'VISIT_NOT_CANCELLABLE');
    const pending = await apply();
    expectError(
      await scan(
        guard,
        (await t.db.db.selectFrom('visits').select('pass_code').where('id', '=', pending.id).executeTakeFirstOrThrow())
          .pass_code!,
      ),
      409,
      'PASS_PENDING',
    );
  });

  it('lets only the host decide, shows a visitor only their own visits, and a guard cannot invite', async () => {
    const visit = await apply();
    const before = await count('visit_audit');
    expectError(await stranger.call('POST', `/api/visits/${visit.id}/approve`), 404, 'VISIT_NOT_FOUND');
    expectError(await visitor.call('POST', `/api/visits/${visit.id}/approve`), 403, 'NOT_VISIT_HOST');
    expectError(
      await otherVisitor.call('POST', `/api/visits/${visit.id}/decline`, { reason: '不行' }),
      404,
      'VISIT_NOT_FOUND',
    );
    expectError(await guard.call('POST', `/api/visits/${visit.id}/approve`), 403, 'NOT_VISIT_HOST');
    expectError(await otherVisitor.call('GET', `/api/visits/${visit.id}`), 404, 'VISIT_NOT_FOUND');
    expectError(await stranger.call('GET', `/api/visits/${visit.id}`), 404, 'VISIT_NOT_FOUND');
    expectError(await otherVisitor.call('POST', `/api/visits/${visit.id}/cancel`), 404, 'VISIT_NOT_FOUND');
    expectError(await otherVisitor.call('DELETE', `/api/visits/${visit.id}`), 404, 'VISIT_NOT_FOUND');
    expect(
      (await otherVisitor.call('GET', '/api/visits?as=visitor')).json().items.map((v: Visit) => v.id),
    ).not.toContain(visit.id);
    expect((await stranger.call('GET', '/api/visits?as=host')).json().items.map((v: Visit) => v.id)).not.toContain(
      visit.id,
    );
    expect(await t.app.services.visitors.statusOf(visit.id)).toBe('pending');
    expect(await count('visit_audit')).toBe(before);

    const invite = {
      visitorName: NAME,
      visitorPhone: PHONE,
      date: TODAY,
      startsAt: '11:00',
      endsAt: '12:00',
      purpose: '座谈',
    };
    expectError(await guard.call('POST', '/api/visits', invite), 403, 'FORBIDDEN');
    expectError(await visitor.call('POST', '/api/visits', invite), 403, 'FORBIDDEN');
    for (const [who, url] of [
      [visitor, '/api/visits/today'],
      [host, '/api/visits/today'],
      [host, '/api/visits/audit'],
      [guard, '/api/visits/blocks'],
    ] as const) {
      expectError(await who.call('GET', url), 403, 'FORBIDDEN');
    }
    expectError(await host.call('POST', '/api/visits/scan', { pass: visit.id }), 403, 'FORBIDDEN');
    expectError(await visitor.call('POST', `/api/visits/${visit.id}/reveal`), 403, 'FORBIDDEN');
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/visits' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses bad input, each with its own code, and changes nothing', async () => {
    const visits = await count('visits');
    const audits = await count('visit_audit');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ idNumber: ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0') }, 400, 'ID_NUMBER_INVALID'],
      [{ idNumber: '330102198502303451' }, 400, 'ID_NUMBER_INVALID'],
      [{ visitorPhone: '12345678901' }, 400, 'MOBILE_INVALID'],
      [{ startsAt: '08:00', endsAt: '09:30' }, 400, 'VISIT_WINDOW_PAST'],
      [{ date: '2026-11-20' }, 400, 'VISIT_WINDOW_PAST'],
      [{ startsAt: '15:00', endsAt: '14:00' }, 400, 'VISIT_WINDOW_INVALID'],
      [{ date: '2027-02-01' }, 400, 'VISIT_TOO_FAR_AHEAD'],
      [{ hostId: 'nobody' }, 404, 'HOST_NOT_FOUND'],
      [{ hostId: 'demo-visitor-02' }, 404, 'HOST_NOT_FOUND'],
      [{ purpose: 'x'.repeat(10_000) }, 400, 'VALIDATION_FAILED'],
      [{ purpose: '商谈\u0007合作' }, 400, 'TEXT_INVALID_CHARACTERS'], // the edge's rule (hardening)
      [{ purpose: '\u200b\u200b' }, 400, 'TEXT_BLANK'],
      [{ plate: 'ABC' }, 400, 'PLATE_INVALID'], // the shared plate rule (contract/plate.ts)
      [{ privacyVersion: 'old' }, 400, 'PRIVACY_NOT_AGREED'],
    ];
    for (const [extra, status, code] of cases) {
      const res = await visitor.call('POST', '/api/visits/applications', application(extra));
      expect({ extra: Object.keys(extra), ...{ status: res.statusCode, code: res.json().error?.code } }).toEqual({
        extra: Object.keys(extra),
        status,
        code,
      });
    }
    const real = await approved();
    const [, id, sig] = real.pass!.qr.split('.');
    const other = await apply();
    for (const forged of [
      `VP1.${other.id}.${sig}`,
      `VP1.${id}.${sig.slice(0, -2)}AA`,
      `VP1.${id}`,
      'ZZZZZZZZ',
      'hello',
      real.pass!.code + 'A',
    ]) {
      expectError(await scan(guard, forged), 400, 'PASS_INVALID');
    }
    expect(await t.app.services.visitors.statusOf(real.id)).toBe('approved');
    expect(await t.app.services.visitors.statusOf(other.id)).toBe('pending');
    expect(await count('visits')).toBe(visits + 2);
    expect(await count('visit_audit')).toBe(audits + 3); // apply, approve, apply
  });

  it('invites with a signed, expiring token: opened without sign-in, accepted once when signed in', async () => {
    const res = await host.call('POST', '/api/visits', {
      visitorName: NAME,
      visitorPhone: PHONE,
      date: TODAY,
      startsAt: '14:00',
      endsAt: '16:00',
      purpose: '参加项目评审会',
      companions: 2,
      plate: '浙B7654F',
    });
    expect(res.statusCode).toBe(201);
    const { visit, token, inviteUrl } = res.json();
    expect(visit).toMatchObject({
      status: 'invited',
      origin: 'invite',
      visitor: { name: '赵**', phone: '137****5678' },
    });
    expect(inviteUrl).toContain(encodeURIComponent(token));

    const opened = await t.app.inject({ method: 'GET', url: `/api/visits/invitations/${token}` });
    answers.push({ url: '/api/visits/invitations', body: opened.body });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ hostName: '张伟', visitorName: '赵**', status: 'invited' });
    const tampered = token.replace(/\.([^.]+)\.([^.]+)$/, '.zzzz.$2');
    expect((await t.app.inject({ method: 'GET', url: `/api/visits/invitations/${tampered}` })).json().error.code).toBe(
      'INVITE_INVALID',
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/visits/invitations/${token}/accept`,
          payload: { privacyVersion: PRIVACY },
        })
      ).statusCode,
    ).toBe(401);

    expectError(
      await visitor.call('POST', `/api/visits/invitations/${token}/accept`, { privacyVersion: 'x' }),
      400,
      'PRIVACY_NOT_AGREED',
    );
    const accepted = await visitor.call('POST', `/api/visits/invitations/${token}/accept`, { privacyVersion: PRIVACY });
    expect(accepted.json()).toMatchObject({ status: 'approved', as: 'visitor', pass: { code: expect.any(String) } });
    expectError(
      await otherVisitor.call('POST', `/api/visits/invitations/${token}/accept`, { privacyVersion: PRIVACY }),
      409,
      'INVITE_TAKEN',
    );
    const stored = await t.db.db
      .selectFrom('visits')
      .select(['privacy_version', 'privacy_agreed_at'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(stored.privacy_version).toBe(PRIVACY);

    t.clock.advance(7 * 3600_000); // 17:00, past the 16:00 end
    expectError(
      await visitor.call('POST', `/api/visits/invitations/${token}/accept`, { privacyVersion: PRIVACY }),
      410,
      'INVITE_EXPIRED',
    );
    t.clock.advance(-7 * 3600_000);
  });

  it('registers a walk-in: the guard overrides with a reason, reveals the ID once (audited); blocked visitors are flagged', async () => {
    expectError(
      await admin.call('POST', '/api/visits/blocks', { kind: 'phone', value: '1371234', reason: '测试' }),
      400,
      'BLOCK_VALUE_INVALID',
    );
    const blocked = await admin.call('POST', '/api/visits/blocks', { kind: 'id', value: ID, reason: '曾冒用他人证件' });
    expect(blocked.statusCode).toBe(201);
    expectError(
      await admin.call('POST', '/api/visits/blocks', { kind: 'id', value: ID.toLowerCase(), reason: '重复' }),
      409,
      'BLOCK_EXISTS',
    );
    const list = (await admin.call('GET', '/api/visits/blocks')).json();
    expect(list.items[0]).toMatchObject({ kind: 'id', value: `3301**********${ID.slice(-4)}`, by: '高处长' });

    const walkIn = await guard.call('POST', '/api/visits/walk-ins', {
      hostId: 'demo-staff-01',
      endsAt: '12:00',
      purpose: '送文件',
      visitorName: NAME,
      visitorPhone: PHONE,
      idNumber: ID,
      privacyVersion: PRIVACY,
    });
    expect(walkIn.statusCode).toBe(201);
    const w: Visit = walkIn.json().visit;
    expect(w).toMatchObject({ status: 'pending', origin: 'walk-in', flagged: true });
    expect((await host.call('GET', `/api/visits/${w.id}`)).json().flagged).toBe(true);
    expect((await messagesOf('demo-staff-01')).some((m) => m.body.includes('限制名单'))).toBe(true);

    // An application is the host's to decide: the guard cannot approve it, and it stays pending.
    const applied = await apply();
    expectError(
      await guard.call('POST', `/api/visits/${applied.id}/override`, { reason: '来访人着急' }),
      409,
      'VISIT_NOT_WALK_IN',
    );
    expect((await host.call('GET', `/api/visits/${applied.id}`)).json()).toMatchObject({ status: 'pending' });

    expectError(await guard.call('POST', `/api/visits/${w.id}/override`, { reason: '\n' }), 400, 'VISIT_TEXT_INVALID');
    const overridden = await guard.call('POST', `/api/visits/${w.id}/override`, { reason: '被访人电话确认，现场放行' });
    expect(overridden.json()).toMatchObject({ status: 'approved', overrideReason: '被访人电话确认，现场放行' });
    expectError(
      await guard2.call('POST', `/api/visits/${w.id}/override`, { reason: '再次放行' }),
      409,
      'VISIT_NOT_PENDING',
    );

    const reveal = await guard.call('POST', `/api/visits/${w.id}/reveal`);
    expect(reveal.json()).toEqual({ idNumber: ID });
    const audit = (await admin.call('GET', '/api/visits/audit?limit=100')).json().items;
    expect(
      audit
        .filter((a: { visitId: string }) => a.visitId === w.id)
        .map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`)
        .sort(),
    ).toEqual(['override:马队长', 'reveal:马队长', 'walk-in:马队长']);
    await admin.call('DELETE', `/api/visits/blocks/${blocked.json().id}`);
  });

  it('lets the retention job remove audit rows past six months', async () => {
    // The database's own refusals (UPDATE, early DELETE) are tested on a bare database in
    // audit-append-only.test.ts; here, the retention job removes what is past six months.
    await t.db.db
      .insertInto('visit_audit')
      .values({
        id: 'old-audit-row',
        campus_id: 'campus-smzx',
        at: '2025-01-01T00:00:00.000Z',
        actor_id: null,
        actor_role: 'system',
        action: 'purge',
        visit_id: null,
        detail: '',
      })
      .execute();
    const done = await t.app.services.visitors.purgeExpired();
    expect(done.auditRows).toBe(1);
    expect(
      await t.db.db.selectFrom('visit_audit').select('id').where('id', '=', 'old-audit-row').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('purges personal fields after the retention period, in batches, and keeps the counts', async () => {
    const old = await approved();
    await scan(guard, old.pass!.qr);
    t.clock.advance(5 * 60_000);
    await scan(guard, old.pass!.qr);
    const visitsBefore = await count('visits');
    const start = t.clock.now().toISOString();
    try {
      t.clock.advance(29 * 86_400_000);
      // Sessions last 72 hours: sign in again in the future.
      [visitor, host, admin] = (
        await Promise.all(['demo-visitor-01', 'demo-staff-01', 'demo-admin-01'].map((id) => caller(t, id)))
      ).map(recording);
      const fresh = await approved(visitor, { date: shanghai(t.clock.now()), startsAt: '11:00', endsAt: '23:00' });
      t.clock.advance(2 * 86_400_000); // old: 31 days after its end; fresh: 2 days
      const done = await t.app.services.visitors.purgeExpired({ batch: 2 });
      expect(done.visits).toBeGreaterThan(1);
      const row = await t.db.db.selectFrom('visits').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        personal_enc: null,
        name_masked: null,
        phone_masked: null,
        id_masked: null,
        plate_masked: null,
        phone_hash: null,
        id_hash: null,
        pass_code: null,
        status: 'checked-out',
        host_id: 'demo-staff-01',
        companions: 0,
      });
      expect(row.purged_at).not.toBeNull();
      expect(row.checked_in_at).not.toBeNull();
      expect(
        (await t.db.db.selectFrom('visits').select('personal_enc').where('id', '=', fresh.id).executeTakeFirstOrThrow())
          .personal_enc,
      ).not.toBeNull();
      expect(await count('visits')).toBe(visitsBefore + 1);
      const seen: Visit = (await visitor.call('GET', `/api/visits/${old.id}`)).json();
      expect(seen).toMatchObject({ purged: true, visitor: { name: null, phone: null, idNumber: null }, pass: null });
      expect(
        (await admin.call('GET', '/api/visits/audit'))
          .json()
          .items.some((a: { action: string }) => a.action === 'purge'),
      ).toBe(true);
    } finally {
      t.clock.set(start);
    }
  });

  it('lets a visitor delete a past visit: gone from 我的来访, personal fields cleared, counted still', async () => {
    const visit = await approved(visitor, { startsAt: '10:05', endsAt: '10:30' });
    expectError(await visitor.call('DELETE', `/api/visits/${visit.id}`), 409, 'VISIT_NOT_DELETABLE');
    // Ended at 10:30, yet a guard may still scan it for the campus's 30 minutes: not yet.
    t.clock.advance(45 * 60_000);
    expectError(await visitor.call('DELETE', `/api/visits/${visit.id}`), 409, 'VISIT_NOT_DELETABLE');
    t.clock.advance(16 * 60_000);
    expect((await visitor.call('DELETE', `/api/visits/${visit.id}`)).statusCode).toBe(204);
    t.clock.advance(-61 * 60_000);
    expectError(await visitor.call('GET', `/api/visits/${visit.id}`), 404, 'VISIT_NOT_FOUND');
    const row = await t.db.db
      .selectFrom('visits')
      .select(['personal_enc', 'visitor_deleted'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ personal_enc: null, visitor_deleted: 1 });
  });

  it('pages the host list by cursor, every visit once', async () => {
    const pager = await caller(t, 'demo-staff-03');
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      made.push((await apply(visitor, { hostId: 'demo-staff-03' })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await pager.call(
        'GET',
        `/api/visits?as=host&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.json().items.map((v: Visit) => v.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());

    // The admin's audit log and the guard's day page the same way: every row once, in order.
    const all = async (who: Caller, url: string) => {
      const ids: string[] = [];
      let next: string | null = null;
      do {
        const res: LightMyRequestResponse = await who.call('GET', `${url}${next ? `&cursor=${next}` : ''}`);
        ids.push(...res.json().items.map((x: { id: string }) => x.id));
        next = res.json().nextCursor;
      } while (next);
      return ids;
    };
    const audit = await all(admin, '/api/visits/audit?limit=4');
    expect(new Set(audit).size).toBe(audit.length);
    expect(audit.length).toBe(await count('visit_audit'));
    const day = await all(guard, '/api/visits/today?limit=3');
    expect(new Set(day).size).toBe(day.length);
    const todays = await t.db.db
      .selectFrom('visits')
      .select('id')
      .where('date', '=', TODAY)
      .where('status', 'in', ['pending', 'approved', 'checked-in', 'checked-out'])
      .execute();
    expect(day.length).toBe(todays.length);
    expectError(await pager.call('GET', `/api/visits/today?cursor=${'x'.repeat(8)}`), 403, 'FORBIDDEN');
    expectError(
      await guard.call(
        'GET',
        `/api/visits/today?cursor=${Buffer.from('["visits-host","2026-11-21T02:00:00.000Z","a"]').toString('base64url')}`,
      ),
      400,
      'CURSOR_INVALID',
    );
  });

  it('finds hosts by unit and name, showing name and unit only', async () => {
    const res = await visitor.call(
      'GET',
      `/api/visits/hosts?unit=${encodeURIComponent('市发展和改革委员会')}&q=${encodeURIComponent('张')}`,
    );
    expect(res.json().items).toEqual([{ id: 'demo-staff-01', name: '张伟', unit: '市发展和改革委员会' }]);
    expect((await visitor.call('GET', '/api/visits/units')).json().items).toContain('市财政局');
    const notice = await t.app.inject({ method: 'GET', url: '/api/visits/privacy' });
    expect(notice.json()).toMatchObject({ version: PRIVACY, retentionDays: 30 });
  });

  // Last: reads what every test above answered.
  it('answers nothing unmasked on any visitor route, except the audited reveal', () => {
    expect(answers.length).toBeGreaterThan(50);
    for (const a of answers) {
      const leaks = { url: a.url, phone: a.body.includes(PHONE), name: a.body.includes(NAME), id: a.body.includes(ID) };
      const allowed = a.url.endsWith('/reveal');
      expect(leaks).toEqual({ url: a.url, phone: false, name: false, id: allowed && leaks.id });
    }
    expect(answers.filter((a) => a.url.endsWith('/reveal') && a.body.includes(ID))).toHaveLength(1);
  });
});

function shanghai(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
