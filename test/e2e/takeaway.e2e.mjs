// 食堂外卖 · 数字餐卡 end to end (issue 4's "done when"): a staff member orders and pays from the
// meal card → the canteen's live board shows the order without a reload → the canteen types the
// pickup code → the staff member sees 已取餐 and the card shows the payment; a sold-out item cannot
// be ordered. Plus each role's other pages (empty, error and refusal states) photographed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  api,
  apiResponse,
  baseUrl,
  browserForFile,
  byRole,
  careModeOn,
  devToken,
  failRequests,
  isAbsent,
  settle,
  signInByName,
  tap,
  textEl,
  waitForFontSize,
  waitForText,
  waitForTitleOrText,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

/** A row named by what it shows, from its first words (`支付`) to a later one (`-¥26.00`). */
const rowShowing = (page, first, later) => {
  const escape = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .getByRole('button', { name: new RegExp(`^${escape(first)} .*${escape(later)}`) })
    .filter({ visible: true })
    .first();
};

/** The visible element whose aria-label is exactly `label`. */
const byLabel = (page, label) =>
  page
    .locator(`[aria-label=${JSON.stringify(label)}]`)
    .filter({ visible: true })
    .first();

/**
 * Taps like a finger at the centre of the visible element showing `text`. Used where Playwright's
 * actionability check blames Taro's pull-to-refresh wrapper for covering a control that
 * `elementFromPoint` (what a real tap hits) says is on top.
 */
