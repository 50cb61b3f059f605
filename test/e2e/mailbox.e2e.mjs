// 服务信箱 end to end (issue 13): a staff member writes an anonymous letter of a category → the admin
// who owns that category finds it in the inbox as 匿名来信 with no name, and replies after
// confirming → the staff member reads the reply and rates it once. Each mailbox page photographed
// for staff and admin, normal and 关怀模式.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  baseUrl,
  browserForFile,
  byRole,
  careModeOn,
  isAbsent,
  pickPhotoFile,
  settle,
  signInByName,
  tap,
  toggleRow,
  visit,
  waitForFontSize,
  waitForText,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

const PAGES = {
  letters: '/packages/mailbox/pages/letters/index',
  write: '/packages/mailbox/pages/write/index',
  letter: '/packages/mailbox/pages/letter/index',
  inbox: '/packages/mailbox/pages/inbox/index',
};
/** A real PNG for the photo (the app's own tab-bar icon). */
const PNG = fs.readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'assets', 'tabbar', 'home.png'),
);
const BODY = '三号楼二层东侧卫生间的水龙头一直在滴水，已经好几天了，麻烦安排维修。';
const REPLY = '已安排物业维修班今天下午更换水龙头，感谢您的反馈。';

/** The visible native textarea inside Taro's wrapper on the current page. */
const textarea = (page) => page.locator('.mb-textarea textarea').filter({ visible: true }).first();

/** Taps 发送 on 写信; answers the letter the BFF created. */
async function send(page) {
  const sent = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/mailbox/letters' && res.request().method() === 'POST',
  );
  await tap(page, '发送');
  const res = await sent;
  assert.equal(res.status(), 201, `POST /api/mailbox/letters answered ${res.status()}`);
  return (await res.json()).letter;
}

