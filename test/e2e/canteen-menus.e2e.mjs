// 今日菜品 · 赞/踩 · 报餐 end to end (issue 3): the canteen publishes a menu, staff see it and vote,
// staff sign up for lunch and the canteen sees the forecast; screens of every role, with their
// empty and error states, photographed in test-results/screenshots/canteen-*.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  UI_TIMEOUT_MS,
  api,
  baseUrl,
  browserForFile,
  careModeOn,
  failRequests,
  shanghaiDate,
  signInThroughUi,
  tap,
  textEl,
  waitForFontSize,
  waitForText,
  withPhone,
} from './support.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A real PNG for the photo upload (the app's own tab-bar icon). */
const PNG = fs.readFileSync(path.join(repoRoot, 'src', 'assets', 'tabbar', 'home.png'));
/** A 1×1 GIF: an image, but not one the BFF takes. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const DAY_MS = 86_400_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const addDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const monthDay = (date) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const weekday = (date) => `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;

/** A visible locator (Taro H5 keeps hidden pages in the DOM). */
const visible = (locator) => locator.filter({ visible: true }).first();
const mealSection = (page, name) => visible(page.locator(`.ct-meal[aria-label="${name}"]`));
const dishCard = (page, name) => visible(page.locator(`.ct-dish[aria-label="${name}"]`));
const countOf = async (card, kind) => Number(await card.locator(`.ct-vote--${kind} .ct-vote__count`).innerText());

/** Waits for an API answer while `action` runs; asserts its status. */
async function answered(page, method, pattern, action, status = 200) {
  const waiting = page.waitForResponse(
    (res) => res.request().method() === method && pattern.test(new URL(res.url()).pathname),
  );
  await action();
  const res = await waiting;
  assert.equal(res.status(), status, `${method} ${res.url()} answered ${res.status()}: ${await res.text()}`);
  return res;
}

/** Screenshots after Taro's page slide-in (~300 ms) has finished. */
function settle(page, shot) {
  return async (step) => {
    await page.waitForTimeout(500);
    return shot(step);
  };
}

async function dismissToast(page) {
  await page.waitForTimeout(1600); // Taro's toast lasts 1.5 s
}

const browser = browserForFile();

const today = shanghaiDate();
/** The dish the canteen puts on today's lunch, for the staff to find. */
let published;

test(
  'canteen staff compose and publish today’s lunch (withdrawing it first when already out)',
  { timeout: 240_000 },
  async () => {
    await withPhone(browser(), 'canteen-menus-canteen', async ({ page, shot }) => {
      const snap = settle(page, shot);
      const { user, token } = await signInThroughUi(page, 'canteen', shot);
      const { items } = await api('/canteens', token);
      const mine = items.filter((c) => c.canManage);
      assert.ok(mine.length > 0, `${user.name} manages no canteen`);

      await waitForText(page, '食堂管理');
      await snap('home');
      await tap(page, '食堂管理');
      await waitForText(page, '菜单编排');
      await waitForText(page, mine[0].name);
      await snap('manage');

      await tap(page, '菜单编排');
      await waitForText(page, `${monthDay(today)} ${weekday(today)}（今天）`);
      const lunch = mealSection(page, '午餐');
      await lunch.waitFor();
      await snap('editor-today');

      // Already published (a workday of the demo seed): withdraw it, confirmed, before recomposing.
      if (await lunch.getByRole('button', { name: '撤回午餐' }).count()) {
        await lunch.getByRole('button', { name: '撤回午餐' }).click();
        const dialog = page.getByRole('dialog', { name: '撤回发布' });
        await dialog.waitFor();
        await snap('unpublish-confirm');
        await answered(page, 'POST', /\/menu\/unpublish$/, () => dialog.getByText('撤回', { exact: true }).click());
        await lunch.getByText('草稿·未发布').waitFor();
        await dismissToast(page);
      }

      // Add a dish from the library.
      const before = await lunch.locator('.ct-edit-dish').count();
      await lunch.getByText('添加菜品').click();
      const sheet = page.getByRole('dialog', { name: '添加到午餐' });
      await sheet.waitFor();
      const add = sheet.getByRole('button', { name: /^添加 / }).first();
      published = (await add.getAttribute('aria-label')).replace(/^添加 /, '');
      await snap('editor-picker');
      await answered(page, 'PUT', /\/menu\/[\d-]+\/meals\/lunch$/, () => add.click());
      await lunch.locator(`.ct-edit-dish[aria-label="${published}"]`).waitFor();
      assert.equal(await lunch.locator('.ct-edit-dish').count(), before + 1);
      await sheet.getByText('完成').click();
      await lunch.getByText('草稿·未发布').waitFor();

      await answered(page, 'POST', /\/menu\/publish$/, () => lunch.getByRole('button', { name: '发布午餐' }).click());
      await lunch.getByText('已发布').waitFor();
      await snap('editor-published');

      const day = await api(`/canteens/${mine[0].id}/menu?date=${today}`, token);
      const meal = day.meals.find((m) => m.meal === 'lunch');
      assert.ok(meal.published, 'lunch is published on the server');
      assert.ok(
        meal.dishes.some((d) => d.name === published),
        `${published} is on the published lunch`,
      );
    });
  },
);

