// The app shell in a plain mobile browser: the title bar (page title, 返回 with history, 首页 on a
// page opened directly; none inside WeChat), 页面不存在 for an unknown address, and 我的's
// 隐私政策 · 用户协议 · 关于与版本 · 客服 — photographed in normal and 关怀模式.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  baseUrl,
  browserForFile,
  settle,
  signInThroughUi,
  tap,
  toggleRow,
  waitForText,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

const bar = (page) => page.locator('#taro-navigation-bar');
const barTitle = (page) => bar(page).locator('.taro-navigation-bar-title');
const barButton = (page, name) => bar(page).getByRole('button', { name, exact: true });

test(
  'title bar: the page title, 返回 after navigating, 首页 on a page opened directly',
  { timeout: 180_000 },
  async () => {
    await withPhone(browser(), 'shell-title-bar', async ({ page, shot }) => {
      await signInThroughUi(page, 'staff');
      await waitForText(page, '今日菜品');
      await bar(page).waitFor({ state: 'visible' });
      assert.equal(await barTitle(page).textContent(), '数智后勤');
      assert.equal(await barButton(page, '返回').isVisible(), false, 'a tab page has no 返回');
      await settle(page);
      await shot('home');

      await tap(page, '今日菜品');
      await page.waitForURL(/\/packages\/canteen\/pages\/menu\//);
      await barButton(page, '返回').waitFor({ state: 'visible' });
      assert.equal(await barTitle(page).textContent(), '今日菜品');
      await settle(page);
      await shot('menu-with-back');
      await barButton(page, '返回').click();
      await page.waitForURL(/\/pages\/home\/index/);
      await waitForText(page, '今日菜品');

      // Opened straight from a link: no history to go back to, so the bar offers 首页.
      await page.goto(`${baseUrl}/packages/takeaway/pages/meal-card/index`);
      await barButton(page, '返回首页').waitFor({ state: 'visible' });
      assert.equal(await barButton(page, '返回').isVisible(), false);
      await settle(page);
      await shot('opened-directly');
      await barButton(page, '返回首页').click();
      await page.waitForURL(/\/pages\/home\/index/);
      await waitForText(page, '今日菜品');
    });
  },
);

test('inside WeChat the app draws no title bar of its own', { timeout: 120_000 }, async () => {
  const wechat =
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x18003237) NetType/WIFI Language/zh_CN';
  await withPhone(
    browser(),
    'shell-wechat',
    async ({ page, shot }) => {
      await signInThroughUi(page, 'staff');
      await waitForText(page, '今日菜品');
      await tap(page, '今日菜品');
      await page.waitForURL(/\/packages\/canteen\/pages\/menu\//);
      await settle(page);
      assert.equal(await bar(page).isVisible(), false, 'WeChat has its own title bar');
      await shot('menu-no-bar');
    },
    { userAgent: wechat },
  );
});

test('an unknown address shows 页面不存在 with the way home', { timeout: 120_000 }, async () => {
  await withPhone(browser(), 'shell-not-found', async ({ page, shot }) => {
    await signInThroughUi(page, 'staff');
    await waitForText(page, '今日菜品');
    await page.goto(`${baseUrl}/packages/nowhere/pages/gone/index`);
    await waitForText(page, '页面不存在');
    assert.equal(await barTitle(page).textContent(), '页面不存在');
    await settle(page);
    await shot('not-found');
    await tap(page, '返回首页');
    await page.waitForURL(/\/pages\/home\/index/);
    await waitForText(page, '今日菜品');
  });
});

test('我的: 隐私政策, 用户协议, 关于与版本 and 客服, in normal and 关怀模式', { timeout: 240_000 }, async () => {
  await withPhone(browser(), 'shell-about', async ({ page, shot }) => {
    await signInThroughUi(page, 'staff');
    await waitForText(page, '今日菜品');
    for (const mode of ['normal', 'care']) {
      await tap(page, '我的');
      await waitForText(page, '隐私政策');
      if (mode === 'care') {
        await toggleRow(page, '关怀模式');
        await page.locator('[data-care-mode="on"]').first().waitFor({ state: 'attached' });
      }
      await settle(page);
      await shot(`${mode}-mine`);

      const pages = [
        ['隐私政策', '一、我们收集哪些信息', 'privacy'],
        ['用户协议', '三、数字餐卡', 'terms'],
        ['关于与版本', '版本 0.1.0', 'about'],
        ['客服', '客服电话', 'support'],
      ];
      for (const [entry, text, slug] of pages) {
        await tap(page, entry);
        await waitForText(page, text);
        await barButton(page, '返回').waitFor({ state: 'visible' });
        assert.equal(await barTitle(page).textContent(), entry);
        await settle(page);
        await shot(`${mode}-${slug}`);
        await barButton(page, '返回').click();
        await waitForText(page, '隐私政策');
      }
      await tap(page, '首页');
      await waitForText(page, '今日菜品');
      await settle(page);
      await shot(`${mode}-home`);
      await page.goto(`${baseUrl}/no/such/page`);
      await waitForText(page, '页面不存在');
      await settle(page);
      await shot(`${mode}-not-found`);
      await tap(page, '返回首页');
      await waitForText(page, '今日菜品');
    }
  });
});
