// 消息 and 人员与角色 end to end (issue 18): a staff member's messages lead somewhere — the 消息 tab
// shows the unread count, tapping a message about an order opens the order and one about a letter
// opens the letter, 全部已读 clears the badge — and an admin finds a person, grants a role, takes it
// away after confirming, and reads the audit. Pages photographed normal and 关怀模式.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  api,
  baseUrl,
  browserForFile,
  byRole,
  careModeOn,
  devToken,
  isAbsent,
  settle,
  signInByName as signInAs,
  tap,
  waitForText,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

/** Waits until the 消息 tab's badge shows `text` ('' : no badge shown). */
async function waitForBadge(page, text) {
  await page.waitForFunction(
    (want) => {
      const el = [...document.querySelectorAll('.taro-tabbar-badge')].find((e) => e.getClientRects().length > 0);
      return (el?.textContent?.trim() ?? '') === want;
    },
    text,
    { timeout: 20_000 },
  );
}

test(
  'staff: the badge counts unread messages; a message opens its order or letter; 全部已读 clears it',
  { timeout: 300_000 },
  async () => {
    await withPhone(browser(), 'messages-staff', async ({ page, shot }) => {
      const session = await signInAs(page, '杨磊');
      const token = session.token;

      // An order placed and cancelled elsewhere, and a letter answered: two messages that lead somewhere.
      const items = (await api('/canteens/canteen-1/takeaway', token)).items;
      const buns = items.find((i) => i.name === '杂粮馒头（4个）');
      const order = await api('/orders', token, {
        method: 'POST',
        headers: { 'idempotency-key': `e2e-msg-${Date.now()}` },
        body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: buns.id, quantity: 1 }] }),
      });
      await api(`/orders/${order.id}/cancel`, token, { method: 'POST', body: '{}' });
      const { letter } = await api('/mailbox/letters', token, {
        method: 'POST',
        body: JSON.stringify({ category: 'mb-canteen', body: '建议第一食堂晚餐增加面食窗口。' }),
      });
      const admin = await devToken('demo-admin-01');
      await api(`/mailbox/letters/${letter.id}/reply`, admin, {
        method: 'POST',
        body: JSON.stringify({ body: '已采纳，下周一起增设面食窗口。' }),
      });
      const unread = (await api('/messages/unread', token)).unread;
      assert.ok(unread >= 4, `expected at least 4 unread, got ${unread}`);

      // 首页 shows the count on the 消息 tab.
      await page.goto(`${baseUrl}/pages/home/index`);
      await waitForText(page, '今日菜品');
      await waitForBadge(page, String(unread));
      await settle(page);
      await shot('home-badge');

      await tap(page, '消息');
      await waitForText(page, `${unread} 条未读`);
      await settle(page);
      await shot('list');

      // The cancelled order's message opens the order.
      await tap(page, '外卖订单已取消');
      await waitForText(page, '订单已取消', { exact: false });
      await settle(page);
      await shot('opened-order');
      assert.match(page.url(), new RegExp(`order-detail/index\\?id=${order.id}`));

      // The reply's message opens the letter with the reply.
      await page.goto(`${baseUrl}/pages/messages/index`);
      await waitForText(page, `${unread - 1} 条未读`);
      await tap(page, '服务信箱：您的餐饮服务来信已回复');
      await waitForText(page, '已采纳，下周一起增设面食窗口。');
      await settle(page);
      await shot('opened-letter');
      assert.match(page.url(), new RegExp(`letter/index\\?id=${letter.id}`));

      // 全部已读: every message read, the badge gone.
      await page.goto(`${baseUrl}/pages/messages/index`);
      await waitForText(page, `${unread - 2} 条未读`);
      await waitForBadge(page, String(unread - 2));
      await byRole(page, 'button', '全部已读').click();
      await waitForText(page, '暂无未读');
      await waitForBadge(page, '');
      assert.ok(await isAbsent(page, '未读'));
      assert.equal((await api('/messages/unread', token)).unread, 0);
      await settle(page);
      await shot('all-read');

      await careModeOn(page);
      await page.goto(`${baseUrl}/pages/messages/index`);
      await waitForText(page, '暂无未读');
      await settle(page);
      await shot('list-care');
    });
  },
);

test(
  'admin: finds a person, grants 维修工, takes it away after confirming, reads the audit',
  { timeout: 300_000 },
  async () => {
    await withPhone(browser(), 'people-admin', async ({ page, shot }) => {
      await signInAs(page, '徐科长');
      await tap(page, '人员与角色');
      await waitForText(page, '共', { exact: false });
      await page.getByLabel('搜索人员').filter({ visible: true }).first().locator('input').fill('赵敏');
      await waitForText(page, '市市场监督管理局');
      await settle(page);
      await shot('search');

      await tap(page, '赵敏');
      await waitForText(page, '变更记录');
      await waitForText(page, '暂无变更记录');
      await settle(page);
      await shot('person');

      await byRole(page, 'checkbox', '维修工').click();
      const saved = page.waitForResponse(
        (res) =>
          /\/api\/admin\/people\/[^/]+\/roles$/.test(new URL(res.url()).pathname) && res.request().method() === 'PUT',
      );
      await tap(page, '保存');
      assert.equal((await saved).status(), 200);
      await waitForText(page, '干部职工 → 干部职工、维修工');
      await waitForText(page, '维修技能、区域与排班');
      await settle(page);
      await shot('granted');

      await byRole(page, 'checkbox', '维修工').click();
      await tap(page, '保存');
      await byRole(page, 'dialog', '确认移除角色').waitFor();
      await settle(page);
      await shot('confirm-remove');
      await tap(page, '移除');
      await waitForText(page, '干部职工、维修工 → 干部职工');
      assert.ok(await isAbsent(page, '维修技能、区域与排班'));
      await settle(page);
      await shot('removed');

      await careModeOn(page);
      await page.goto(`${baseUrl}/packages/people-admin/pages/person/index?id=demo-staff-07`);
      await waitForText(page, '干部职工、维修工 → 干部职工');
      await settle(page);
      await shot('person-care');
      await page.goto(`${baseUrl}/packages/people-admin/pages/people/index`);
      await waitForText(page, '共', { exact: false });
      await settle(page);
      await shot('search-care');
    });
  },
);
