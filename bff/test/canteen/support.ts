import type { DayMenu, Dish, MenuDish } from '@contract/canteen.schema';
import { insertPerson } from '../../src/modules/auth/people.repository';
import type { TestApp } from '../support/test-app';
import { caller, type Caller } from '../support/caller';

export { caller, errorCode, expectError, type Caller } from '../support/caller';

/** The test clock starts at 2026-11-21T02:00Z: Saturday 10:00 in Shanghai. */
export const TODAY = '2026-11-21';

/** The signed-in demo people the canteen tests use. */
export async function demoCallers(t: TestApp) {
  const [staff, staff2, canteen1, canteen2, multi, admin, visitor] = await Promise.all(
    [
      'demo-staff-01',
      'demo-staff-02',
      'demo-canteen-01',
      'demo-canteen-02',
      'demo-multi-01',
      'demo-admin-02',
      'demo-visitor-01',
    ].map((id) => caller(t, id)),
  );
  return { staff, staff2, canteen1, canteen2, multi, admin, visitor };
}

/** `count` new staff members (demo-signable), signed in. */
export async function newStaff(t: TestApp, prefix: string, count: number): Promise<Caller[]> {
  const at = t.clock.now().toISOString();
  await t.db.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      await insertPerson(
        trx,
        { id: `${prefix}-${i}`, name: `职工${i}`, unit: '测试单位', roles: ['staff'], isDemo: true },
        at,
      );
    }
  });
  const out: Caller[] = [];
  // Sequential sign-ins: the point of these tests is the votes racing, not the sign-in.
  for (let i = 0; i < count; i++) out.push(await caller(t, `${prefix}-${i}`));
  return out;
}

export async function library(manager: Caller, canteenId: string): Promise<Dish[]> {
  const res = await manager.call('GET', `/api/canteens/${canteenId}/dishes`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

export const mealOf = (menu: DayMenu, meal: string) => menu.meals.find((m) => m.meal === meal)!;
export const dishOn = (menu: DayMenu, dishId: string): MenuDish | undefined =>
  menu.meals.flatMap((m) => m.dishes).find((d) => d.id === dishId);

/** Composes and publishes a meal (as a manager of the canteen). */
export async function publishMeal(
  manager: Caller,
  canteenId: string,
  date: string,
  meal: string,
  dishIds: string[],
): Promise<void> {
  const set = await manager.call('PUT', `/api/canteens/${canteenId}/menu/${date}/meals/${meal}`, { dishIds });
  expect(set.statusCode).toBe(200);
  const published = await manager.call('POST', `/api/canteens/${canteenId}/menu/publish`, {
    from: date,
    to: date,
    meals: [meal],
  });
  expect(published.statusCode).toBe(200);
}

/** multipart/form-data with one file part, as Taro.uploadFile and browsers send it. */
export function multipartFile(data: Buffer, filename = 'photo.png', contentType = 'image/png', field = 'file') {
  const boundary = '----shzq-test-boundary-7f3a';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The rows behind a dish's counts, straight from the database. */
export async function voteRows(t: TestApp, canteenId: string, date: string, dishId: string) {
  return t.db.db
    .selectFrom('dish_votes')
    .select(['person_id', 'value'])
    .where('canteen_id', '=', canteenId)
    .where('date', '=', date)
    .where('dish_id', '=', dishId)
    .execute();
}
