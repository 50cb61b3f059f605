// 停车预约 end to end (issue 16): 张伟 books tomorrow's space with a saved plate (and today's with
// his second car) → the guard's console lists both → an entry typed at the console opens for
// today's car, a signed event from the gate opens for tomorrow's → 张伟 sees 已入场. On a lot of
// one space 王芳 books, 李强 finds it full and joins the waiting list → 王芳 cancels → 李强 is
// booked and told in 消息. Staff, guard and admin pages photographed, normal and 关怀模式.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  baseUrl,
  browserForFile,
  byRole,
  careModeOn,
  settle,
  shanghaiDate,
  signInByName,
  tap,
  textEl,
  visit,
  waitForText,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

const PAGES = {
  book: '/packages/parking/pages/book/index',
  bookings: '/packages/parking/pages/bookings/index',
  gate: '/packages/parking/pages/gate/index',
  admin: '/packages/parking/pages/admin/index',
};
/** scripts/e2e.mjs gives the demo's underground gate this secret (GATE_CONTROLLERS). */
const GATE_SECRET = 'e2e-gate-underground-secret';

/** Picks a lot where there are several (one lot shows as a plain title). */
async function pickLot(page, name) {
  await waitForText(page, name);
  const tab = byRole(page, 'tab', name);
  if (await tab.count()) await tab.click();
}

/** Taps 预约 (or 加入候补) on 停车预约; answers the booking the BFF made. */
async function book(page, label = '预约') {
  const made = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/parking/bookings' && res.request().method() === 'POST',
  );
  await byRole(page, 'button', label).click();
  return made;
}