test(
  'staff writes anonymously → the owning admin replies without knowing who → staff rates the reply',
  {
    timeout: 300_000,
  },
  async () => {
    let letterId;
    await withPhone(browser(), 'mailbox-staff', async ({ page, shot }) => {
      await signInByName(page, '张伟');
      await tap(page, '服务信箱');
      await waitForText(page, '我的信件');
      await waitForText(page, '还没有写过信');
      await settle(page);
      await shot('letters-empty');

      await tap(page, '写信');
      await byRole(page, 'radio', '物业维修').click();
      await waitForText(page, '由徐科长负责回复');
      await tap(page, '发送');
      await waitForText(page, '请填写信件内容');
      await textarea(page).fill(BODY);
      await waitForText(page, `${BODY.length}/2000`);
      await toggleRow(page, '匿名');
      await waitForText(page, '处理人员看不到是谁写的，回复仍会送达您本人');
      await settle(page);
      await shot('write');

      const letter = await send(page);
      assert.equal(letter.anonymous, true);
      letterId = letter.id;
      await waitForText(page, '等待回复中，回复后会在“消息”里通知您');
      await waitForText(page, '匿名来信：处理人员看不到您的姓名');
      await settle(page);
      await shot('letter-open');

      await visit(page, shot, PAGES.letters, '待回复', 'letters');
    });

    await withPhone(browser(), 'mailbox-admin', async ({ page, shot }) => {
      await signInByName(page, '徐科长');
      await tap(page, '信箱处理');
      await waitForText(page, BODY);
      await waitForText(page, '待回复 1');
      await waitForText(page, '匿名来信');
      assert.ok(await isAbsent(page, '张伟'), 'an anonymous letter must not name its writer');
      assert.equal(await page.getByText('张伟', { exact: false }).filter({ visible: true }).count(), 0);
      await settle(page);
      await shot('inbox');

      await tap(page, BODY);
      await waitForText(page, '发送回复');
      assert.equal(await page.getByText('张伟', { exact: false }).filter({ visible: true }).count(), 0);
      await textarea(page).fill(REPLY);
      await tap(page, '发送回复');
      await byRole(page, 'dialog', '发送回复').waitFor();
      await settle(page);
      await shot('reply-confirm');
      await tap(page, '发送');
      await waitForText(page, REPLY);
      await waitForText(page, '已回复');
      await settle(page);
      await shot('letter-replied');

      await visit(page, shot, PAGES.inbox, '已回复 1', 'inbox-after-reply');
      await byRole(page, 'tab', '已回复').click();
      await waitForText(page, BODY);

      // 关怀模式: the inbox and a letter grow with the rest of the app.
      await careModeOn(page);
      await visit(page, shot, PAGES.inbox, '已回复 1', 'inbox-care-open');
      await byRole(page, 'tab', '已回复').click();
      await waitForText(page, BODY);
      await settle(page);
      await shot('inbox-care-replied');
      const size = await waitForFontSize(page, '待回复', 18);
      assert.ok(size >= 18, `care mode: inbox tabs are ${size}px, expected ≥ 18px`);
      await visit(page, shot, `${PAGES.letter}?id=${letterId}`, REPLY, 'letter-care');
    });

    await withPhone(browser(), 'mailbox-staff-rates', async ({ page, shot }) => {
      await signInByName(page, '张伟');
      await tap(page, '服务信箱');
      await waitForText(page, '已回复');
      await settle(page);
      await shot('letters-replied');
      await tap(page, BODY);
      await waitForText(page, REPLY);
      await byRole(page, 'radio', '5 分').click();
      await waitForText(page, '非常满意');
      await tap(page, '提交评价');
      await byRole(page, 'dialog', '提交评价').waitFor();
      await settle(page);
      await shot('rate-confirm');
      const rated = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/rate'));
      await tap(page, '提交');
      assert.equal((await rated).status(), 200);
      await waitForText(page, '已评价');
      assert.ok(await isAbsent(page, '提交评价'), 'a rated reply offers no second rating');
      await visit(page, shot, `${PAGES.letter}?id=${letterId}`, '已评价', 'letter-rated');

      await careModeOn(page);
      await visit(page, shot, PAGES.letters, '已回复', 'letters-care');
      const size = await waitForFontSize(page, '写信', 18);
      assert.ok(size >= 18, `care mode: 写信 is ${size}px, expected ≥ 18px`);
      await visit(page, shot, PAGES.write, '信件类别', 'write-care');
      await visit(page, shot, `${PAGES.letter}?id=${letterId}`, '已评价', 'letter-care');
    });

    await withPhone(browser(), 'mailbox-figures', async ({ page, shot }) => {
      await signInByName(page, '徐科长');
      await visit(page, shot, PAGES.inbox, '平均分 5.0', 'inbox-rated');
    });
  },
);

// The BFF lets only canteen staff and admins upload images (bff uploads.routes.ts UPLOADERS), so the
// photo path is proved with an admin writing: 高处长 → 停车交通, owned by 徐科长.
test('a letter with a photo reaches its handler with the photo', { timeout: 180_000 }, async () => {
  await withPhone(browser(), 'mailbox-photo', async ({ page, shot }) => {
    await signInByName(page, '高处长');
    await page.goto(`${baseUrl}${PAGES.write}`);
    await byRole(page, 'radio', '停车交通').click();
    await textarea(page).fill('东门临时停车区的地面标线已经看不清了。');
    await pickPhotoFile(page, '添加图片', { name: 'tap.png', mimeType: 'image/png', buffer: PNG });
    await waitForText(page, '图片（选填，1/9）');
    await settle(page);
    await shot('write-with-photo');
    const letter = await send(page);
    assert.equal(letter.photoUrls.length, 1, 'the photo went with the letter');
    await waitForText(page, '我的来信', { exact: false });
  });
  await withPhone(browser(), 'mailbox-photo-admin', async ({ page, shot }) => {
    await signInByName(page, '徐科长');
    await page.goto(`${baseUrl}${PAGES.inbox}`);
    await tap(page, '东门临时停车区的地面标线已经看不清了。');
    await waitForText(page, '高处长 · 市机关事务管理局', { exact: false });
    // The photo is served and decoded (not just an empty box).
    await page.waitForFunction(
      () => [...document.querySelectorAll('.mb-photos__img img')].some((img) => img.naturalWidth > 0),
      undefined,
      { timeout: 20_000 },
    );
    await settle(page);
    await shot('letter-with-photo');
  });
});
