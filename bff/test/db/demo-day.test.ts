import { shanghaiDate } from '@contract/workdays';
import { demoDayKeeper } from '../../src/db/demo-day';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

const itemsOn = async (date: string) =>
  (await t.db.db.selectFrom('takeaway_items').select('id').where('date', '=', date).execute()).length;

describe(`the demo over midnight (${dialectUnderTest()})`, () => {
  it('seeds the new day once the date in Shanghai changes, and only then', async () => {
    const tick = demoDayKeeper(() => t.app.seedDemo(), t.clock);
    expect(await tick()).toBe(false);
    const today = shanghaiDate(t.clock.now());
    expect(await itemsOn(today)).toBeGreaterThan(0);

    t.clock.advance(24 * 3600_000);
    const tomorrow = shanghaiDate(t.clock.now());
    expect(await itemsOn(tomorrow)).toBe(0);
    expect(await tick()).toBe(true);
    expect(await itemsOn(tomorrow)).toBe(await itemsOn(today));
    expect(await tick()).toBe(false);
  });
});