test('staff see the published lunch, vote, and the counts follow', { timeout: 240_000 }, async () => {
  assert.ok(published, 'the canteen test published a dish');
  await withPhone(browser(), 'canteen-menus-staff', async ({ page, shot }) => {
    const snap = settle(page, shot);
    const { token } = await signInThroughUi(page, 'staff', shot);
    await waitForText(page, '今日菜品');
    await tap(page, '今日菜品');
    await waitForText(page, `${monthDay(today)} ${weekday(today)}（今天）`);
    const card = dishCard(page, published);
    await card.waitFor();
    // Meals are listed in the day's order whatever the hour (the one served now is only marked).
    const order = ['早餐', '午餐', '晚餐'];
    const meals = await page
      .locator('.ct-meal')
      .filter({ visible: true })
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    assert.deepEqual(
      meals,
      order.filter((m) => meals.includes(m)),
      `meals listed ${meals.join('、')}`,
    );
    // The staff's default canteen is the first one: the one 林师傅 publishes for.
    await card.scrollIntoViewIfNeeded();
    await snap('menu-today');

    const up = await countOf(card, 'up');
    const down = await countOf(card, 'down');
    const serverDish = async () => {
      const day = await api(`/canteens/canteen-1/menu?date=${today}`, token);
      return day.meals.flatMap((m) => m.dishes).find((d) => d.name === published);
    };

    // 赞: counted at once, then confirmed by the server.
    await answered(page, 'PUT', /\/vote$/, () => card.locator('.ct-vote--up').click());
    await card.locator('.ct-vote--up.ct-vote--on').waitFor();
    assert.equal(await countOf(card, 'up'), up + 1);
    assert.deepEqual(
      await serverDish().then((d) => [d.up, d.down, d.myVote]),
      [up + 1, down, 'up'],
      'the server counted the 赞',
    );
    await snap('voted-up');

    // 踩 replaces it.
    await answered(page, 'PUT', /\/vote$/, () => card.locator('.ct-vote--down').click());
    await card.locator('.ct-vote--down.ct-vote--on').waitFor();
    assert.equal(await countOf(card, 'up'), up);
    assert.equal(await countOf(card, 'down'), down + 1);

    // Tapping 踩 again withdraws it.
    await answered(page, 'DELETE', /\/vote$/, () => card.locator('.ct-vote--down').click());
    await card.locator('.ct-vote--on').waitFor({ state: 'detached' });
    assert.equal(await countOf(card, 'down'), down);
    assert.deepEqual(await serverDish().then((d) => [d.up, d.down, d.myVote]), [up, down, null]);

    // Vote for real, and leave it for the ranking.
    await answered(page, 'PUT', /\/vote$/, () => card.locator('.ct-vote--up').click());
    await card.locator('.ct-vote--up.ct-vote--on').waitFor();

    // 本周菜谱: the week day by day with workdays marked; today highlighted.
    await page.evaluate(() => window.scrollTo(0, 0));
    await tap(page, '本周菜谱');
    await waitForText(page, '本周');
    const todayCard = visible(page.locator('.ct-day--today'));
    await todayCard.waitFor();
    await todayCard.scrollIntoViewIfNeeded();
    assert.match(await todayCard.innerText(), new RegExp(published));
    const tags = await page.locator('.ct-day .ct-tag').filter({ visible: true }).allInnerTexts();
    assert.ok(
      tags.some((t) => /工作日|休息日|调休|节|未公布/.test(t)),
      `week days carry workday marks: ${tags.join(',')}`,
    );
    await snap('week');

    // A day far ahead has nothing published yet: the empty state.
    const later = addDays(today, 40);
    await page.goto(`${baseUrl}/packages/canteen/pages/menu/index?date=${later}&canteenId=canteen-1`);
    await waitForText(page, '这一天暂无已发布的菜单');
    await snap('menu-empty');

    // The menu fails to load: the error, then 重试.
    await failRequests(page, '**/api/canteens/*/menu?*', { status: 500, message: '服务暂时不可用，请稍后再试' });
    await page.goto(`${baseUrl}/packages/canteen/pages/menu/index?date=${today}&canteenId=canteen-1`);
    await waitForText(page, '服务暂时不可用，请稍后再试');
    await snap('menu-error');
    await page.unroute('**/api/canteens/*/menu?*');
    await tap(page, '重试');
    await dishCard(page, published).waitFor();

    // 关怀模式: bigger text and tap targets on the menu too.
    await careModeOn(page);
    await page.goto(`${baseUrl}/packages/canteen/pages/menu/index?date=${today}&canteenId=canteen-1`);
    const big = dishCard(page, published);
    await big.waitFor();
    const size = await waitForFontSize(page, published, 18);
    assert.ok(size >= 18, `care mode: dish name is ${size}px`);
    const box = await big.locator('.ct-vote--up').boundingBox();
    assert.ok(box && box.height >= 47.5, `care mode: vote button is ${box?.height}px tall`);
    await big.scrollIntoViewIfNeeded();
    await snap('menu-care-mode');
  });
});

