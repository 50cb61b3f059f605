// 报修 · 派单 end to end (issue 18): staff reports a leak with a photo → the repairer the rules pick
// (on duty, the skill and area, fewest open tickets), watching 维修工单 in another browser, sees it
// arrive without a reload, and as a 浙政钉 work notice (they have signed in through 浙政钉 too; the
// run's fake gateway takes it) → accepts, arrives, finishes with a photo → the requester sees every step
// on the timeline and rates it. A ticket nobody accepts turns overdue: the dispatcher is told and
// sees it on the board. Pages photographed for requester, repairer and dispatcher, normal and 关怀模式.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import {
  api,
  baseUrl,
  browserForFile,
  byRole,
  careModeOn,
  demoUser,
  devToken,
  messagesOf,
  pickPhotoFile,
  pollUntil,
  settle,
  signInByName,
  signInZzd,
  tap,
  textEl,
  visit,
  waitForFontSize,
  waitForText,
  waitForWorkNotice,
  withPhone,
} from './support.mjs';

const browser = browserForFile();

const PAGES = {
  tickets: '/packages/repairs/pages/tickets/index',
  report: '/packages/repairs/pages/report/index',
  ticket: '/packages/repairs/pages/ticket/index',
  tasks: '/packages/repairs/pages/tasks/index',
  board: '/packages/repairs/pages/board/index',
  rules: '/packages/repairs/pages/rules/index',
  repairer: '/packages/repairs/pages/repairer/index',
};
const icon = (name) =>
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'assets', 'tabbar', name));
/**
 * Images of this run only: uploads are named by their content and remember who uploaded them first,
 * and a report takes only the reporter's own photos, so bytes another journey uploaded would not do.
 * A text chunk (tEXt, with its CRC) before the end chunk makes them unique and still valid PNGs.
 */
function unique(png) {
  const type = Buffer.from('tEXt');
  const data = Buffer.from(`Comment\0repairs-e2e-${Date.now()}-${Math.random()}`, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, data])));
  const end = png.length - 12; // IEND: length, type, CRC
  return Buffer.concat([png.subarray(0, end), length, type, data, crc, png.subarray(end)]);
}
const LEAK_PNG = unique(icon('home.png'));
const FIXED_PNG = unique(icon('profile.png'));
const LEAK = `A101 洗手池下水管漏水，地面已经有积水（${Date.now().toString(36)}）`;
const NOTE = '已更换下水软管，试水无渗漏';

const textarea = (page) => page.locator('.ui-textarea textarea').filter({ visible: true }).first();

/** The demo person's 浙政钉 accountId (a number on the platform), the same on every run. */
function zzdAccountIdOf(personId) {
  let hash = 0;
  for (const ch of personId) hash = (hash * 31 + ch.codePointAt(0)) % 1_000_000;
  return 90_000_000 + hash;
}

/** A step of the ticket page: its button, then its confirm dialog's 确定. */
async function confirmStep(page, label) {
  const done = page.waitForResponse(
    (res) => res.request().method() === 'POST' && /\/api\/repairs\/[^/]+\/\w+$/.test(new URL(res.url()).pathname),
  );
  await tap(page, label);
  await byRole(page, 'dialog', label).waitFor();
  await tap(page, '确定');
  assert.equal((await done).status(), 200, `${label} failed`);
}

