// The app shell end to end: demo sign-in, home grid per role, care mode, messages, sign-out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browserForFile,
  fontSize,
  isAbsent,
  messagesOf,
  signInThroughUi,
  tap,
  toggleRow,
  waitForFontSize,
  waitForText,
  waitForTitleOrText,
  withPhone,
} from './support.mjs';

/** A few home tiles and the roles that see them (mirrors contract/modules.ts SERVICES). */
const TILES = {
  今日菜品: ['staff', 'canteen', 'admin'],
  订单看板: ['canteen'],
  门岗核验: ['guard'],
  报修服务: ['staff', 'admin'],
};
const tilesFor = (roles) => Object.keys(TILES).filter((tile) => TILES[tile].some((r) => roles.includes(r)));

const browser = browserForFile();

test('staff: sign in, home grid, care mode, messages, sign out', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'foundation-staff', async ({ page, shot }) => {
    const { user, token } = await signInThroughUi(page, 'staff', shot);

    // Home: the 首页 tab with the service grid; modules not built yet carry 即将上线.
    await waitForText(page, '今日菜品');
    await waitForText(page, '首页');
    await waitForText(page, '即将上线');
    await shot('home');
    assert.ok(await isAbsent(page, '门岗核验'), `staff ${user.name} must not see 门岗核验`);

    // 我的: care mode makes body text at least 18px and marks the tree.
    await tap(page, '我的');
    await waitForText(page, '关怀模式');
    await waitForText(page, '退出登录');
    await shot('mine');
    assert.equal(await page.locator('[data-care-mode="on"]').count(), 0, 'care mode is off for a fresh session');
    const before = await fontSize(page, '关怀模式');
    assert.ok(Number.isFinite(before), 'could not read the font size of the 关怀模式 label');
    await toggleRow(page, '关怀模式');
    await page.locator('[data-care-mode="on"]').first().waitFor({ state: 'attached' });
    const afterSize = await waitForFontSize(page, '关怀模式', 18);
    await shot('care-mode-on');
    assert.ok(afterSize >= 18, `care mode: body text is ${afterSize}px, expected ≥ 18px (was ${before}px)`);
    assert.ok(afterSize > before, `care mode: body text did not grow (${before}px → ${afterSize}px)`);

    // 消息: the message list, or 暂无消息 when there is none.
    await tap(page, '消息');
    const { items } = await messagesOf(token);
    if (items.length === 0) await waitForText(page, '暂无消息');
    else await waitForText(page, items[0].title, { exact: false });
    await shot('messages');

    // Sign out from 我的, confirm, and land on the demo sign-in page again.
    await tap(page, '我的');
    await tap(page, '退出登录');
    await waitForText(page, '确定', { last: true });
    await shot('sign-out-confirm');
    await tap(page, '确定', { last: true });
    await waitForTitleOrText(page, '演示登录');
    await waitForText(page, user.name);
    await shot('signed-out');
  });
});

test('canteen and guard see different home grids', { timeout: 180_000 }, async () => {
  const seen = {};
  for (const role of ['canteen', 'guard']) {
    await withPhone(browser(), `foundation-${role}`, async ({ page, shot }) => {
      const { user } = await signInThroughUi(page, role, shot);
      const expected = tilesFor(user.roles);
      assert.ok(expected.length > 0, `${role}: no known tile for roles ${user.roles.join(',')}`);
      for (const tile of expected) await waitForText(page, tile);
      await shot('home');
      for (const tile of Object.keys(TILES).filter((t) => !expected.includes(t))) {
        assert.ok(await isAbsent(page, tile), `${role} ${user.name} (${user.roles.join(',')}) must not see ${tile}`);
      }
      seen[role] = expected;
    });
  }
  assert.ok(seen.guard.includes('门岗核验'), 'a guard sees 门岗核验');
  assert.notDeepEqual(seen.canteen, seen.guard, 'canteen and guard grids differ');
});