/** The date staff signed up for, and its canteen. */
let signup;

test('staff sign up for lunch before the cut-off', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'canteen-menus-headcount', async ({ page, shot }) => {
    const snap = settle(page, shot);
    const { token } = await signInThroughUi(page, 'staff');
    await waitForText(page, '报餐');
    await tap(page, '报餐');
    await visible(page.locator('.hc-day')).waitFor();
    await snap('headcount');

    // The first lunch still open at 第一食堂.
    const chip = visible(page.locator('[role="radio"][aria-label="午餐：第一食堂"][aria-disabled="false"]'));
    await chip.waitFor();
    const day = await chip.locator('xpath=ancestor::*[contains(@class,"hc-day")][1]').getAttribute('aria-label');
    await answered(page, 'PUT', /\/api\/headcount\/mine$/, () => chip.click());
    await visible(
      page.locator(`.hc-day[aria-label="${day}"] [aria-label="午餐：第一食堂"][aria-checked="true"]`),
    ).waitFor();
    await snap('headcount-signed-up');

    const mine = await api('/headcount/mine', token);
    const entry = mine.days.find((d) => d.meals.some((m) => m.meal === 'lunch' && m.canteenId === 'canteen-1'));
    assert.ok(entry, 'the server has the lunch sign-up');
    assert.ok(day.startsWith(`${monthDay(entry.date)} ${weekday(entry.date)}`), `${day} is ${entry.date}`);
    signup = { date: entry.date, canteenId: 'canteen-1' };

    // Refused by the server (cut-off passed meanwhile): the reason in Chinese, the choice put back.
    await page.route('**/api/headcount/mine', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 409,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'HEADCOUNT_CLOSED', message: '报餐已截止' } }),
          })
        : route.continue(),
    );
    const dinner = visible(page.locator(`.hc-day[aria-label="${day}"] [aria-label="晚餐：第一食堂"]`));
    if ((await dinner.getAttribute('aria-disabled')) === 'false') {
      await dinner.click();
      await waitForText(page, '报餐已截止，如需就餐请直接联系食堂');
      assert.equal(await dinner.getAttribute('aria-checked'), 'false');
      await snap('headcount-refused');
    }
    await page.unroute('**/api/headcount/mine');
  });
});

test('the canteen sees the sign-up in the forecast, and the vote ranking', { timeout: 180_000 }, async () => {
  assert.ok(signup, 'staff signed up first');
  await withPhone(browser(), 'canteen-menus-forecast', async ({ page, shot }) => {
    const snap = settle(page, shot);
    const { token } = await signInThroughUi(page, 'canteen');
    const forecast = await api(`/canteens/${signup.canteenId}/forecast?from=${signup.date}&to=${signup.date}`, token);
    const expected = forecast.days[0].meals.find((m) => m.meal === 'lunch').count;
    assert.ok(expected >= 1, 'the forecast counts the sign-up');

    await page.goto(`${baseUrl}/packages/canteen/pages/forecast/index?canteenId=${signup.canteenId}`);
    // The page opens on today's seven days; step forward to the signed-up day's, each step waiting
    // for its range to show (checking before the rows load would step past it).
    const steps = Math.floor((Date.parse(signup.date) - Date.parse(today)) / DAY_MS / 7);
    for (let i = 1; i <= steps; i++) {
      await page.getByRole('button', { name: '后 7 天' }).filter({ visible: true }).first().click();
      await waitForText(page, `${monthDay(addDays(today, 7 * i))} – ${monthDay(addDays(today, 7 * i + 6))}`);
    }
    const row = visible(page.locator(`[aria-label="${monthDay(signup.date)}报餐"]`));
    await row.waitFor();
    const numbers = await row.locator('.ct-table__num').allInnerTexts();
    assert.equal(Number(numbers[0]), expected, `午餐 on ${signup.date}: ${numbers.join(',')}`);
    await snap('forecast');
    await waitForText(page, '近 30 天菜品评价（按赞减踩）');
    await visible(page.locator('text=好评榜').or(page.locator('text=评价还太少，暂无排行'))).waitFor();
    await page.locator('.ct-rank, .status').filter({ visible: true }).last().scrollIntoViewIfNeeded();
    await snap('ranking');
  });
});

