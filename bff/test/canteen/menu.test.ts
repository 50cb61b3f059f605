import type { DayMenu, Dish, WeekMenu } from '@contract/canteen.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { TODAY, demoCallers, dishOn, expectError, library, mealOf, publishMeal } from './support';

let t: TestApp;
let people: Awaited<ReturnType<typeof demoCallers>>;
let dishes1: Dish[];
let dishes2: Dish[];

beforeAll(async () => {
  t = await createTestApp();
  people = await demoCallers(t);
  dishes1 = await library(people.canteen1, 'canteen-1');
  dishes2 = await library(people.canteen2, 'canteen-2');
}, 60_000);
afterAll(async () => {
  await t.close();
});

const menuUrl = (date: string, canteenId = 'canteen-1') => `/api/canteens/${canteenId}/menu?date=${date}`;
const mealUrl = (date: string, meal: string, canteenId = 'canteen-1') =>
  `/api/canteens/${canteenId}/menu/${date}/meals/${meal}`;

async function tableCounts() {
  const count = async (table: 'menus' | 'menu_dishes' | 'dishes' | 'canteen_meals') =>
    Number(
      (
        await t.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    menus: await count('menus'),
    menuDishes: await count('menu_dishes'),
    dishes: await count('dishes'),
    meals: await count('canteen_meals'),
  };
}

describe('the demo seed', () => {
  it('has two canteens with serving windows and a 报餐 cut-off', async () => {
    const res = await people.staff.call('GET', '/api/canteens');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((c: { id: string }) => c.id)).toEqual(['canteen-1', 'canteen-2']);
    expect(items[0]).toMatchObject({
      name: '第一食堂',
      location: 'A座负一楼',
      headcountCutoff: { daysBefore: 1, time: '16:00' },
      canManage: false,
      meals: [
        { meal: 'breakfast', servingStart: '07:00', servingEnd: '08:30' },
        { meal: 'lunch', servingStart: '11:30', servingEnd: '13:00' },
        { meal: 'dinner', servingStart: '17:30', servingEnd: '19:00' },
      ],
    });
    // Canteen staff manage their own canteen only; admins both.
    const own = (await people.canteen1.call('GET', '/api/canteens'))
      .json()
      .items.map((c: { canManage: boolean }) => c.canManage);
    expect(own).toEqual([true, false]);
    const admin = (await people.admin.call('GET', '/api/canteens'))
      .json()
      .items.map((c: { canManage: boolean }) => c.canManage);
    expect(admin).toEqual([true, true]);
  });

  it('has a 30-dish library with real photos in each canteen', async () => {
    expect(dishes1).toHaveLength(30);
    expect(dishes2).toHaveLength(30);
    for (const dish of [...dishes1, ...dishes2]) {
      expect(dish.photoUrl).toMatch(/^\/api\/uploads\/[0-9a-f]{32}\.png$/);
      expect(dish.name).toMatch(/[\u4e00-\u9fa5]/);
    }
    const photo = await t.app.inject({ method: 'GET', url: dishes1[0].photoUrl! });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('publishes menus for the workdays of this and next week', async () => {
    const week = (await people.staff.call('GET', '/api/canteens/canteen-2/menu/week')).json() as WeekMenu;
    expect(week.start).toBe('2026-11-16');
    const next = (
      await people.staff.call('GET', '/api/canteens/canteen-2/menu/week?start=2026-11-23')
    ).json() as WeekMenu;
    for (const day of [...week.days, ...next.days]) {
      const workday = day.calendar.workday;
      for (const meal of day.meals) {
        expect(meal.published).toBe(workday);
        expect(meal.dishes.length > 0).toBe(workday);
      }
    }
    expect(mealOf(next.days[0], 'lunch').dishes.length).toBeGreaterThanOrEqual(8);
  });

  it('is idempotent and adds the weeks that come into view later', async () => {
    const before = await tableCounts();
    await t.app.seedDemo();
    expect(await tableCounts()).toEqual(before);

    t.clock.set('2026-11-30T02:00:00.000Z');
    try {
      await t.app.seedDemo();
      const after = await tableCounts();
      expect(after.dishes).toBe(before.dishes);
      // Now "this and next week" are those of 2026-11-30 and 2026-12-07: 2 canteens × 10 workdays × 3 meals.
      expect(after.menus - before.menus).toBe(60);
    } finally {
      t.clock.set('2026-11-21T02:00:00.000Z');
    }
  });
});

describe('the day menu', () => {
  it('lists every meal with its serving window, dishes and counts, and the day on the calendar', async () => {
    const res = await people.staff.call('GET', menuUrl('2026-11-20'));
    expect(res.statusCode).toBe(200);
    const menu = res.json() as DayMenu;
    expect(menu).toMatchObject({ canteenId: 'canteen-1', date: '2026-11-20', voting: 'open', canManage: false });
    expect(menu.calendar).toMatchObject({ workday: true, weekday: 5, known: true });
    expect(menu.meals.map((m) => [m.meal, m.servingStart, m.servingEnd, m.published])).toEqual([
      ['breakfast', '07:00', '08:30', true],
      ['lunch', '11:30', '13:00', true],
      ['dinner', '17:30', '19:00', true],
    ]);
    const dish = mealOf(menu, 'lunch').dishes[0];
    expect(Object.keys(dish).sort()).toEqual(
      [
        'id',
        'canteenId',
        'name',
        'category',
        'tags',
        'allergens',
        'description',
        'photoUrl',
        'retired',
        'up',
        'down',
        'myVote',
      ].sort(),
    );
    expect(mealOf(menu, 'lunch').publishedAt).toMatch(/\+08:00$/);
  });

  it('defaults to today', async () => {
    const res = await people.staff.call('GET', '/api/canteens/canteen-1/menu');
    expect(res.json().date).toBe(TODAY);
  });

  it('shows diners published meals only; the canteen\u2019s staff also see drafts', async () => {
    const date = '2026-11-28';
    const set = await people.canteen1.call('PUT', mealUrl(date, 'lunch'), { dishIds: [dishes1[0].id, dishes1[1].id] });
    expect(set.statusCode).toBe(200);
    expect(mealOf(set.json(), 'lunch')).toMatchObject({ published: false, publishedAt: null });
    expect(mealOf(set.json(), 'lunch').dishes.map((d) => d.id)).toEqual([dishes1[0].id, dishes1[1].id]);

    const seenByStaff = (await people.staff.call('GET', menuUrl(date))).json() as DayMenu;
    expect(mealOf(seenByStaff, 'lunch')).toMatchObject({ published: false, dishes: [] });
    const seenByOtherCanteen = (await people.canteen2.call('GET', menuUrl(date))).json() as DayMenu;
    expect(mealOf(seenByOtherCanteen, 'lunch').dishes).toEqual([]);
    const seenByAdmin = (await people.admin.call('GET', menuUrl(date))).json() as DayMenu;
    expect(mealOf(seenByAdmin, 'lunch').dishes).toHaveLength(2);
    expect(seenByAdmin.canManage).toBe(true);

    const published = await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/publish', {
      from: date,
      to: date,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().items).toEqual([
      expect.objectContaining({ date, meal: 'lunch', published: true, dishCount: 2 }),
    ]);
    const nowPublic = (await people.staff.call('GET', menuUrl(date))).json() as DayMenu;
    expect(mealOf(nowPublic, 'lunch').dishes.map((d) => d.name)).toEqual([dishes1[0].name, dishes1[1].name]);
    expect(nowPublic.voting).toBe('notYet');

    const withdrawn = await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/unpublish', {
      from: date,
      to: date,
    });
    expect(withdrawn.json().items[0]).toMatchObject({ published: false, publishedAt: null });
    expect(mealOf((await people.staff.call('GET', menuUrl(date))).json(), 'lunch').dishes).toEqual([]);
  });

  it('answers an ETag over the answer, including my own vote, and 304 when it matches', async () => {
    const date = '2026-11-20';
    const first = await people.staff.call('GET', menuUrl(date));
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_.-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const same = await people.staff.call('GET', menuUrl(date), undefined, { 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.etag).toBe(etag);

    // Another person sees other votes of their own: a different tag.
    const dish = mealOf(first.json(), 'lunch').dishes[0].id;
    await people.staff2.call('PUT', `/api/canteens/canteen-1/menu/${date}/dishes/${dish}/vote`, { value: 'up' });
    const mine = await people.staff.call('GET', menuUrl(date), undefined, { 'if-none-match': etag });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers.etag).not.toBe(etag);
    const theirs = await people.staff2.call('GET', menuUrl(date), undefined, {
      'if-none-match': mine.headers.etag as string,
    });
    expect(theirs.statusCode).toBe(200);
    expect(dishOn(theirs.json(), dish)?.myVote).toBe('up');

    // My own vote changes my tag too.
    const before = mine.headers.etag as string;
    await people.staff.call('PUT', `/api/canteens/canteen-1/menu/${date}/dishes/${dish}/vote`, { value: 'down' });
    const after = await people.staff.call('GET', menuUrl(date), undefined, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(dishOn(after.json(), dish)).toMatchObject({ myVote: 'down' });
    expect(
      (await people.staff.call('GET', menuUrl(date), undefined, { 'if-none-match': `W/${after.headers.etag}` }))
        .statusCode,
    ).toBe(304);
  });

  it('refuses malformed dates and unknown canteens', async () => {
    expectError(await people.staff.call('GET', menuUrl('2026-02-30')), 400, 'INVALID_DATE');
    expectError(await people.staff.call('GET', menuUrl('2026-11-2')), 400, 'INVALID_DATE');
    expectError(
      await people.staff.call('GET', '/api/canteens/canteen-1/menu/week?start=2026-13-01'),
      400,
      'INVALID_DATE',
    );
    expectError(await people.staff.call('GET', menuUrl(TODAY, 'canteen-9')), 404, 'CANTEEN_NOT_FOUND');
    expectError(await people.visitor.call('GET', menuUrl(TODAY)), 403, 'FORBIDDEN');
  });
});