test(
  'a leak reported with a photo reaches the on-duty repairer live, is fixed and rated',
  { timeout: 420_000 },
  async (t) => {
    const dispatcher = await demoUser('dispatcher');
    const dispatcherToken = await devToken(dispatcher.id);
    // Who the rules pick for 水电 in A座 (东区): on duty, with the skill and area, fewest open tickets.
    const crew = await api('/repairs/repairers', dispatcherToken);
    const eligible = crew
      .filter((r) => r.onDuty && r.skills.includes('plumbing') && r.areas.includes('东区'))
      .sort((a, b) => a.openTickets - b.openTickets || (a.personId < b.personId ? -1 : 1));
    assert.ok(eligible.length > 0, 'the demo has a plumber on duty at any hour');
    const fixer = eligible[0];
    let ticket;

    await withPhone(browser(), 'repairs-repairer', async ({ page: r, shot: rShot }) => {
      const session = await signInByName(r, fixer.name);
      // The repairer also signs in through 浙政钉 (the fake gateway's auth code for their account):
      // the BFF links the account to them, and their pushes now go out as 浙政钉 work notices.
      const zzdAccount = { accountId: zzdAccountIdOf(fixer.personId), lastName: fixer.name };
      const zzd = await signInZzd(zzdAccount, session.token);
      assert.equal(zzd.user.id, fixer.personId, 'the 浙政钉 account is linked to the demo repairer');
      await tap(r, '维修工单');
      await waitForText(r, '我的工单');
      await settle(r);
      await rShot('tasks-before');
      const navigations = [];
      r.on('framenavigated', (frame) => {
        if (frame === r.mainFrame()) navigations.push(frame.url());
      });

      await withPhone(browser(), 'repairs-staff', async ({ page, shot }) => {
        await signInByName(page, '张伟');
        await tap(page, '报修服务');
        await waitForText(page, '我的报修');
        await settle(page);
        await shot('tickets');
        await tap(page, '我要报修');
        await byRole(page, 'radio', '水电').click();
        await waitForText(page, '预计 15 分钟内到场', { exact: false });
        await byRole(page, 'radio', 'A座').click();
        await byRole(page, 'radio', '1层').click();
        await byRole(page, 'radio', 'A101').click();
        await textarea(page).fill(LEAK);
        await pickPhotoFile(page, '添加照片', { name: 'leak.png', mimeType: 'image/png', buffer: LEAK_PNG });
        await waitForText(page, '照片（选填，1/9）');
        await settle(page);
        await shot('report');
        const sent = page.waitForResponse(
          (res) => new URL(res.url()).pathname === '/api/repairs' && res.request().method() === 'POST',
        );
        await tap(page, '提交报修');
        const res = await sent;
        assert.equal(res.status(), 201);
        ticket = (await res.json()).ticket;
        assert.equal(
          ticket.assignee?.id,
          fixer.personId,
          'dispatched to the eligible repairer with the fewest open tickets',
        );
        assert.equal(ticket.photoUrls.length, 1);
        await waitForText(page, `维修师傅：${fixer.name}`);
        await waitForText(page, '预计 15 分钟内到场', { exact: false });
        await settle(page);
        await shot('ticket-dispatched');
      });

      // The repairer's list shows it without a reload (the page re-reads its first page while shown).
      await textEl(r, LEAK).waitFor({ state: 'visible', timeout: 30_000 });
      assert.deepEqual(navigations, [], 'the repairer page was not reloaded');
      const notes = await messagesOf(await devToken(fixer.personId));
      const note = notes.items.find((m) => m.title.startsWith('新的报修工单') && m.body.includes(LEAK));
      assert.ok(note, 'the repairer got a message naming the ticket');
      // The outbox delivers its push to the platform they signed in with last: 浙政钉.
      const notice = await waitForWorkNotice(
        (n) => n.receiverIds === String(zzdAccount.accountId) && n.content.includes(LEAK),
      );
      assert.equal(notice.bizMsgId, note.id, 'the work notice is that message');
      assert.equal(notice.content, `${note.title}\n${note.body}`);
      t.diagnostic(`浙政钉 work notice to ${notice.receiverIds}: ${JSON.stringify(notice.content)}`);
      await settle(r);
      await rShot('tasks-new-ticket');

      await tap(r, LEAK);
      await waitForText(r, '处理过程');
      await confirmStep(r, '接单');
      await waitForText(r, '已接单');
      await confirmStep(r, '已到场');
      await waitForText(r, '维修中');
      await settle(r);
      await rShot('ticket-arrived');
      await tap(r, '完工');
      await textarea(r).fill(NOTE);
      await pickPhotoFile(r, '添加照片', { name: 'fixed.png', mimeType: 'image/png', buffer: FIXED_PNG });
      await waitForText(r, '完工照片（选填，1/9）');
      await settle(r);
      await rShot('finish');
      const finished = r.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/finish'));
      await tap(r, '确认完工');
      assert.equal((await finished).status(), 200);
      await waitForText(r, '已完工');
      await settle(r);
      await rShot('ticket-finished');

      await careModeOn(r);
      await visit(r, rShot, PAGES.tasks, '我的工单', 'tasks-care', { exact: false });
      const size = await waitForFontSize(r, '我的工单', 18);
      assert.ok(size >= 18, `care mode: 我的工单 is ${size}px`);
    });

    await withPhone(browser(), 'repairs-staff-rates', async ({ page, shot }) => {
      await signInByName(page, '张伟');
      await page.goto(`${baseUrl}${PAGES.ticket}?id=${ticket.id}`);
      await waitForText(page, NOTE);
      for (const step of [
        '报修 · 张伟',
        `派单 · 系统 → ${fixer.name}`,
        `接单 · ${fixer.name}`,
        `到场 · ${fixer.name}`,
        `完工 · ${fixer.name}`,
      ])
        await waitForText(page, step);
      await settle(page);
      await shot('ticket-timeline');
      await byRole(page, 'radio', '5 分').click();
      const rated = page.waitForResponse((res) => new URL(res.url()).pathname.endsWith('/rate'));
      await tap(page, '提交评价');
      assert.equal((await rated).status(), 200);
      await waitForText(page, '评价：★★★★★', { exact: false });
      await settle(page);
      await shot('ticket-rated');
      await careModeOn(page);
      await visit(page, shot, PAGES.tickets, '我的报修', 'tickets-care', { exact: false });
      await visit(page, shot, PAGES.report, '报修类别', 'report-care', { exact: false });
      await visit(page, shot, `${PAGES.ticket}?id=${ticket.id}`, '处理过程', 'ticket-care', { exact: false });
    });
  },
);