test('canteen staff add a dish with a photo to the library', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'canteen-menus-dishes', async ({ page, shot }) => {
    const snap = settle(page, shot);
    await signInThroughUi(page, 'canteen');
    await page.goto(`${baseUrl}/packages/canteen/pages/dishes/index`);
    await waitForText(page, '新增菜品');
    await visible(page.locator('.ct-row')).waitFor();
    await snap('dishes');

    await tap(page, '新增菜品');
    await waitForText(page, '菜品名称');
    const name = `蒜蓉娃娃菜${Date.now() % 1000}`;
    await visible(page.locator('.ct-input input')).fill(name);
    await tap(page, '素菜');
    await tap(page, '大豆');

    /** 上传照片 → (从相册选择, when H5 asks camera or album, as it does on phones) → the file. */
    const choose = async (file) => {
      const chooser = page.waitForEvent('filechooser');
      await tap(page, '上传照片');
      const album = textEl(page, '从相册选择');
      const asked = await Promise.race([
        chooser.then(() => false),
        album.waitFor().then(
          () => true,
          () => false,
        ),
      ]);
      if (asked) await album.click();
      await (await chooser).setFiles(file);
    };

    // A GIF named and labelled as PNG: the browser shows it, the BFF reads its bytes and refuses it.
    await answered(
      page,
      'POST',
      /\/api\/uploads\/images$/,
      () => choose({ name: 'menu.png', mimeType: 'image/png', buffer: GIF }),
      415,
    );
    await waitForText(page, '只能上传 JPG、PNG 或 WebP 格式的图片，请换一张');
    await visible(page.locator('.ct-error')).scrollIntoViewIfNeeded();
    await snap('dish-upload-refused');

    await answered(
      page,
      'POST',
      /\/api\/uploads\/images$/,
      () => choose({ name: 'dish.png', mimeType: 'image/png', buffer: PNG }),
      201,
    );
    await waitForText(page, '更换照片');
    await visible(page.locator('.ct-photo-edit__img')).scrollIntoViewIfNeeded();
    await snap('dish-new');

    await answered(page, 'POST', /\/dishes$/, () => tap(page, '保存'), 201);
    await waitForText(page, name);
    await visible(page.locator(`.ct-row[aria-label="${name}"]`)).scrollIntoViewIfNeeded();
    await snap('dishes-after-save');
  });
});

test('admin: canteen settings, and the staff screens', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'canteen-menus-admin', async ({ page, shot }) => {
    const snap = settle(page, shot);
    const { token } = await signInThroughUi(page, 'admin');
    for (const tile of ['今日菜品', '报餐', '食堂管理']) await waitForText(page, tile);
    await snap('home');
    await tap(page, '食堂管理');
    await waitForText(page, '食堂设置');
    await snap('manage');
    await tap(page, '食堂设置');
    await waitForText(page, '餐次与供餐时间');
    const inputs = page.locator('.ct-input input').filter({ visible: true });
    assert.equal(await inputs.count(), 2, 'name and location fields');
    const place = `A座负一楼东侧${Date.now() % 100}`;
    await inputs.nth(1).fill(place);
    await snap('settings');
    await answered(page, 'PATCH', /\/api\/canteens\/[\w-]+$/, () => tap(page, '保存设置'));
    const { items } = await api('/canteens', token);
    assert.ok(
      items.some((c) => c.location === place),
      'the new location is saved',
    );

    // The management pages and the diner pages, as an admin sees them.
    await page.goto(`${baseUrl}/packages/canteen/pages/dishes/index`);
    await waitForText(page, '新增菜品');
    await snap('dishes');
    await page.goto(`${baseUrl}/packages/canteen/pages/editor/index`);
    await mealSection(page, '午餐').waitFor();
    await snap('editor');
    await page.goto(`${baseUrl}/packages/canteen/pages/forecast/index`);
    await waitForText(page, '报餐人数');
    await snap('forecast');
    await page.goto(`${baseUrl}/packages/canteen/pages/menu/index`);
    await visible(page.locator('.ct-meal, .status')).waitFor();
    await snap('menu');
    await page.goto(`${baseUrl}/packages/headcount/pages/signup/index`);
    await visible(page.locator('.hc-day, .status')).waitFor({ timeout: UI_TIMEOUT_MS });
    await snap('headcount');
  });
});
