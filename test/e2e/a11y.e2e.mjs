// Accessibility gate: axe-core on every page of the app (a11y-pages.mjs lists them against
// src/app.config.ts), in normal and 关怀模式, each as a role that can use it. Fails on any serious or
// critical violation, listing rule, impact, target, page and mode; prints one summary line per page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { EXTRA_VISITS, PAGE_VISITS, appRoutes } from './a11y-pages.mjs';
import {
  api,
  baseUrl,
  browserForFile,
  careModeOn,
  demoUser,
  screenshotDir,
  shanghaiDate,
  signInByName,
  waitForText,
  withPhone,
} from './support.mjs';

const reportFile = path.join(path.dirname(screenshotDir), 'a11y-violations.json');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BLOCKING = new Set(['critical', 'serious']);
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

const browser = browserForFile();

/**
 * The demo person the sweep signs in as for `role`. Staff: the last one holding the role alone, since
 * the other journeys take the first and the sweep's order must not show up in their lists.
 */
async function sweeper(role) {
  if (role !== 'staff') return demoUser(role);
  const { users } = await api('/auth/dev/users');
  const alone = users.filter((u) => u.roles.length === 1 && u.roles[0] === role);
  return alone.at(-1) ?? demoUser(role);
}

async function signIn(page, role) {
  return (await signInByName(page, (await sweeper(role)).name)).token;
}

/** A letter to the mailbox so that 信件详情 has something to show (letters cannot be withdrawn). */
async function writeLetter(token) {
  const { letter } = await api('/mailbox/letters', token, {
    method: 'POST',
    body: JSON.stringify({ category: 'mb-other', body: '无障碍检查：这是一封检查页面用的信。' }),
  });
  return letter.id;
}

/** The demo visitor's visit of today (the seed approves one every day), so 来访详情 shows its pass. */
async function myVisit(token) {
  const { items } = await api('/visits?as=visitor&limit=1', token);
  assert.ok(items[0], 'the demo visitor has no visit today');
  return items[0].id;
}

/** An order of one 杂粮馒头 so that 订单详情 has something to show; cancelled again afterwards. */
async function placeOrder(token) {
  const { items } = await api('/canteens/canteen-1/takeaway', token);
  const buns = items.find((i) => i.name === '杂粮馒头（4个）');
  assert.ok(buns, 'no 杂粮馒头（4个） on sale at 第一食堂');
  const order = await api('/orders', token, {
    method: 'POST',
    headers: { 'idempotency-key': `a11y-${Date.now()}` },
    body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: buns.id, quantity: 1 }] }),
  });
  return order.id;
}

/** Visits grouped by who makes them, in a stable order (signed out first). */
function visitsByRole() {
  const routes = appRoutes();
  const unknown = routes.filter((route) => !PAGE_VISITS[route]);
  assert.deepEqual(unknown, [], `pages of src/app.config.ts missing from test/e2e/a11y-pages.mjs: ${unknown}`);
  const stale = Object.keys(PAGE_VISITS).filter((route) => !routes.includes(route));
  assert.deepEqual(stale, [], `test/e2e/a11y-pages.mjs lists pages that are gone: ${stale}`);
  const visits = [...routes.map((path) => ({ path, ...PAGE_VISITS[path] })), ...EXTRA_VISITS];
  const groups = new Map();
  for (const visit of visits) {
    const key = visit.role ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(visit);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0));
}

/** Opens the page and lets it settle: its text (when given), no request in flight, the slide-in done. */
async function open(page, url, text) {
  await page.goto(url);
  if (text) await waitForText(page, text, { exact: false });
  else await page.locator('.page').filter({ visible: true }).first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(600);
}

async function axeCheck(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'minor',
      help: v.help,
      // For contrast, what axe measured: `#8f959e on #ffffff = 3.0:1`.
      targets: v.nodes.map((n) => {
        const data = n.any?.find((check) => check.data?.contrastRatio)?.data;
        const measured = data ? ` (${data.fgColor} on ${data.bgColor} = ${data.contrastRatio}:1)` : '';
        return `${n.target.join(' ')}${measured}`;
      }),
    }));
  });
}

const pad = (s, n) => String(s).padEnd(n);

test('axe-core: no serious or critical violation on any page, normal and 关怀模式', { timeout: 900_000 }, async () => {
  const groups = visitsByRole();
  const blocking = [];
  let checked = 0;
  for (const mode of ['normal', 'care']) {
    for (const [role, visits] of groups) {
      await withPhone(
        browser(),
        `a11y-${mode}-${role || 'signed-out'}`,
        async ({ page, shot }) => {
          let orderId = '';
          let letterId = '';
          let visitId = '';
          let token = '';
          if (role) {
            token = await signIn(page, role);
            if (visits.some((v) => v.query?.includes('{orderId}'))) orderId = await placeOrder(token);
            if (visits.some((v) => v.query?.includes('{letterId}'))) letterId = await writeLetter(token);
            if (visits.some((v) => v.query?.includes('{visitId}'))) visitId = await myVisit(token);
            if (mode === 'care') await careModeOn(page);
          } else if (mode === 'care') {
            // Signed out, 关怀模式 is still the device's setting: set it the way the app stores it.
            await page.goto(`${baseUrl}/`);
            await page.evaluate(() =>
              localStorage.setItem(
                'sz.care-mode',
                JSON.stringify({ data: JSON.stringify({ state: { enabled: true }, version: 1 }) }),
              ),
            );
          }
          for (const visit of visits) {
            const query = (visit.query ?? '')
              .replace('{orderId}', orderId)
              .replace('{letterId}', letterId)
              .replace('{visitId}', visitId)
              .replace('{today}', shanghaiDate());
            await open(page, `${baseUrl}${visit.path}${query}`, visit.text);
            if (mode === 'care') {
              const care = await page.locator('[data-care-mode="on"]').filter({ visible: true }).count();
              assert.ok(care > 0, `${visit.path}: 关怀模式 is not on`);
            }
            const violations = await axeCheck(page);
            checked += 1;
            const counts = IMPACTS.map((impact) => `${impact} ${violations.filter((v) => v.impact === impact).length}`);
            console.log(
              `a11y ${pad(mode, 6)} ${pad(role || '(signed out)', 12)} ${pad(visit.path, 46)} ${counts.join(' · ')}`,
            );
            for (const v of violations.filter((x) => BLOCKING.has(x.impact))) {
              blocking.push({ ...v, page: visit.path, mode, role: role || '(signed out)' });
            }
            await shot(visit.path.replace(/^\/|\/index$/g, '').replace(/\//g, '_'));
          }
          if (orderId) await api(`/orders/${orderId}/cancel`, token, { method: 'POST', body: '{}' });
        },
        { bypassCSP: true },
      );
    }
  }
  const lines = blocking.flatMap((v) => [
    `  ✗ ${v.rule} (${v.impact}) on ${v.page} [${v.mode}, ${v.role}]: ${v.help}`,
    ...v.targets.map((t) => `      target: ${t}`),
  ]);
  if (lines.length) console.log(`a11y: serious or critical violations:\n${lines.join('\n')}`);
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, `${JSON.stringify(blocking, null, 2)}\n`);
  console.log(`a11y: ${checked} page visits checked, ${blocking.length} serious or critical violation(s)`);
  assert.equal(blocking.length, 0, `axe-core found serious or critical violations:\n${lines.join('\n')}`);
});
