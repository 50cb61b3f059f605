// Helpers for the end-to-end tests (*.e2e.mjs). They run under `node scripts/e2e.mjs`, which starts
// the BFF and Chromium and passes them in through E2E_BASE_URL and E2E_WS_ENDPOINT. Run standalone
// against a running server with: E2E_BASE_URL=http://127.0.0.1:3000 node --test test/e2e/x.e2e.mjs
// (a browser is then launched per file).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const baseUrl = process.env.E2E_BASE_URL ?? '';
export const screenshotDir = process.env.E2E_SCREENSHOT_DIR ?? path.join(repoRoot, 'test-results', 'screenshots');
export const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long one wait for the UI may take (first page load compiles nothing, but chunks are big). */
export const UI_TIMEOUT_MS = Number(process.env.E2E_UI_TIMEOUT_MS || 20_000);

/** The runner's shared browser (E2E_WS_ENDPOINT), or one launched for this file. */
export async function openBrowser() {
  if (!baseUrl) throw new Error('E2E_BASE_URL is not set: run the end-to-end tests with `node scripts/e2e.mjs`');
  if (process.env.E2E_WS_ENDPOINT) return chromium.connect(process.env.E2E_WS_ENDPOINT);
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * This file's browser, for `withPhone(browser(), …)`: opened (openBrowser) before the file's first
 * test and closed after its last. Call once, at the top of the file.
 */
export function browserForFile() {
  let browser;
  before(async () => {
    browser = await openBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

/** The date `offsetDays` from today in Asia/Shanghai (the BFF's business day), 'YYYY-MM-DD'. */
export const shanghaiDate = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Taro H5 slides pages in (~300 ms); photographs wait for it to settle. */
export const settle = (page) => page.waitForTimeout(700);

/** Opens `pathname` directly, waits for `text` (waitForText's `options`), lets it settle, photographs it as `step`. */
export async function visit(page, shot, pathname, text, step, options) {
  await page.goto(`${baseUrl}${pathname}`);
  await waitForText(page, text, options);
  await settle(page);
  await shot(step);
}

/**
 * A fresh phone-sized context (390×844, no stored session) for `fn({ page, shot })`. Each `shot(step)`
 * saves test-results/screenshots/<name>-<nn>-<step>.png; a failure is photographed before rethrowing.
 * `options.userAgent` plays another browser (WeChat's, 浙政钉's).
 */
export async function withPhone(browser, name, fn, { userAgent, bypassCSP = false } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Only the accessibility sweep injects axe-core as an inline script, which the app's CSP refuses.
    bypassCSP,
    ...(userAgent ? { userAgent } : {}),
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  let n = 0;
  const shot = async (step) => {
    n += 1;
    const file = path.join(screenshotDir, `${name}-${String(n).padStart(2, '0')}-${step}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  try {
    return await fn({ page, shot });
  } catch (err) {
    await shot('failure').catch(() => {});
    if (problems.length && err instanceof Error) err.message += `\n${problems.join('\n')}`;
    throw err;
  } finally {
    await context.close();
  }
}

/** A demo person who holds `role` alone when there is one, so role-specific screens are tested cleanly. */
export async function demoUser(role) {
  const { users } = await api('/auth/dev/users');
  const user =
    users.find((u) => u.roles.length === 1 && u.roles[0] === role) ?? users.find((u) => u.roles.includes(role));
  assert.ok(user, `no demo user with role "${role}" in GET /api/auth/dev/users`);
  return user;
}

/** The signed-in person's messages, straight from the BFF. */
export function messagesOf(token) {
  return api('/messages', token);
}

/** Outside H5's title bar, whose title repeats the page's name (src/shell/nav-bar.h5.ts). */
const OUTSIDE_TITLE_BAR = ':not(#taro-navigation-bar, #taro-navigation-bar *)';

/** The visible element whose own text is exactly `text` (Taro keeps hidden pages in the DOM). */
export function textEl(page, text, { last = false, exact = true } = {}) {
  const all = page.getByText(text, { exact }).and(page.locator(OUTSIDE_TITLE_BAR)).filter({ visible: true });
  return last ? all.last() : all.first();
}

/** The visible element with this role and exact accessible name. */
export const byRole = (page, role, name) =>
  page.getByRole(role, { name, exact: true }).filter({ visible: true }).first();

export async function waitForText(page, text, options) {
  await textEl(page, text, options).waitFor({ state: 'visible' });
}

/** Waits until `text` is the page title or visible on the page. */
export async function waitForTitleOrText(page, text) {
  await page.waitForFunction((t) => document.title.includes(t) || (document.body?.innerText ?? '').includes(t), text, {
    timeout: UI_TIMEOUT_MS,
  });
}

/** True when no visible element has exactly `text`. */
export async function isAbsent(page, text) {
  return (
    (await page
      .getByText(text, { exact: true })
      .and(page.locator(OUTSIDE_TITLE_BAR))
      .filter({ visible: true })
      .count()) === 0
  );
}

const TARO_CLICKABLE =
  'xpath=ancestor-or-self::*[self::taro-button-core or self::taro-switch-core or self::taro-checkbox-core or self::taro-navigator-core][1]';

/**
 * Taps the visible element showing `text`. When it sits inside a Taro-rendered control
 * (taro-button-core and friends), that element is clicked instead: Taro listens there.
 */
export async function tap(page, text, options) {
  const el = textEl(page, text, options);
  await el.waitFor({ state: 'visible' });
  const control = el.locator(TARO_CLICKABLE);
  if (await control.count()) await control.click();
  else await el.click();
}

const SWITCH = 'taro-switch-core, .nut-switch, [role="switch"], input[type="checkbox"]';

/** Turns the switch on the row labelled `label` (or taps the label when the row has no switch). */
export async function toggleRow(page, label) {
  const rows = page
    .locator('taro-view-core, taro-label-core, label, div', { hasText: label })
    .filter({ has: page.locator(SWITCH) })
    .filter({ visible: true });
  if (await rows.count()) {
    await rows.last().locator(SWITCH).first().click();
  } else {
    await tap(page, label);
  }
}

/** Page-side: computed font size (px) of the visible element whose own text is exactly `text`. */
function fontSizeOfText(text) {
  const own = (el) => (el.textContent ?? '').trim() === text;
  const el = [...document.querySelectorAll('body *')].find(
    (e) => own(e) && e.getClientRects().length > 0 && ![...e.children].some(own),
  );
  return el ? Number.parseFloat(getComputedStyle(el).fontSize) : Number.NaN;
}

export function fontSize(page, text) {
  return page.evaluate(fontSizeOfText, text);
}

/** Waits (bounded) until the text's font size is at least `min` px; returns the last reading. */
export async function waitForFontSize(page, text, min) {
  await page
    .waitForFunction(`(${fontSizeOfText.toString()})(${JSON.stringify(text)}) >= ${min}`, undefined, {
      timeout: 5000,
    })
    .catch(() => {});
  return fontSize(page, text);
}

/**
 * Opens `/`, waits for the demo sign-in page (photographed as `sign-in-page` when `shot` is given),
 * taps the demo person named `name`; answers the session once POST /api/auth/dev answered 200.
 */
async function tapDemoPerson(page, name, shot) {
  await page.goto(`${baseUrl}/`);
  await waitForTitleOrText(page, '演示登录');
  if (shot) {
    await waitForText(page, name);
    await shot('sign-in-page');
  }
  const answered = page.waitForResponse(
    (res) => new URL(res.url()).pathname === '/api/auth/dev' && res.request().method() === 'POST',
  );
  await tap(page, name);
  const res = await answered;
  assert.equal(res.status(), 200, `POST /api/auth/dev answered ${res.status()}`);
  return res.json();
}

/** Signs in on the demo page as the first demo user with `role`; answers `{ user, token }`. */
export async function signInThroughUi(page, role, shot) {
  const user = await demoUser(role);
  const { token } = await tapDemoPerson(page, user.name, shot);
  return { user, token };
}

/** Makes requests matching `pattern` fail with the API's error shape (`times`: only the next n). */
export function failRequests(page, pattern, { status = 503, code = 'INTERNAL', message = 'x', times } = {}) {
  return page.route(
    pattern,
    (route) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code, message } }) }),
    times === undefined ? undefined : { times },
  );
}

/** Calls the BFF as `token`; answers the HTTP status and the parsed body, whatever the status. */
export async function apiResponse(pathname, token, init = {}) {
  const res = await fetch(`${baseUrl}/api${pathname}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers ?? {}),
    },
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

/** Calls the BFF as `token`, asserting a 2xx; answers the JSON body (undefined when empty). */
export async function api(pathname, token, init = {}) {
  const { status, text, body } = await apiResponse(pathname, token, init);
  assert.ok(
    status >= 200 && status < 300,
    `${init.method ?? 'GET'} ${pathname} answered HTTP ${status}: ${text.slice(0, 300)}`,
  );
  return body;
}

/** A session token of the demo person `userId`, straight from POST /api/auth/dev (no browser). */
export async function devToken(userId) {
  return (await api('/auth/dev', undefined, { method: 'POST', body: JSON.stringify({ userId }) })).token;
}

/** Opens `/`, taps the demo person named `name` on the sign-in page, waits for 首页; answers the session. */
export async function signInByName(page, name) {
  const session = await tapDemoPerson(page, name);
  await waitForText(page, '首页');
  return session;
}

/** Taps the add-photo button named `button` → (从相册选择, when H5 asks camera or album) → the file. */
export async function pickPhotoFile(page, button, file) {
  const chooser = page.waitForEvent('filechooser');
  await byRole(page, 'button', button).click();
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
}

/** Turns 关怀模式 on in 我的 and waits until the page has it. */
export async function careModeOn(page) {
  await page.goto(`${baseUrl}/pages/profile/index`);
  await waitForText(page, '关怀模式');
  await toggleRow(page, '关怀模式');
  await page.locator('[data-care-mode="on"]').first().waitFor({ state: 'attached' });
}

/**
 * Calls `check()` until it answers something truthy, at most `timeoutMs`, with `intervalMs` between
 * tries; answers that value, or undefined when time ran out (the caller asserts, saying what it missed).
 */
export async function pollUntil(check, { timeoutMs = 30_000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found || Date.now() >= deadline) return found || undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The fake 浙政钉 gateway's control port (scripts/e2e-zzd-gateway.mjs), as JSON. */
async function zzdGateway(pathname, init = {}) {
  const controlUrl = process.env.E2E_ZZD_CONTROL_URL;
  if (!controlUrl)
    throw new Error('E2E_ZZD_CONTROL_URL is not set: run the end-to-end tests with `node scripts/e2e.mjs`');
  const res = await fetch(`${controlUrl}${pathname}`, init);
  const text = await res.text();
  assert.ok(res.ok, `fake 浙政钉 gateway ${pathname} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/**
 * Signs the 浙政钉 account `{ accountId, lastName }` in as the H5 app does inside 浙政钉: the fake
 * gateway hands out the auth code getAuthCode would give, and POST /api/auth/zzd trades it for a
 * session. With `token` (someone signed in already) the BFF links the account to that person.
 */
export async function signInZzd(account, token) {
  const { code } = await zzdGateway('/codes', { method: 'POST', body: JSON.stringify(account) });
  return api('/auth/zzd', token, { method: 'POST', body: JSON.stringify({ authCode: code }) });
}

/** Waits (bounded) for a work notice the fake 浙政钉 gateway took that `match`es; answers it. */
export async function waitForWorkNotice(match, { timeoutMs = 30_000 } = {}) {
  const notice = await pollUntil(async () => (await zzdGateway('/notices')).notices.find(match), { timeoutMs });
  if (!notice) {
    const { notices } = await zzdGateway('/notices');
    assert.fail(`no matching 浙政钉 work notice within ${timeoutMs / 1000} s; received: ${JSON.stringify(notices)}`);
  }
  return notice;
}