/** What a gate controller sends: the event signed with its secret (HMAC-SHA256, timestamp, nonce). */
async function signedGateEvent(event) {
  const body = JSON.stringify(event);
  const timestamp = String(Date.now());
  const nonce = randomUUID();
  const signature = createHmac('sha256', GATE_SECRET).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
  const res = await fetch(`${baseUrl}/api/parking/gate-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gate-id': event.gateId,
      'x-gate-timestamp': timestamp,
      'x-gate-nonce': nonce,
      'x-gate-signature': signature,
    },
    body,
  });
  assert.equal(res.status, 200, `signed gate event answered ${res.status}`);
  return res.json();
}

test(
  'staff books with a saved plate → the guard console lists it → entries from the console and the signed gate open → 已入场',
  { timeout: 300_000 },
  async () => {
    const tomorrow = shanghaiDate(1);
    await withPhone(browser(), 'parking-staff', async ({ page, shot }) => {
      await signInByName(page, '张伟');
      await tap(page, '停车预约');
      await waitForText(page, '我的车辆');
      await waitForText(page, '浙A12345');
      await pickLot(page, '地下停车库');
      await settle(page);
      await shot('book');
      // Tomorrow (the default day), the whole day, the first saved car.
      const first = await book(page);
      assert.equal(first.status(), 201);
      const tomorrowBooking = (await first.json()).booking;
      assert.deepEqual(
        [tomorrowBooking.date, tomorrowBooking.plate, tomorrowBooking.status],
        [tomorrow, '浙A12345', 'booked'],
      );
      await waitForText(page, '已预约');
      await settle(page);
      await shot('bookings');

      // Today, with the second car.
      await page.goto(`${baseUrl}${PAGES.book}`);
      await waitForText(page, '我的车辆');
      await pickLot(page, '地下停车库');
      await byRole(page, 'radio', '今天').click();
      await byRole(page, 'radio', '浙AD12345').click();
      const second = await book(page);
      assert.equal(second.status(), 201);
    });

    await withPhone(browser(), 'parking-guard', async ({ page, shot }) => {
      await signInByName(page, '马队长');
      await tap(page, '车辆放行');
      await waitForText(page, '预计车辆');
      await pickLot(page, '地下停车库');
      await byRole(page, 'tab', '明天').click();
      await waitForText(page, '浙A12345');
      await settle(page);
      await shot('console-tomorrow');
      await byRole(page, 'tab', '今天').click();
      await tap(page, '浙AD12345');
      const decided = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/parking/gate-events');
      await byRole(page, 'button', '判定').click();
      assert.equal((await decided).status(), 200);
      await waitForText(page, '浙AD12345 放行');
      await settle(page);
      await shot('console-open');

      // A stranger: refused, then let in by hand with a reason.
      await page
        .locator('input[aria-label="识别车牌"], [aria-label="识别车牌"] input')
        .filter({ visible: true })
        .first()
        .fill('浙B99999');
      await byRole(page, 'button', '判定').click();
      await waitForText(page, '浙B99999 不放行');
      await page
        .locator('input[aria-label="放行原因"], [aria-label="放行原因"] input')
        .filter({ visible: true })
        .first()
        .fill('市领导来访车辆');
      await byRole(page, 'button', '人工放行').click();
      await waitForText(page, '人工放行：市领导来访车辆');
      await settle(page);
      await shot('console-manual');
    });

    // The gate camera reads tomorrow's car tomorrow morning: a signed event.
    const answer = await signedGateEvent({
      gateId: 'gate-underground',
      plate: '浙A12345',
      direction: 'in',
      at: `${tomorrow}T08:10:00+08:00`,
      eventId: `e2e-${randomUUID()}`,
    });
    assert.equal(answer.decision, 'open', JSON.stringify(answer));

    await withPhone(browser(), 'parking-staff-entered', async ({ page, shot }) => {
      await signInByName(page, '张伟');
      await page.goto(`${baseUrl}${PAGES.bookings}`);
      await waitForText(page, '预约车位');
      await page.getByText('已入场', { exact: true }).filter({ visible: true }).nth(1).waitFor();
      await settle(page);
      await shot('bookings-entered');
      await careModeOn(page);
      await visit(page, shot, PAGES.bookings, '预约车位', 'bookings-care');
      await visit(page, shot, PAGES.book, '我的车辆', 'book-care');
    });

    await withPhone(browser(), 'parking-guard-care', async ({ page, shot }) => {
      await signInByName(page, '马队长');
      await careModeOn(page);
      await page.goto(`${baseUrl}${PAGES.gate}`);
      await waitForText(page, '预计车辆');
      await pickLot(page, '地下停车库');
      await waitForText(page, '进出记录');
      await settle(page);
      await shot('console-care');
    });
  },
);

test(
  'a full lot: the second person waits, the first cancels, the second is booked and told in 消息',
  { timeout: 300_000 },
  async () => {
    let lotName;
    await withPhone(browser(), 'parking-admin', async ({ page, shot }) => {
      const { token } = await signInByName(page, '徐科长');
      lotName = `东侧小停车场${Date.now() % 1000}`;
      const res = await fetch(`${baseUrl}/api/parking/lots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: lotName, capacity: 1, workdaysOnly: false }),
      });
      assert.equal(res.status, 201);
      await tap(page, '停车场管理');
      await waitForText(page, '保存规则');
      await settle(page);
      await shot('rules');
      await byRole(page, 'tab', '占用').click();
      await waitForText(page, '场内车辆');
      await settle(page);
      await shot('occupancy');
      await byRole(page, 'tab', '未到场').click();
      await waitForText(page, '赵敏 · 浙A7N007');
      await settle(page);
      await shot('no-shows');
      await byRole(page, 'tab', '暂停').click();
      await waitForText(page, '解除');
      await settle(page);
      await shot('suspensions');
      await careModeOn(page);
      await visit(page, shot, PAGES.admin, '保存规则', 'rules-care');
      await byRole(page, 'tab', '暂停').click();
      await waitForText(page, '解除');
      await settle(page);
      await shot('suspensions-care');
    });

    await withPhone(browser(), 'parking-first', async ({ page }) => {
      await signInByName(page, '王芳');
      await page.goto(`${baseUrl}${PAGES.book}`);
      await pickLot(page, lotName);
      assert.equal((await book(page)).status(), 201);
      await waitForText(page, '已预约');
    });

    await withPhone(browser(), 'parking-second', async ({ page, shot }) => {
      await signInByName(page, '李强');
      await page.goto(`${baseUrl}${PAGES.book}`);
      await pickLot(page, lotName);
      await waitForText(page, '加入候补');
      await settle(page);
      await shot('book-full');
      const waited = await book(page, '加入候补');
      assert.equal(waited.status(), 201);
      assert.equal((await waited.json()).booking.status, 'waitlisted');
      await waitForText(page, '候补第 1 位');
      await settle(page);
      await shot('bookings-waiting');
    });

    await withPhone(browser(), 'parking-first-cancels', async ({ page, shot }) => {
      await signInByName(page, '王芳');
      await page.goto(`${baseUrl}${PAGES.bookings}`);
      await byRole(page, 'button', '取消预约').click();
      await byRole(page, 'dialog', '取消预约').waitFor();
      await settle(page);
      await shot('cancel-confirm');
      const cancelled = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/cancel'));
      await tap(page, '确定取消');
      assert.equal((await cancelled).status(), 200);
      await waitForText(page, '已取消');
    });

    await withPhone(browser(), 'parking-second-told', async ({ page, shot }) => {
      await signInByName(page, '李强');
      await page.goto(`${baseUrl}/pages/messages/index`);
      await waitForText(page, '停车候补成功');
      await settle(page);
      await shot('messages');
      await page.goto(`${baseUrl}${PAGES.bookings}`);
      await waitForText(page, '已预约');
      assert.equal(await textEl(page, '候补中').count(), 0);
      await settle(page);
      await shot('bookings-promoted');
    });
  },
);