async function fingerTap(page, text) {
  const el = textEl(page, text);
  await el.waitFor({ state: 'visible' });
  const box = await el.boundingBox();
  assert.ok(box, `no box for ${text}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const onTop = await page.evaluate(
    ([px, py, t]) => (document.elementFromPoint(px, py)?.textContent ?? '').includes(t),
    [x, y, text],
  );
  assert.ok(onTop, `${text} is covered by another element`);
  await page.mouse.click(x, y);
}

test(
  'staff orders → the canteen board shows it live → pickup by code → 已取餐 and the payment on the card',
  { timeout: 300_000 },
  async () => {
    await withPhone(browser(), 'takeaway-canteen', async ({ page: canteen, shot: canteenShot }) => {
      // 林师傅 of 第一食堂 opens the live board first.
      await signInByName(canteen, '林师傅');
      await tap(canteen, '订单看板');
      await waitForText(canteen, '实时更新中');
      await waitForText(canteen, '取餐核销');
      await settle(canteen);
      await canteenShot('board-live');
      // A marker that a reload would wipe: the order must arrive without one.
      await canteen.evaluate(() => {
        window.__boardNotReloaded = true;
      });

      let code;
      await withPhone(browser(), 'takeaway-staff', async ({ page: staff, shot }) => {
        const session = await signInByName(staff, '张伟');
        await tap(staff, '食堂外卖');
        await waitForText(staff, '红烧肉套餐');
        await settle(staff);
        await shot('shop');

        // A sold-out item shows 已售罄 and offers no way to add it (第二食堂's 鲜肉大包).
        await byRole(staff, 'tab', '第二食堂').click();
        const baozi = byLabel(staff, '鲜肉大包（2个），已售罄');
        await baozi.waitFor();
        assert.equal(await baozi.getByRole('button').count(), 0, 'a sold-out item must not offer 加入');
        assert.equal(await staff.getByRole('button', { name: '加入 鲜肉大包（2个）' }).count(), 0);
        await shot('sold-out');
        await byRole(staff, 'tab', '第一食堂').click();

        // Cart → slot → pay from the card.
        await byRole(staff, 'button', '加入 红烧肉套餐').click();
        // A second item with its own pickup slots is stopped when added, not at payment.
        await byRole(staff, 'button', '加入 番茄炒蛋盖浇饭').click();
        await waitForText(staff, '分时段取餐的菜品须分开下单，请先结算红烧肉套餐');
        await shot('cart-mixed-slots');
        await waitForText(staff, '已选 1 份');
        await byRole(staff, 'button', '加入 杂粮馒头（4个）').click();
        await byRole(staff, 'button', '增加 杂粮馒头（4个）').click();
        await waitForText(staff, '已选 3 份');
        await tap(staff, '去结算');
        await byRole(staff, 'dialog', '确认订单').waitFor();
        await waitForText(staff, '请先选择取餐时段');
        // The first slot not yet over (the demo's slots cover the whole day; ended ones are 已过).
        const slot = byRole(staff, 'dialog', '确认订单')
          .locator('[role="radio"]:not([aria-disabled="true"])')
          .filter({ visible: true })
          .first();
        const slotWindow = (await slot.getAttribute('aria-label')).split('，')[0];
        await slot.click();
        await waitForText(staff, '餐卡支付 ¥26.00');
        await shot('checkout');
        const placed = staff.waitForResponse(
          (res) => new URL(res.url()).pathname === '/api/orders' && res.request().method() === 'POST',
        );
        await tap(staff, '餐卡支付 ¥26.00');
        const res = await placed;
        assert.equal(res.status(), 201, `POST /api/orders answered ${res.status()}`);
        assert.ok(res.request().headers()['idempotency-key'], 'the order carries an Idempotency-Key');
        const order = await res.json();
        code = order.pickupCode;

        await waitForText(staff, '下单成功，已从餐卡支付 ¥26.00');
        await byRole(staff, 'img', `取餐二维码 ${code}`).waitFor();
        await textEl(staff, `${code.slice(0, 3)} ${code.slice(3)}`).waitFor();
        await settle(staff);
        await shot('order-placed-qr');

        // The canteen's board: the order appears by itself, in its slot, with 新.
        const row = byLabel(canteen, `取餐码 ${code}，张伟，待取餐`);
        await row.waitFor({ timeout: 5000 });
        assert.equal(
          await canteen.evaluate(() => window.__boardNotReloaded),
          true,
          'the board reloaded instead of receiving the order',
        );
        await waitForText(canteen, slotWindow);
        await textEl(canteen, '新').waitFor();
        await canteenShot('board-new-order');
        await byRole(canteen, 'tab', '备餐汇总').click();
        await byLabel(canteen, '杂粮馒头（4个） 共 2 份').waitFor();
        await canteenShot('prep-list');
        await byRole(canteen, 'tab', '按取餐时段').click();

        // Pickup by the typed code.
        await canteen.locator('taro-input-core input').filter({ visible: true }).first().fill(code);
        await tap(canteen, '核销');
        await waitForText(canteen, `✓ 已取餐 · ${code}`);
        await byLabel(canteen, `取餐码 ${code}，张伟，已取餐`).waitFor();
        await canteenShot('pickup-collected');
        // The same code again is refused, with its reason.
        await canteen.locator('taro-input-core input').filter({ visible: true }).first().fill(code);
        await tap(canteen, '核销');
        await waitForText(canteen, '该订单已取餐，不能重复取餐或取消');
        await canteenShot('pickup-refused');

        // The staff member's open order turns to 已取餐 without touching anything.
        await waitForText(staff, '已取餐，祝您用餐愉快');
        await shot('order-collected');

        // 数字餐卡: the payment, with its order.
        await tap(staff, '查看餐卡');
        await rowShowing(staff, '支付', '-¥26.00').waitFor();
        await byLabel(staff, '餐卡余额 ¥274.00').waitFor();
        await settle(staff);
        await shot('meal-card');
        const card = await api('/meal-card', session.token);
        assert.equal(card.transactions[0].kind, 'payment');
        assert.equal(card.transactions[0].orderId, order.id);
        assert.equal(card.transactions[0].amountFen, -2600);

        // 我的订单 lists it as 已取餐.
        await staff.goto(`${baseUrl}/packages/takeaway/pages/orders/index`);
        await rowShowing(staff, '第一食堂 ·', '已取餐').waitFor();
        await settle(staff);
        await shot('orders');
      });

      // The kitchen's other pages: items of the day and the form for a new one.
      await tap(canteen, '外卖菜品');
      await waitForText(canteen, '过期订单退款');
      await byLabel(canteen, '红烧肉套餐，在售').waitFor();
      await settle(canteen);
      await canteenShot('items');
      await fingerTap(canteen, '新增今天的外卖菜品');
      await waitForText(canteen, '保存并上架');
      await tap(canteen, '+ 添加取餐时段');
      await settle(canteen);
      await canteenShot('item-new');
      await tap(canteen, '保存并上架');
      await waitForText(canteen, '请填写菜品名称');
      await canteenShot('item-new-invalid');
      await canteen.goto(`${baseUrl}/packages/takeaway/pages/board/index`);
      await waitForText(canteen, '实时更新中');
      await tap(canteen, '结束今天');
      await byRole(canteen, 'dialog', '结束今天的外卖？').waitFor();
      await canteenShot('close-day-confirm');
      await tap(canteen, '取消', { last: true });
    });
  },
);

test('staff: empty orders, a cancelled order refunded, and a load error with 重试', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'takeaway-staff2', async ({ page, shot }) => {
    const session = await signInByName(page, '王芳');
    await tap(page, '食堂外卖');
    await waitForText(page, '红烧肉套餐');
    await tap(page, '我的订单');
    await waitForText(page, '还没有外卖订单');
    await settle(page);
    await shot('orders-empty');

    // An order placed elsewhere (another device), then cancelled here with a confirmation.
    const items = (await api('/canteens/canteen-1/takeaway', session.token)).items;
    const buns = items.find((i) => i.name === '杂粮馒头（4个）');
    const order = await api('/orders', session.token, {
      method: 'POST',
      headers: { 'idempotency-key': `e2e-${Date.now()}` },
      body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: buns.id, quantity: 1 }] }),
    });
    await page.goto(`${baseUrl}/packages/takeaway/pages/order-detail/index?id=${order.id}`);
    await byRole(page, 'button', '取消订单').click();
    await byRole(page, 'dialog', '取消订单？').waitFor();
    await shot('cancel-confirm');
    await tap(page, '取消订单', { last: true });
    await waitForText(page, '订单已取消，¥4.00 已退回餐卡');
    await settle(page);
    await shot('order-cancelled');

    // The card cannot be read when the page opens: the error with 重试, then the ledger with the refund.
    await failRequests(page, '**/api/meal-card?*', { times: 1 });
    await page.goto(`${baseUrl}/packages/takeaway/pages/meal-card/index`);
    await waitForText(page, '服务暂时不可用，请稍后再试');
    await waitForText(page, '重试');
    await settle(page);
    await shot('meal-card-error');
    await tap(page, '重试');
    await rowShowing(page, '退款', '+¥4.00').waitFor();
    await shot('meal-card-refund');

    // A refusal at checkout stays in the sheet with its reason (here: the card ran short meanwhile).
    await page.goto(`${baseUrl}/packages/takeaway/pages/order/index`);
    await byRole(page, 'button', '加入 手工荠菜水饺（生，20只）').click();
    await tap(page, '去结算');
    await waitForText(page, '餐卡支付 ¥15.00');
    await failRequests(page, '**/api/orders', {
      status: 409,
      code: 'INSUFFICIENT_BALANCE',
      message: '餐卡余额不足，请联系管理员充值',
      times: 1,
    });
    await tap(page, '餐卡支付 ¥15.00');
    await waitForText(page, '餐卡余额不足，请联系管理员充值');
    await shot('checkout-refused');

    // 关怀模式: the shop grows with the rest of the app.
    await careModeOn(page);
    await page.goto(`${baseUrl}/packages/takeaway/pages/order/index`);
    await waitForText(page, '红烧肉套餐');
    const size = await waitForFontSize(page, '红烧肉套餐', 21);
    assert.ok(size >= 21, `care mode: item names are ${size}px, expected ≥ 21px`);
    await settle(page);
    await shot('shop-care-mode');
  });
});

test(
  'canteen: when the board’s session ends (logout elsewhere), the board goes to sign-in and comes back',
  { timeout: 180_000 },
  async () => {
    await withPhone(browser(), 'takeaway-board-session', async ({ page, shot }) => {
      const session = await signInByName(page, '林师傅');
      await tap(page, '订单看板');
      await waitForText(page, '实时更新中');

      // The same session is signed out from another device; the next order ends the board.
      const res = await fetch(`${baseUrl}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}` },
      });
      assert.equal(res.status, 204);
      const staffToken = await devToken('demo-staff-03');
      const items = (await api('/canteens/canteen-1/takeaway', staffToken)).items;
      const buns = items.find((i) => i.name === '杂粮馒头（4个）');
      await api('/orders', staffToken, {
        method: 'POST',
        headers: { 'idempotency-key': `e2e-board-${Date.now()}` },
        body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: buns.id, quantity: 1 }] }),
      });

      await waitForTitleOrText(page, '演示登录');
      await waitForText(page, '林师傅');
      await settle(page);
      await shot('sign-in-after-logout');
      await tap(page, '林师傅');
      await waitForText(page, '实时更新中');
      await settle(page);
      await shot('board-again');
      assert.ok(new URL(page.url()).pathname.includes('/packages/takeaway/pages/board/'), page.url());
    });
  },
);

test(
  'admin: 餐卡充值 — find a person by name, pick a whole unit from the list, see count and total, confirm',
  { timeout: 180_000 },
  async () => {
    await withPhone(browser(), 'takeaway-admin', async ({ page, shot }) => {
      const session = await signInByName(page, '徐科长');
      await waitForText(page, '餐卡充值');
      assert.ok(await isAbsent(page, '订单看板'), 'an admin without the canteen role has no board tile');
      await settle(page);
      await shot('home');
      await tap(page, '餐卡充值');
      await waitForText(page, '给一个人充值');
      // The people directory lists everyone at once, each with unit and balance.
      await page
        .locator('.ui-cell', { hasText: '高处长' })
        .filter({ hasText: '余额 ¥' })
        .filter({ visible: true })
        .first()
        .waitFor();
      await waitForText(page, '共 20 人，已显示 10 人');
      await settle(page);
      await shot('topup-people');
      await tap(page, '充值');
      await waitForText(page, '请先从列表中选择充值人员');
      await shot('topup-invalid');

      // Search by name; then a search that finds nobody.
      const search = page.locator('taro-input-core input').filter({ visible: true }).first();
      await search.fill('王芳');
      await page
        .locator('.ui-cell', { hasText: '王芳' })
        .filter({ hasText: '市财政局' })
        .filter({ visible: true })
        .first()
        .waitFor();
      await waitForText(page, '共 1 人');
      assert.equal(await page.locator('.ui-cell', { hasText: '余额 ¥' }).filter({ visible: true }).count(), 1);
      await settle(page);
      await shot('topup-search');
      await search.fill('没有这个人');
      await waitForText(page, '没有找到与“没有这个人”匹配的人员');
      await shot('topup-search-empty');

      // 按单位: the unit list fails once (重试 brings it), then the admin picks 市财政局.
      await failRequests(page, '**/api/people/units', { times: 1 });
      await byRole(page, 'radio', '按单位充值').click();
      await waitForText(page, '服务暂时不可用，请稍后再试');
      await settle(page);
      await shot('topup-units-error');
      await tap(page, '重试');
      await page
        .locator('.ui-cell', { hasText: '市财政局' })
        .filter({ hasText: '1 人' })
        .filter({ visible: true })
        .first()
        .waitFor();
      await settle(page);
      await shot('topup-units');
      await page.locator('taro-input-core input').filter({ visible: true }).first().fill('财政');
      await page
        .locator('.ui-cell', { hasText: '市财政局' })
        .filter({ hasText: '1 人' })
        .filter({ visible: true })
        .first()
        .click();
      await byLabel(page, '已选择 “市财政局”的 1 人').waitFor();

      const inputs = page.locator('taro-input-core input').filter({ visible: true });
      await inputs.nth(0).fill('150');
      await inputs.nth(1).fill('12月餐补');
      await waitForText(page, '共 1 人 × ¥150.00');
      await waitForText(page, '合计 ¥150.00');
      await settle(page);
      await shot('topup-summary');
      const before = (await api('/meal-cards/demo-staff-02', session.token)).balanceFen;
      await tap(page, '充值');
      await byRole(page, 'dialog', '确认充值？').waitFor();
      await waitForText(page, '为“市财政局”的 1 人每人充值 ¥150.00，合计 ¥150.00（12月餐补）。充值后不能撤回。');
      await shot('topup-confirm');
      assert.equal(
        (await api('/meal-cards/demo-staff-02', session.token)).balanceFen,
        before,
        'no money moves before the confirmation',
      );
      await tap(page, '确认充值 ¥150.00');
      await waitForText(page, '充值成功：1 人，合计 ¥150.00');
      await waitForText(page, '王芳');
      await settle(page);
      await shot('topup-done');
      const card = await api('/meal-cards/demo-staff-02', session.token);
      assert.equal(card.balanceFen, before + 15_000);
      assert.equal(card.transactions[0].note, '12月餐补');
      assert.equal(card.transactions[0].by.name, '徐科长');
    });
  },
);

test('canteen ends the day (结束今天) → staff see 已结束 and cannot order from it', { timeout: 180_000 }, async () => {
  // Last in this file: it closes 第二食堂's takeaway for today, which no other journey uses after it.
  await withPhone(browser(), 'takeaway-close-day', async ({ page, shot }) => {
    await signInByName(page, '何师傅');
    await tap(page, '订单看板');
    await waitForText(page, '实时更新中');
    await tap(page, '结束今天');
    await byRole(page, 'dialog', '结束今天的外卖？').waitFor();
    const closed = page.waitForResponse(
      (res) =>
        new URL(res.url()).pathname === '/api/canteens/canteen-2/takeaway/close-day' &&
        res.request().method() === 'POST',
    );
    await tap(page, '结束今天', { last: true });
    const res = await closed;
    assert.equal(res.status(), 200, `close-day answered ${res.status()}`);
    await settle(page);
    await shot('day-closed');
  });

  await withPhone(browser(), 'takeaway-closed-shop', async ({ page, shot }) => {
    const session = await signInByName(page, '李强');
    await tap(page, '食堂外卖');
    await waitForText(page, '红烧肉套餐');
    await byRole(page, 'tab', '第二食堂').click();
    await waitForText(page, '第二食堂今天的外卖已结束，不能再下单');
    await byLabel(page, '葱油拌面，已结束').waitFor();
    assert.equal(await page.getByRole('button', { name: '加入 葱油拌面' }).count(), 0, 'a closed day offers 加入');
    await settle(page);
    await shot('shop-day-closed');

    // Whatever a client shows, the server refuses the order too, and takes no money.
    const noodles = (await api('/canteens/canteen-2/takeaway', session.token)).items.find((i) => i.name === '葱油拌面');
    const before = (await api('/meal-card', session.token)).balanceFen;
    const refused = await apiResponse('/orders', session.token, {
      method: 'POST',
      headers: { 'idempotency-key': `e2e-closed-${Date.now()}` },
      body: JSON.stringify({ canteenId: 'canteen-2', items: [{ itemId: noodles.id, quantity: 1 }] }),
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'TAKEAWAY_DAY_CLOSED');
    assert.equal((await api('/meal-card', session.token)).balanceFen, before);
  });
});