describe('the week menu', () => {
  it('marks holidays, 调休 workdays and days off in lieu', async () => {
    const res = await people.staff.call('GET', '/api/canteens/canteen-1/menu/week?start=2026-10-05');
    expect(res.statusCode).toBe(200);
    const week = res.json() as WeekMenu;
    expect(week).toMatchObject({ start: '2026-10-05', end: '2026-10-11' });
    expect(week.days.map((d) => d.date)).toEqual([
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-11',
    ]);
    expect(
      week.days.map((d) => [d.calendar.workday, d.calendar.holiday, d.calendar.adjustedWorkday, d.calendar.inLieu]),
    ).toEqual([
      [false, true, false, false],
      [false, true, false, true],
      [false, true, false, true],
      [true, false, false, false],
      [true, false, false, false],
      [true, false, true, false],
      [false, false, false, false],
    ]);
    expect(week.days[0].calendar.name).toBe('国庆节');
  });

  it('leaves the flags of a year without holiday data empty rather than guessed', async () => {
    const week = (
      await people.staff.call('GET', '/api/canteens/canteen-1/menu/week?start=2026-12-28')
    ).json() as WeekMenu;
    expect(week.days.slice(0, 4).every((d) => d.calendar.known)).toBe(true);
    for (const day of week.days.slice(4)) {
      expect(day.calendar).toMatchObject({
        known: false,
        workday: null,
        holiday: null,
        adjustedWorkday: null,
        inLieu: null,
      });
    }
  });
});

