import type { DayMenu, Dish } from '@contract/canteen.schema';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import {
  TODAY,
  caller,
  demoCallers,
  dishOn,
  expectError,
  library,
  newStaff,
  publishMeal,
  voteRows,
  type Caller,
} from './support';

let t: TestApp;
let people: Awaited<ReturnType<typeof demoCallers>>;
let dishes1: Dish[];
let dishes2: Dish[];
let lunch: string[]; // today's published lunch in canteen-1

const voteUrl = (dishId: string, date = TODAY, canteenId = 'canteen-1') =>
  `/api/canteens/${canteenId}/menu/${date}/dishes/${dishId}/vote`;
const menu = async (who: Caller, date = TODAY, canteenId = 'canteen-1'): Promise<DayMenu> => {
  const res = await who.call('GET', `/api/canteens/${canteenId}/menu?date=${date}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  people = await demoCallers(t);
  dishes1 = await library(people.canteen1, 'canteen-1');
  dishes2 = await library(people.canteen2, 'canteen-2');
  // Today (a Saturday) has no seeded menu: this lunch and its votes are the tests' own.
  lunch = dishes1.slice(0, 6).map((d) => d.id);
  await publishMeal(people.canteen1, 'canteen-1', TODAY, 'lunch', lunch);
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('赞/踩', () => {
  it('votes, changes and withdraws, answering the new counts', async () => {
    const dish = lunch[0];
    const up = await people.staff.call('PUT', voteUrl(dish), { value: 'up' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toEqual({ dishId: dish, up: 1, down: 0, myVote: 'up' });

    const other = await people.staff2.call('PUT', voteUrl(dish), { value: 'up' });
    expect(other.json()).toEqual({ dishId: dish, up: 2, down: 0, myVote: 'up' });

    const changed = await people.staff.call('PUT', voteUrl(dish), { value: 'down' });
    expect(changed.json()).toEqual({ dishId: dish, up: 1, down: 1, myVote: 'down' });

    const again = await people.staff.call('PUT', voteUrl(dish), { value: 'down' });
    expect(again.json()).toEqual({ dishId: dish, up: 1, down: 1, myVote: 'down' });

    const withdrawn = await people.staff.call('DELETE', voteUrl(dish));
    expect(withdrawn.json()).toEqual({ dishId: dish, up: 1, down: 0, myVote: null });
    const twice = await people.staff.call('DELETE', voteUrl(dish));
    expect(twice.json()).toEqual({ dishId: dish, up: 1, down: 0, myVote: null });

    // The day menu shows the same counts, and each person's own vote.
    expect(dishOn(await menu(people.staff), dish)).toMatchObject({ up: 1, down: 0, myVote: null });
    expect(dishOn(await menu(people.staff2), dish)).toMatchObject({ up: 1, down: 0, myVote: 'up' });
    expect(await voteRows(t, 'canteen-1', TODAY, dish)).toEqual([{ person_id: 'demo-staff-02', value: 'up' }]);
  });

  it('refuses a bad value', async () => {
    const res = await people.staff.call('PUT', voteUrl(lunch[1]), { value: 'love' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(await voteRows(t, 'canteen-1', TODAY, lunch[1])).toEqual([]);
  });

  describe('is refused with its own code', () => {
    it('for a future menu (VOTE_NOT_OPEN)', async () => {
      // The seed published next Monday's menu.
      const monday = await menu(people.staff, '2026-11-23');
      const dish = monday.meals[1].dishes[0].id;
      expectError(await people.staff.call('PUT', voteUrl(dish, '2026-11-23'), { value: 'up' }), 409, 'VOTE_NOT_OPEN');
      expect(await voteRows(t, 'canteen-1', '2026-11-23', dish)).toEqual([]);
    });

    it('for a menu older than 7 days (VOTE_CLOSED), while 6 days back is open', async () => {
      const old = await menu(people.staff, '2026-11-13');
      const dish = old.meals[1].dishes[0].id;
      const before = await voteRows(t, 'canteen-1', '2026-11-13', dish);
      expectError(await people.staff.call('PUT', voteUrl(dish, '2026-11-13'), { value: 'up' }), 409, 'VOTE_CLOSED');
      expectError(await people.staff.call('DELETE', voteUrl(dish, '2026-11-13')), 409, 'VOTE_CLOSED');
      expect(await voteRows(t, 'canteen-1', '2026-11-13', dish)).toEqual(before);

      const recent = await menu(people.staff, '2026-11-16');
      const open = await people.staff.call('PUT', voteUrl(recent.meals[1].dishes[0].id, '2026-11-16'), { value: 'up' });
      expect(open.statusCode).toBe(200);
      expect(recent.voting).toBe('open');
      expect(old.voting).toBe('closed');
    });

    it('for an unpublished meal (MENU_NOT_PUBLISHED)', async () => {
      const draft = dishes1[10].id;
      const set = await people.canteen1.call('PUT', `/api/canteens/canteen-1/menu/${TODAY}/meals/dinner`, {
        dishIds: [draft],
      });
      expect(set.statusCode).toBe(200);
      expectError(await people.staff.call('PUT', voteUrl(draft), { value: 'up' }), 409, 'MENU_NOT_PUBLISHED');
      expect(await voteRows(t, 'canteen-1', TODAY, draft)).toEqual([]);
    });

    it('for an unknown dish (DISH_NOT_FOUND)', async () => {
      expectError(await people.staff.call('PUT', voteUrl('no-such-dish'), { value: 'up' }), 404, 'DISH_NOT_FOUND');
    });

    it("for another canteen's dish, or one not on that day's menu (DISH_NOT_ON_MENU)", async () => {
      const foreign = dishes2[0].id;
      expectError(await people.staff.call('PUT', voteUrl(foreign), { value: 'up' }), 409, 'DISH_NOT_ON_MENU');
      const offMenu = dishes1.find((d) => !lunch.includes(d.id) && d.id !== dishes1[10].id)!.id;
      expectError(await people.staff.call('PUT', voteUrl(offMenu), { value: 'down' }), 409, 'DISH_NOT_ON_MENU');
      expect(await voteRows(t, 'canteen-1', TODAY, foreign)).toEqual([]);
    });

    it('for an unknown canteen, a malformed date and a visitor', async () => {
      expectError(
        await people.staff.call('PUT', voteUrl(lunch[0], TODAY, 'canteen-x'), { value: 'up' }),
        404,
        'CANTEEN_NOT_FOUND',
      );
      expectError(
        await people.staff.call('PUT', voteUrl(lunch[0], '2026-02-30'), { value: 'up' }),
        400,
        'INVALID_DATE',
      );
      expectError(await people.staff.call('PUT', voteUrl(lunch[0], 'yesterday'), { value: 'up' }), 400, 'INVALID_DATE');
      expectError(await people.visitor.call('PUT', voteUrl(lunch[0]), { value: 'up' }), 403, 'FORBIDDEN');
      expectError(
        await t.app.inject({ method: 'PUT', url: voteUrl(lunch[0]), payload: { value: 'up' } }),
        401,
        'UNAUTHENTICATED',
      );
    });
  });

  it('keeps a vote open for 7 days by the clock, then closes it', async () => {
    const dish = lunch[5];
    expect((await people.staff.call('PUT', voteUrl(dish), { value: 'up' })).statusCode).toBe(200);
    t.clock.advance(6 * 86_400_000);
    try {
      // Sessions last 72 hours: sign in again at the new time.
      const later = await caller(t, 'demo-staff-01');
      expect((await later.call('PUT', voteUrl(dish), { value: 'down' })).json().myVote).toBe('down');
      t.clock.advance(86_400_000);
      expectError(await later.call('DELETE', voteUrl(dish)), 409, 'VOTE_CLOSED');
      expect(await voteRows(t, 'canteen-1', TODAY, dish)).toEqual([{ person_id: 'demo-staff-01', value: 'down' }]);
    } finally {
      t.clock.set('2026-11-21T02:00:00.000Z');
    }
  });
});

describe(`votes under concurrency (${dialectUnderTest()})`, () => {
  it('200 people voting on one dish at once give exactly their counts', async () => {
    const voters = await newStaff(t, 'voter', 200);
    const dish = lunch[2];
    const answers = await Promise.all(
      voters.map((v, i) => v.call('PUT', voteUrl(dish), { value: i < 130 ? 'up' : 'down' })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(voters.map(() => 200));
    answers.forEach((a, i) => expect(a.json().myVote).toBe(i < 130 ? 'up' : 'down'));
    const rows = await voteRows(t, 'canteen-1', TODAY, dish);
    expect(rows).toHaveLength(200);
    expect(dishOn(await menu(voters[0]), dish)).toMatchObject({ up: 130, down: 70, myVote: 'up' });

    // Then at once: 40 withdraw, 30 switch up → down, 20 switch down → up, the rest repeat their vote.
    const second = await Promise.all(
      voters.map((v, i) => {
        if (i < 40) return v.call('DELETE', voteUrl(dish));
        if (i < 70) return v.call('PUT', voteUrl(dish), { value: 'down' });
        if (i >= 130 && i < 150) return v.call('PUT', voteUrl(dish), { value: 'up' });
        return v.call('PUT', voteUrl(dish), { value: i < 130 ? 'up' : 'down' });
      }),
    );
    expect(second.every((a) => a.statusCode === 200)).toBe(true);
    // up: 130 − 40 withdrawn − 30 switched + 20 switched = 80; down: 70 + 30 − 20 = 80.
    const after = await voteRows(t, 'canteen-1', TODAY, dish);
    expect(after).toHaveLength(160);
    expect(after.filter((r) => r.value === 'up')).toHaveLength(80);
    expect(dishOn(await menu(voters[199]), dish)).toMatchObject({ up: 80, down: 80, myVote: 'down' });
  }, 60_000);

  it('one person sending 50 votes at once ends with at most one vote, and the counts match the rows', async () => {
    const [eager] = await newStaff(t, 'eager', 1);
    const dish = lunch[3];
    const others = await voteRows(t, 'canteen-1', TODAY, dish);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 5 === 4
          ? eager.call('DELETE', voteUrl(dish))
          : eager.call('PUT', voteUrl(dish), { value: i % 2 ? 'up' : 'down' }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const rows = await voteRows(t, 'canteen-1', TODAY, dish);
    const mine = rows.filter((r) => r.person_id === 'eager-0');
    expect(mine.length).toBeLessThanOrEqual(1);
    expect(rows).toHaveLength(others.length + mine.length);
    const shown = dishOn(await menu(eager), dish)!;
    expect(shown.up).toBe(rows.filter((r) => r.value === 'up').length);
    expect(shown.down).toBe(rows.filter((r) => r.value === 'down').length);
    expect(shown.myVote).toBe(mine[0]?.value ?? null);

    // And 50 of the same vote at once: exactly one row.
    await Promise.all(Array.from({ length: 50 }, () => eager.call('PUT', voteUrl(dish), { value: 'up' })));
    const final = (await voteRows(t, 'canteen-1', TODAY, dish)).filter((r) => r.person_id === 'eager-0');
    expect(final).toEqual([{ person_id: 'eager-0', value: 'up' }]);
  }, 60_000);
});

describe('vote ranking', () => {
  it('ranks by net score over a range with counts, hiding dishes with too few votes', async () => {
    const date = '2026-11-22'; // Sunday: no seeded menu, nobody else votes here
    const [a, b, c, d] = dishes1.slice(20, 24).map((x) => x.id);
    await publishMeal(people.canteen1, 'canteen-1', date, 'lunch', [a, b, c, d]);
    t.clock.set('2026-11-22T04:00:00.000Z');
    try {
      const voters = await newStaff(t, 'ranker', 5);
      const plan: [string, ('up' | 'down')[]][] = [
        [a, ['up', 'up', 'up', 'up', 'up']],
        [b, ['up', 'up', 'up', 'down']],
        [c, ['up', 'down', 'down', 'down', 'down']],
        [d, ['up', 'up']],
      ];
      for (const [dish, values] of plan) {
        await Promise.all(values.map((value, i) => voters[i].call('PUT', voteUrl(dish, date), { value })));
      }
      const ranking = await people.canteen1.call('GET', `/api/canteens/canteen-1/ranking?from=${date}&to=${date}`);
      expect(ranking.statusCode).toBe(200);
      const body = ranking.json();
      expect(body).toMatchObject({ canteenId: 'canteen-1', from: date, to: date, minVotes: 3, hidden: 1 });
      expect(body.top.map((r: { dishId: string }) => r.dishId)).toEqual([a, b]);
      expect(body.bottom.map((r: { dishId: string }) => r.dishId)).toEqual([c]);
      expect(body.top[0]).toMatchObject({ up: 5, down: 0, votes: 5, net: 5, name: dishes1[20].name });
      expect(body.bottom[0]).toMatchObject({ up: 1, down: 4, votes: 5, net: -3 });

      const all = (
        await people.admin.call('GET', `/api/canteens/canteen-1/ranking?from=${date}&to=${date}&minVotes=1&limit=2`)
      ).json();
      // b and d tie at +2: more votes first.
      expect(all.top.map((r: { dishId: string }) => r.dishId)).toEqual([a, b]);
      expect(all.bottom.map((r: { dishId: string }) => r.dishId)).toEqual([c, d]);
      expect(all.hidden).toBe(0);
    } finally {
      t.clock.set('2026-11-21T02:00:00.000Z');
    }
  });

  it('is for the canteen\u2019s staff and admins, with sane ranges', async () => {
    expectError(await people.staff.call('GET', '/api/canteens/canteen-1/ranking'), 403, 'FORBIDDEN');
    expectError(await people.canteen2.call('GET', '/api/canteens/canteen-1/ranking'), 403, 'NOT_CANTEEN_STAFF');
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/ranking?from=2026-11-21&to=2026-11-01'),
      400,
      'DATE_RANGE_INVALID',
    );
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/ranking?from=2020-01-01&to=2026-11-01'),
      400,
      'DATE_RANGE_INVALID',
    );
    expectError(
      await people.canteen1.call('GET', '/api/canteens/canteen-1/ranking?from=2026-02-30'),
      400,
      'INVALID_DATE',
    );
    // The default range (last 30 days) includes the seeded demo votes.
    const seeded = (await people.canteen1.call('GET', '/api/canteens/canteen-1/ranking')).json();
    expect(seeded.top.length).toBeGreaterThan(0);
    expect(seeded.bottom.length).toBeGreaterThan(0);
  });
});