test(
  'a ticket nobody accepts turns overdue, the dispatcher is told and sees it on the board',
  { timeout: 300_000 },
  async () => {
    const dispatcher = await demoUser('dispatcher');
    const dispatcherToken = await devToken(dispatcher.id);
    const staffToken = await devToken((await demoUser('staff')).id);
    // A category with a one-minute promise to accept, so the wait is short.
    const rush = await api('/repairs/categories', dispatcherToken, {
      method: 'POST',
      body: JSON.stringify({
        name: `加急${Date.now().toString(36).slice(-4)}`,
        skill: 'cleaning',
        sla: { acceptMinutes: 1, arriveMinutes: 5, finishHours: 1 },
      }),
    });
    const description = `会议室地毯污渍（无人接单演示 ${Date.now().toString(36)}）`;
    const { ticket } = await api('/repairs', staffToken, {
      method: 'POST',
      headers: { 'idempotency-key': `e2e-${Date.now()}` },
      body: JSON.stringify({ category: rush.id, locationId: 'rr-b-201', description }),
    });
    // The BFF's own SLA timer (every 15 s) escalates it once its minute is up.
    const told = await pollUntil(
      async () =>
        (await messagesOf(dispatcherToken)).items.some(
          (m) => m.title === '报修工单超时' && m.body.includes(ticket.number),
        ),
      { timeoutMs: 150_000, intervalMs: 3000 },
    );
    assert.ok(told, 'the dispatcher was told the ticket is overdue');

    await withPhone(browser(), 'repairs-dispatcher', async ({ page, shot }) => {
      await signInByName(page, dispatcher.name);
      await tap(page, '维修工单');
      await waitForText(page, '调度看板');
      await settle(page);
      await shot('tasks');
      await tap(page, '调度看板');
      await waitForText(page, '按类别');
      // The demo's ticket waiting for dispatch shows twice: in the queue and among the open tickets.
      await page.waitForFunction(
        (text) => [...document.querySelectorAll('.rp-card__desc')].filter((e) => e.textContent === text).length >= 2,
        '会议桌桌腿松动，桌面摇晃。',
      );
      await waitForText(page, description);
      await waitForText(page, '接单超时', { exact: false });
      await settle(page);
      await shot('board-overdue');
      await tap(page, description);
      await waitForText(page, '超时升级 · 系统');
      await settle(page);
      await shot('ticket-escalated');
      await visit(page, shot, PAGES.rules, '楼宇 → 片区', 'rules', { exact: false });
      await visit(page, shot, `${PAGES.repairer}?personId=demo-repairer-01`, '保存档案', 'repairer', { exact: false });
      await careModeOn(page);
      await visit(page, shot, PAGES.board, '按类别', 'board-care', { exact: false });
      await visit(page, shot, `${PAGES.repairer}?personId=demo-repairer-01`, '保存档案', 'repairer-care', {
        exact: false,
      });
    });
  },
);