describe('the menu editor', () => {
  it('is for that canteen\u2019s staff and admins only', async () => {
    const date = '2026-11-26';
    const body = { dishIds: [dishes2[0].id] };
    expectError(await people.staff.call('PUT', mealUrl(date, 'lunch', 'canteen-2'), body), 403, 'FORBIDDEN');
    expectError(await people.canteen1.call('PUT', mealUrl(date, 'lunch', 'canteen-2'), body), 403, 'NOT_CANTEEN_STAFF');
    expectError(await people.multi.call('PUT', mealUrl(date, 'lunch', 'canteen-2'), body), 403, 'NOT_CANTEEN_STAFF');
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-2/menu/publish', { from: date, to: date }),
      403,
      'NOT_CANTEEN_STAFF',
    );
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-2/menu/copy', { from: '2026-11-23', to: '2026-11-30' }),
      403,
      'NOT_CANTEEN_STAFF',
    );
    expectError(
      await people.staff.call('POST', '/api/canteens/canteen-2/menu/unpublish', { from: date, to: date }),
      403,
      'FORBIDDEN',
    );
    const before = (await people.staff.call('GET', menuUrl(date, 'canteen-2'))).json();

    expect((await people.canteen2.call('PUT', mealUrl(date, 'lunch', 'canteen-2'), body)).statusCode).toBe(200);
    expect((await people.admin.call('PUT', mealUrl(date, 'dinner', 'canteen-2'), body)).statusCode).toBe(200);
    expect(
      (await people.multi.call('PUT', mealUrl('2026-11-27', 'dinner', 'canteen-1'), { dishIds: [dishes1[3].id] }))
        .statusCode,
    ).toBe(200);
    // The published lunch stays public with its new dishes.
    const after = (await people.staff.call('GET', menuUrl(date, 'canteen-2'))).json();
    expect(mealOf(after, 'lunch').dishes.map((d) => d.id)).toEqual([dishes2[0].id]);
    expect(mealOf(before, 'lunch').dishes.length).toBeGreaterThan(1);
  });

  it('refuses dishes of another canteen, retired dishes, unserved meals, past and far dates, changing nothing', async () => {
    const before = await tableCounts();
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-24', 'lunch'), { dishIds: [dishes2[0].id] }),
      404,
      'DISH_NOT_FOUND',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-24', 'lunch'), { dishIds: ['nope'] }),
      404,
      'DISH_NOT_FOUND',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-20', 'lunch'), { dishIds: [dishes1[0].id] }),
      409,
      'MENU_DATE_PASSED',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2027-06-01', 'lunch'), { dishIds: [dishes1[0].id] }),
      400,
      'DATE_OUT_OF_RANGE',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-02-30', 'lunch'), { dishIds: [dishes1[0].id] }),
      400,
      'INVALID_DATE',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-24', 'supper'), { dishIds: [dishes1[0].id] }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-24', 'lunch'), { dishIds: [dishes1[0].id, dishes1[0].id] }),
      400,
      'VALIDATION_FAILED',
    );
    const retired = dishes1[29];
    expect((await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${retired.id}/retire`)).statusCode).toBe(
      200,
    );
    expectError(
      await people.canteen1.call('PUT', mealUrl('2026-11-24', 'lunch'), { dishIds: [dishes1[0].id, retired.id] }),
      409,
      'DISH_RETIRED',
    );
    expect(
      (await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${retired.id}/restore`)).statusCode,
    ).toBe(200);
    expect(await tableCounts()).toEqual(before);
  });

  it('empties a meal with an empty list', async () => {
    const date = '2026-11-29';
    await publishMeal(people.canteen1, 'canteen-1', date, 'dinner', [dishes1[5].id]);
    const cleared = await people.canteen1.call('PUT', mealUrl(date, 'dinner'), { dishIds: [] });
    expect(mealOf(cleared.json(), 'dinner')).toMatchObject({ published: false, dishes: [] });
    const status = await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/publish', {
      from: date,
      to: date,
      meals: ['dinner'],
    });
    expectError(status, 409, 'MENU_EMPTY');
  });

  it('copies a day, and a week, as drafts; refuses to overwrite a published menu', async () => {
    // A day: last Friday's seeded menu onto a free Sunday.
    const copied = await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
      from: '2026-11-20',
      to: '2026-12-06',
    });
    expect(copied.statusCode).toBe(200);
    expect(copied.json().items.map((i: { meal: string; published: boolean }) => [i.meal, i.published])).toEqual([
      ['breakfast', false],
      ['dinner', false],
      ['lunch', false],
    ]);
    const source = (await people.canteen1.call('GET', menuUrl('2026-11-20'))).json() as DayMenu;
    const target = (await people.canteen1.call('GET', menuUrl('2026-12-06'))).json() as DayMenu;
    for (const meal of ['breakfast', 'lunch', 'dinner']) {
      expect(mealOf(target, meal).dishes.map((d) => d.id)).toEqual(mealOf(source, meal).dishes.map((d) => d.id));
      expect(mealOf(target, meal).dishes.every((d) => d.up === 0 && d.down === 0)).toBe(true);
    }

    // A week: this week onto the week of 2026-12-14, leaving out a dish retired meanwhile.
    const retired = mealOf(source, 'lunch').dishes[0];
    await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${retired.id}/retire`);
    const week = await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
      from: '2026-11-16',
      to: '2026-12-14',
      days: 7,
    });
    await people.canteen1.call('POST', `/api/canteens/canteen-1/dishes/${retired.id}/restore`);
    expect(week.statusCode).toBe(200);
    expect(week.json().items).toHaveLength(15);
    expect(week.json().skippedRetired).toBeGreaterThan(0);
    const friday = (await people.canteen1.call('GET', menuUrl('2026-12-18'))).json() as DayMenu;
    expect(mealOf(friday, 'lunch').dishes.map((d) => d.id)).toEqual(
      mealOf(source, 'lunch')
        .dishes.slice(1)
        .map((d) => d.id),
    );

    // Onto the seeded, published next week: refused, nothing changes.
    const nextWeek = (await people.staff.call('GET', '/api/canteens/canteen-1/menu/week?start=2026-11-23')).json();
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
        from: '2026-11-16',
        to: '2026-11-23',
        days: 7,
      }),
      409,
      'MENU_PUBLISHED',
    );
    expect((await people.staff.call('GET', '/api/canteens/canteen-1/menu/week?start=2026-11-23')).json()).toEqual(
      nextWeek,
    );
    // Overlapping ranges and bad sizes.
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
        from: '2026-12-06',
        to: '2026-12-08',
        days: 7,
      }),
      400,
      'DATE_RANGE_INVALID',
    );
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
        from: '2026-11-16',
        to: '2026-12-21',
        days: 30,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await people.canteen1.call('POST', '/api/canteens/canteen-1/menu/copy', {
        from: '2026-11-16',
        to: '2026-11-09',
        days: 1,
      }),
      409,
      'MENU_DATE_PASSED',
    );
  });

  it('publishes at most two weeks at once, never in the past, and never an empty range', async () => {
    const publish = (from: string, to: string) =>
      people.canteen1.call('POST', '/api/canteens/canteen-1/menu/publish', { from, to });
    expectError(await publish('2026-12-01', '2026-11-30'), 400, 'DATE_RANGE_INVALID');
    expectError(await publish('2026-12-01', '2027-03-01'), 400, 'DATE_RANGE_INVALID');
    expectError(await publish('2026-11-20', '2026-11-22'), 409, 'MENU_DATE_PASSED');
    expectError(await publish('2026-12-21', '2026-12-25'), 409, 'MENU_EMPTY');
    expectError(await publish('2026-02-30', '2026-03-01'), 400, 'INVALID_DATE');
    const week = await publish('2026-12-14', '2026-12-20');
    expect(week.statusCode).toBe(200);
    expect(week.json().items.every((i: { published: boolean }) => i.published)).toBe(true);
  });
});

describe('canteen settings (admin)', () => {
  it('changes name, location, serving windows and cut-off', async () => {
    const res = await people.admin.call('PATCH', '/api/canteens/canteen-2', {
      location: 'C座二楼东侧',
      meals: [
        { meal: 'dinner', servingStart: '17:00', servingEnd: '18:30' },
        { meal: 'lunch', servingStart: '11:00', servingEnd: '12:30' },
      ],
      headcountCutoff: { daysBefore: 0, time: '09:30' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'canteen-2',
      name: '第二食堂',
      location: 'C座二楼东侧',
      headcountCutoff: { daysBefore: 0, time: '09:30' },
      meals: [
        { meal: 'lunch', servingStart: '11:00', servingEnd: '12:30' },
        { meal: 'dinner', servingStart: '17:00', servingEnd: '18:30' },
      ],
    });
    const menu = (await people.staff.call('GET', menuUrl('2026-11-20', 'canteen-2'))).json() as DayMenu;
    expect(menu.meals.map((m) => m.meal)).toEqual(['lunch', 'dinner']);
    expectError(
      await people.canteen2.call('PUT', mealUrl('2026-11-30', 'breakfast', 'canteen-2'), { dishIds: [dishes2[0].id] }),
      400,
      'MEAL_NOT_SERVED',
    );
  });

  it('refuses bad windows and non-admins, changing nothing', async () => {
    const before = (await people.admin.call('GET', '/api/canteens')).json();
    const bad = [
      [{ meal: 'lunch', servingStart: '13:00', servingEnd: '11:00' }],
      [
        { meal: 'lunch', servingStart: '11:00', servingEnd: '13:00' },
        { meal: 'dinner', servingStart: '12:30', servingEnd: '18:00' },
      ],
      [
        { meal: 'lunch', servingStart: '11:00', servingEnd: '12:00' },
        { meal: 'lunch', servingStart: '12:00', servingEnd: '13:00' },
      ],
    ];
    for (const meals of bad)
      expectError(
        await people.admin.call('PATCH', '/api/canteens/canteen-1', { meals }),
        400,
        'SERVING_WINDOWS_INVALID',
      );
    expectError(
      await people.admin.call('PATCH', '/api/canteens/canteen-1', {
        meals: [{ meal: 'lunch', servingStart: '25:00', servingEnd: '26:00' }],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await people.admin.call('PATCH', '/api/canteens/canteen-1', {
        headcountCutoff: { daysBefore: 30, time: '16:00' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await people.admin.call('PATCH', '/api/canteens/canteen-1', {}), 400, 'VALIDATION_FAILED');
    expectError(await people.canteen1.call('PATCH', '/api/canteens/canteen-1', { name: '新名字' }), 403, 'FORBIDDEN');
    expectError(
      await people.admin.call('PATCH', '/api/canteens/canteen-9', { name: '新名字' }),
      404,
      'CANTEEN_NOT_FOUND',
    );
    expect((await people.admin.call('GET', '/api/canteens')).json()).toEqual(before);
  });

  it('assigns canteen staff, who then manage that canteen', async () => {
    expect(
      (await people.admin.call('GET', '/api/canteens/canteen-1/staff')).json().people.map((p: { id: string }) => p.id),
    ).toEqual(['demo-canteen-01', 'demo-multi-01']);
    expectError(
      await people.admin.call('PUT', '/api/canteens/canteen-1/staff', { personIds: ['demo-staff-01'] }),
      400,
      'STAFF_NOT_CANTEEN_ROLE',
    );
    expectError(
      await people.admin.call('PUT', '/api/canteens/canteen-1/staff', { personIds: ['nobody'] }),
      404,
      'USER_NOT_FOUND',
    );
    expectError(
      await people.canteen1.call('PUT', '/api/canteens/canteen-1/staff', { personIds: [] }),
      403,
      'FORBIDDEN',
    );
    const res = await people.admin.call('PUT', '/api/canteens/canteen-1/staff', {
      personIds: ['demo-canteen-01', 'demo-canteen-02'],
    });
    expect(res.json().people.map((p: { id: string }) => p.id)).toEqual(['demo-canteen-01', 'demo-canteen-02']);
    expect((await people.canteen2.call('GET', '/api/canteens/canteen-1/dishes')).statusCode).toBe(200);
    expectError(await people.multi.call('GET', '/api/canteens/canteen-1/dishes'), 403, 'NOT_CANTEEN_STAFF');
    await people.admin.call('PUT', '/api/canteens/canteen-1/staff', {
      personIds: ['demo-canteen-01', 'demo-multi-01'],
    });
  });
});

describe('the OpenAPI document', () => {
  it('documents the canteen routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/canteens',
        '/api/canteens/{canteenId}/menu',
        '/api/canteens/{canteenId}/menu/week',
        '/api/canteens/{canteenId}/menu/{date}/dishes/{dishId}/vote',
        '/api/canteens/{canteenId}/dishes',
        '/api/uploads/images',
        '/api/headcount/mine',
        '/api/canteens/{canteenId}/forecast',
        '/api/canteens/{canteenId}/ranking',
      ]),
    );
    expect(doc.paths['/api/canteens/{canteenId}/menu'].get.tags).toEqual(['canteen']);
  });
});
