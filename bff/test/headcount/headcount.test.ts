import type { MyHeadcount } from '@contract/headcount.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { caller, demoCallers, expectError, newStaff, type Caller } from '../canteen/support';

let t: TestApp;
let people: Awaited<ReturnType<typeof demoCallers>>;

/** Monday 2026-09-28, 10:00 in Shanghai: 中秋 is just over, 国庆 (10-01…10-07) comes, 10-10 is a 调休 workday. */
const BEFORE_NATIONAL_DAY = '2026-09-28T02:00:00.000Z';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(BEFORE_NATIONAL_DAY);
  people = await demoCallers(t);
}, 60_000);
afterAll(async () => {
  await t.close();
});

const mine = async (who: Caller, days?: number): Promise<MyHeadcount> => {
  const res = await who.call('GET', `/api/headcount/mine${days ? `?days=${days}` : ''}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const put = (who: Caller, entries: { date: string; meal: string; canteenId: string | null }[]) =>
  who.call('PUT', '/api/headcount/mine', { entries });
const signups = (personId: string) =>
  t.db.db
    .selectFrom('headcount_signups')
    .select(['date', 'meal', 'canteen_id'])
    .where('person_id', '=', personId)
    .orderBy('date')
    .orderBy('meal')
    .execute();

describe('报餐', () => {
  it('lists the next workdays: holidays skipped, the 调休 workday included, closed days left out', async () => {
    const answer = await mine(people.staff, 6);
    // 09-28 itself closed at 16:00 yesterday; 10-01…10-07 are 国庆节; 10-10 is a Saturday worked in lieu.
    expect(answer.days.map((d) => d.date)).toEqual([
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-12',
    ]);
    expect(answer.days[4].calendar).toMatchObject({ adjustedWorkday: true, name: '国庆节' });
    expect(answer.calendarLastDate).toBe('2026-12-31');
    expect(answer.days[0].meals).toEqual([
      {
        meal: 'lunch',
        canteenId: null,
        options: [
          { canteenId: 'canteen-1', closesAt: '2026-09-28T16:00:00.000+08:00', open: true },
          { canteenId: 'canteen-2', closesAt: '2026-09-28T15:00:00.000+08:00', open: true },
        ],
      },
      { meal: 'dinner', canteenId: null, options: expect.any(Array) },
    ]);
    expect((await mine(people.staff)).days).toHaveLength(5);
  });

  it('signs up, moves and withdraws until the cut-off', async () => {
    const res = await put(people.staff, [
      { date: '2026-09-29', meal: 'lunch', canteenId: 'canteen-1' },
      { date: '2026-09-29', meal: 'dinner', canteenId: 'canteen-2' },
      { date: '2026-10-10', meal: 'lunch', canteenId: 'canteen-1' },
    ]);
    expect(res.statusCode).toBe(200);
    const days = (res.json() as MyHeadcount).days;
    expect(days.find((d) => d.date === '2026-10-10')!.meals[0].canteenId).toBe('canteen-1');
    expect(days[0].meals.map((m) => m.canteenId)).toEqual(['canteen-1', 'canteen-2']);

    // Moving and withdrawing, and saying nothing twice, before the cut-off.
    expect((await put(people.staff, [{ date: '2026-09-29', meal: 'lunch', canteenId: 'canteen-2' }])).statusCode).toBe(
      200,
    );
    expect((await put(people.staff, [{ date: '2026-09-29', meal: 'dinner', canteenId: null }])).statusCode).toBe(200);
    expect((await put(people.staff, [{ date: '2026-09-30', meal: 'dinner', canteenId: null }])).statusCode).toBe(200);
    expect(await signups('demo-staff-01')).toEqual([
      { date: '2026-09-29', meal: 'lunch', canteen_id: 'canteen-2' },
      { date: '2026-10-10', meal: 'lunch', canteen_id: 'canteen-1' },
    ]);
  });

  it('closes at each canteen\u2019s cut-off, for joining, moving and leaving alike', async () => {
    t.clock.set('2026-09-28T07:30:00.000Z'); // 15:30: canteen-2 (15:00) closed for 09-29, canteen-1 (16:00) open
    try {
      const later = await caller(t, 'demo-staff-01');
      const before = await signups('demo-staff-01');
      expectError(
        await put(later, [{ date: '2026-09-29', meal: 'dinner', canteenId: 'canteen-2' }]),
        409,
        'HEADCOUNT_CLOSED',
      );
      // The lunch at canteen-2 can neither move to canteen-1 nor be withdrawn any more.
      expectError(
        await put(later, [{ date: '2026-09-29', meal: 'lunch', canteenId: 'canteen-1' }]),
        409,
        'HEADCOUNT_CLOSED',
      );
      expectError(await put(later, [{ date: '2026-09-29', meal: 'lunch', canteenId: null }]), 409, 'HEADCOUNT_CLOSED');
      expect((await put(later, [{ date: '2026-09-29', meal: 'dinner', canteenId: 'canteen-1' }])).statusCode).toBe(200);
      const answer = await mine(later);
      expect(answer.days[0].meals[0].options.map((o) => o.open)).toEqual([true, false]);

      t.clock.set('2026-09-28T08:00:00.000Z'); // 16:00 sharp: canteen-1 closed too
      expectError(await put(later, [{ date: '2026-09-29', meal: 'dinner', canteenId: null }]), 409, 'HEADCOUNT_CLOSED');
      expectError(
        await put(later, [{ date: '2026-09-28', meal: 'lunch', canteenId: 'canteen-1' }]),
        409,
        'HEADCOUNT_CLOSED',
      );
      expect((await mine(later)).days[0].date).toBe('2026-09-30');
      // Rows come ordered by date, then meal name (dinner < lunch).
      expect(await signups('demo-staff-01')).toEqual([
        { date: '2026-09-29', meal: 'dinner', canteen_id: 'canteen-1' },
        ...before,
      ]);
    } finally {
      t.clock.set(BEFORE_NATIONAL_DAY);
    }
  });

  it('refuses holidays and weekends, years without holiday data, bad dates, and changes nothing (all or nothing)', async () => {
    const before = await signups('demo-staff-02');
    const valid = { date: '2026-09-30', meal: 'lunch', canteenId: 'canteen-1' };
    expectError(
      await put(people.staff2, [valid, { date: '2026-10-01', meal: 'lunch', canteenId: 'canteen-1' }]),
      400,
      'NOT_A_WORKDAY',
    );
    expectError(
      await put(people.staff2, [valid, { date: '2026-10-11', meal: 'lunch', canteenId: 'canteen-1' }]),
      400,
      'NOT_A_WORKDAY',
    );
    expectError(
      await put(people.staff2, [valid, { date: '2026-02-30', meal: 'lunch', canteenId: 'canteen-1' }]),
      400,
      'INVALID_DATE',
    );
    expectError(
      await put(people.staff2, [valid, { date: '2026-11-30', meal: 'lunch', canteenId: 'canteen-1' }]),
      400,
      'DATE_OUT_OF_RANGE',
    );
    expectError(
      await put(people.staff2, [valid, { date: '2026-10-08', meal: 'lunch', canteenId: 'canteen-9' }]),
      404,
      'CANTEEN_NOT_FOUND',
    );
    expectError(
      await put(people.staff2, [valid, { date: '2026-10-08', meal: 'breakfast', canteenId: 'canteen-1' }]),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await put(people.staff2, [valid, { ...valid, canteenId: 'canteen-2' }]), 400, 'BAD_REQUEST');
    expectError(await put(people.staff2, []), 400, 'VALIDATION_FAILED');
    expect(await signups('demo-staff-02')).toEqual(before);

    t.clock.set('2026-12-21T02:00:00.000Z');
    try {
      const december = await caller(t, 'demo-staff-02');
      expectError(
        await put(december, [{ date: '2027-01-04', meal: 'lunch', canteenId: 'canteen-1' }]),
        409,
        'CALENDAR_UNAVAILABLE',
      );
      // The list stops where the data ends.
      const answer = await mine(december, 20);
      expect(answer.days.map((d) => d.date).at(-1)).toBe('2026-12-31');
      expect(answer.days).toHaveLength(8);
    } finally {
      t.clock.set(BEFORE_NATIONAL_DAY);
    }
    expect(await signups('demo-staff-02')).toEqual(before);
  });

  it('is for staff and admins', async () => {
    expectError(await people.visitor.call('GET', '/api/headcount/mine'), 403, 'FORBIDDEN');
    expectError(
      await people.canteen1.call('PUT', '/api/headcount/mine', {
        entries: [{ date: '2026-09-30', meal: 'lunch', canteenId: 'canteen-1' }],
      }),
      403,
      'FORBIDDEN',
    );
    expect((await people.admin.call('GET', '/api/headcount/mine')).statusCode).toBe(200);
  });

  it(`keeps one sign-up per person, day and meal under concurrency (${dialectUnderTest()})`, async () => {
    const [eager] = await newStaff(t, 'hc-eager', 1);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        put(eager, [
          {
            date: '2026-10-08',
            meal: 'lunch',
            canteenId: i % 3 === 0 ? null : i % 3 === 1 ? 'canteen-1' : 'canteen-2',
          },
        ]),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect((await signups('hc-eager-0')).length).toBeLessThanOrEqual(1);
  });
});

describe('forecast', () => {
  it('counts sign-ups per day, meal and canteen', async () => {
    const eaters = await newStaff(t, 'eater', 6);
    await Promise.all(
      eaters.map((e, i) =>
        put(e, [
          { date: '2026-10-08', meal: 'lunch', canteenId: i < 4 ? 'canteen-1' : 'canteen-2' },
          { date: '2026-10-08', meal: 'dinner', canteenId: i < 2 ? 'canteen-1' : null },
          { date: '2026-10-10', meal: 'lunch', canteenId: i < 3 ? 'canteen-1' : null },
        ]),
      ),
    );
    const others = await t.db.db
      .selectFrom('headcount_signups')
      .select(['date', 'meal', 'canteen_id'])
      .where('person_id', 'not like', 'eater-%')
      .where('canteen_id', '=', 'canteen-1')
      .where('date', '>=', '2026-10-05')
      .where('date', '<=', '2026-10-11')
      .execute();
    const extra = (date: string, meal: string) => others.filter((o) => o.date === date && o.meal === meal).length;

    const res = await people.canteen1.call('GET', '/api/canteens/canteen-1/forecast?from=2026-10-05&to=2026-10-11');
    expect(res.statusCode).toBe(200);
    const forecast = res.json();
    expect(forecast.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-11',
    ]);
    const thursday = forecast.days[3];
    expect(thursday.meals).toEqual([
      { meal: 'lunch', count: 4 + extra('2026-10-08', 'lunch') },
      { meal: 'dinner', count: 2 + extra('2026-10-08', 'dinner') },
    ]);
    expect(forecast.days[5]).toMatchObject({ calendar: { adjustedWorkday: true } });
    expect(forecast.days[5].meals[0]).toEqual({ meal: 'lunch', count: 3 + extra('2026-10-10', 'lunch') });
    expect(forecast.days[0]).toMatchObject({ total: 0, calendar: { holiday: true } });
    expect(forecast.total).toBe(forecast.days.reduce((s: number, d: { total: number }) => s + d.total, 0));

    const other = (
      await people.admin.call('GET', '/api/canteens/canteen-2/forecast?from=2026-10-08&to=2026-10-08')
    ).json();
    expect(other.days[0].meals.find((m: { meal: string }) => m.meal === 'lunch').count).toBeGreaterThanOrEqual(2);
  });

  it('defaults to the coming week, refuses huge ranges, and is for the canteen\u2019s staff and admins', async () => {
    const week = (await people.canteen1.call('GET', '/api/canteens/canteen-1/forecast')).json();
    expect([week.from, week.to, week.days.length]).toEqual(['2026-09-28', '2026-10-04', 7]);
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/forecast?from=2026-10-01&to=2026-12-31'),
      400,
      'DATE_RANGE_INVALID',
    );
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/forecast?from=2026-10-08&to=2026-10-01'),
      400,
      'DATE_RANGE_INVALID',
    );
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/forecast?from=2026-09-31'),
      400,
      'INVALID_DATE',
    );
    expectError(await people.staff.call('GET', '/api/canteens/canteen-1/forecast'), 403, 'FORBIDDEN');
    expectError(await people.canteen2.call('GET', '/api/canteens/canteen-1/forecast'), 403, 'NOT_CANTEEN_STAFF');
    expectError(await people.canteen2.call('GET', '/api/canteens/canteen-0/forecast'), 404, 'CANTEEN_NOT_FOUND');
  });
});
