import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { createWechatSubscribe } from '../../src/integrations/wechat/wechat-subscribe';
import { cutChars, cutUtf8 } from '../../src/integrations/push/push-channel';
import { createZzdWorkNotice, WORK_NOTICE_MAX_BYTES } from '../../src/integrations/zzd/zzd-work-notice';
import { insertPerson } from '../../src/modules/auth';
import { newToken, sha256Hex } from '../../src/lib/ids';
import type { Clock } from '../../src/lib/time';
import { WechatFake } from '../fakes/wechat-fake';
import { ZzdFake } from '../fakes/zzd-fake';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

const ZZD = { appKey: 'shuzhi-houqin-push', appSecret: 'zzd-push-secret-7Q', tenantId: '196729' };
const WX = { appId: 'wx5e1f0c3a9b2d4e6f', appSecret: 'wx-push-secret-3k', templateId: 'TPL-progress-001' };
const FIELDS = { title: 'thing1', body: 'thing2', time: 'time3' };

let t: TestApp;
let second: TestApp;
// The fakes and clients read the test app's clock, made with the app below.
const clock: Clock = { now: () => t.clock.now() };
const zzd = new ZzdFake({ appKey: ZZD.appKey, appSecret: ZZD.appSecret, clock });
const wechat = new WechatFake({
  appId: WX.appId,
  appSecret: WX.appSecret,
  clock,
  template: { id: WX.templateId, keys: Object.values(FIELDS) },
});

let zzdBase: string;

beforeAll(async () => {
  const [zzdStarted, { baseUrl: wechatBase }] = await Promise.all([zzd.start(), wechat.start()]);
  zzdBase = zzdStarted.baseUrl;
  // Short timeouts: a dropped answer is a timeout here, and the test must not wait 5 s for it.
  const push = {
    zzd: createZzdWorkNotice({ ...ZZD, apiBase: zzdBase }, { clock, timeoutMs: 1000 }),
    wechat: createWechatSubscribe(
      { ...WX, apiBase: wechatBase, fields: FIELDS, page: 'pages/messages/index', miniprogramState: 'formal' },
      { clock, timeoutMs: 1000 },
    ),
  };
  t = await createTestApp({ integrations: { push } });
  // A second BFF instance on the same database, with its own clients, draining at the same time.
  second = await createTestApp({ sharing: t, integrations: { push } });
}, 60_000);
afterAll(async () => {
  await second.close();
  await t.close();
  await Promise.all([zzd.stop(), wechat.stop()]);
});

/** A person who last signed in on `platform` (with identities on each of `linked`). */
async function person(id: string, platform: 'wechat' | 'zzd' | 'dev', linked: Record<string, string> = {}) {
  const db = t.db.db;
  const at = t.clock.now();
  await insertPerson(db, { id, name: `推送测试${id}`, unit: '测试单位', roles: ['staff'] }, at.toISOString());
  let minute = 0;
  for (const [provider, subject] of Object.entries(linked) as ['wechat' | 'zzd', string][]) {
    await db
      .insertInto('identities')
      .values({ provider, subject, person_id: id, created_at: at.toISOString() })
      .execute();
    if (provider === platform) continue;
    // An older sign-in on the other platform.
    await session(db, id, provider, new Date(at.getTime() - 3600_000 + minute++ * 60_000));
  }
  await session(db, id, platform, at);
}

async function session(db: Kysely<Database>, personId: string, provider: string, at: Date) {
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(newToken()),
      person_id: personId,
      provider,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + 72 * 3600_000).toISOString(),
      revoked_at: null,
    })
    .execute();
}

async function send(
  personId: string,
  title: string,
  body = `${title}：请及时查看。`,
  subject?: { kind: 'repair-ticket'; id: string },
): Promise<string> {
  return t.db.db
    .transaction()
    .execute((trx) => t.app.services.messages.send(trx, { personId, title, body, push: true, subject }));
}

/** Both instances drain at once, again and again, the clock moving past each back-off, until nothing is due. */
async function deliverAll(): Promise<number> {
  for (let round = 1; round <= 40; round++) {
    await Promise.all([t.app.services.outbox.drain(), second.app.services.outbox.drain()]);
    const pending = await t.db.db
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', 'message.push')
      .where('delivered_at', 'is', null)
      .where('failed_at', 'is', null)
      .execute();
    if (pending.length === 0) return round;
    t.clock.advance(60_000);
  }
  throw new Error('pushes still pending after 40 rounds');
}

const pushOf = (messageId: string) =>
  t.db.db.selectFrom('message_pushes').selectAll().where('message_id', '=', messageId).executeTakeFirst();

describe(`push to 浙政钉 and WeChat through the outbox (${dialectUnderTest()})`, () => {
  it('with both remotes refusing for a while, every notification arrives exactly once when they recover', async () => {
    await person('push-zzd-1', 'zzd', { zzd: '880001' });
    await person('push-zzd-2', 'zzd', { zzd: '880002', wechat: 'o-old-880002' });
    await person('push-wx-1', 'wechat', { wechat: 'o-wx-000001' });
    await person('push-wx-2', 'wechat', { wechat: 'o-wx-000002', zzd: '880003' });
    wechat.subscribe('o-wx-000001', 10);
    wechat.subscribe('o-wx-000002', 10);

    const sent: Record<string, string[]> = { 'push-zzd-1': [], 'push-zzd-2': [], 'push-wx-1': [], 'push-wx-2': [] };
    for (let i = 0; i < 5; i++) {
      for (const id of Object.keys(sent)) sent[id].push(await send(id, `报修进度 ${i}`));
    }
    // Down for a while: busy gateways, proxies answering HTML, a notice taken whose answer is lost.
    zzd.failNext('busy', 6);
    zzd.failNext('http-500', 3);
    zzd.failNext('lost-answer', 2);
    wechat.failNext('busy', 5);
    wechat.failNext('http-500', 3);
    wechat.failNext('not-json', 2);

    const rounds = await deliverAll();
    expect(rounds).toBeGreaterThan(1); // it took retries

    // 浙政钉: one notice per message, to the account of the person who signed in there last.
    for (const id of ['push-zzd-1', 'push-zzd-2']) {
      for (const messageId of sent[id]) {
        const shown = zzd.notices.filter((n) => n.bizMsgId === messageId);
        expect(shown).toHaveLength(1);
        expect(shown[0]).toMatchObject({
          tenantId: ZZD.tenantId,
          receiverIds: id === 'push-zzd-1' ? '880001' : '880002',
        });
        expect(await pushOf(messageId)).toMatchObject({ channel: 'zzd', outcome: 'sent' });
      }
    }
    // WeChat: one subscribe message per message, to the openid of the person's latest sign-in.
    for (const [id, openId] of [
      ['push-wx-1', 'o-wx-000001'],
      ['push-wx-2', 'o-wx-000002'],
    ]) {
      const shown = wechat.shown.filter((m) => m.touser === openId);
      expect(shown.map((m) => m.data.thing1).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `报修进度 ${i}`));
      expect(shown.map((m) => m.page).sort()).toEqual(sent[id].map((m) => `pages/messages/index?message=${m}`).sort());
      expect(shown.every((m) => /^\d{4}年/.test(m.data.time3))).toBe(true);
      for (const messageId of sent[id])
        expect(await pushOf(messageId)).toMatchObject({ channel: 'wechat', outcome: 'sent' });
    }
    expect(wechat.shown.filter((m) => m.touser === 'o-old-880002')).toEqual([]);
    // Nothing given up.
    const failed = await t.db.db.selectFrom('outbox').select('id').where('failed_at', 'is not', null).execute();
    expect(failed).toEqual([]);
    // One access token, once one was had, served every send.
    expect(wechat.tokensIssued).toBe(1);
  });

  it('a WeChat push opens the message centre at its message and the object it is about', async () => {
    await person('push-wx-open', 'wechat', { wechat: 'o-wx-open' });
    wechat.subscribe('o-wx-open', 1);
    const messageId = await send('push-wx-open', '工单已派给您', '3号楼 302 漏水', {
      kind: 'repair-ticket',
      id: 'T-0042',
    });
    await deliverAll();
    const shown = wechat.shown.filter((m) => m.touser === 'o-wx-open');
    expect(shown.map((m) => m.page)).toEqual([
      `pages/messages/index?message=${messageId}&kind=repair-ticket&subject=T-0042`,
    ]);
  });

  it('a 浙政钉 notice links to its message in the H5 app when the app address is configured', async () => {
    const card = createZzdWorkNotice(
      { ...ZZD, apiBase: zzdBase, appUrl: 'https://houqin.example.gov.cn/' },
      { clock, timeoutMs: 1000 },
    )!;
    const at = t.clock.now();
    const subject = { kind: 'repair-ticket', id: 'T-0043' };
    expect(
      await card.send({ id: 'msg-card-1', to: '880777', title: '新的报修工单', body: '3号楼 302 漏水', at, subject }),
    ).toBe('sent');
    const [shown] = zzd.notices.filter((n) => n.bizMsgId === 'msg-card-1');
    expect(shown).toMatchObject({
      receiverIds: '880777',
      content: '新的报修工单\n3号楼 302 漏水',
      url: 'https://houqin.example.gov.cn/pages/messages/index?message=msg-card-1&kind=repair-ticket&subject=T-0043',
    });
  });

  it('a WeChat person who has not subscribed (43101) is recorded once and not retried', async () => {
    await person('push-wx-nosub', 'wechat', { wechat: 'o-wx-nosub' });
    const before = wechat.counts.subscribeSend;
    const id = await send('push-wx-nosub', '访客已到达');
    await deliverAll();
    expect(await pushOf(id)).toMatchObject({ channel: 'wechat', outcome: 'not-subscribed' });
    expect(wechat.counts.subscribeSend - before).toBe(1);
    t.clock.advance(3600_000);
    await deliverAll();
    expect(wechat.counts.subscribeSend - before).toBe(1);
  });

  it('a person with no platform sign-in keeps the message in the app only', async () => {
    await person('push-dev', 'dev');
    const id = await send('push-dev', '餐卡充值到账');
    await deliverAll();
    expect(await pushOf(id)).toMatchObject({ channel: null, outcome: 'no-channel' });
    expect((await t.db.db.selectFrom('messages').select('id').where('id', '=', id).execute()).length).toBe(1);
  });

  it('renews the WeChat token before it expires, and fetches a new one when WeChat refuses it (40001)', async () => {
    await person('push-wx-token', 'wechat', { wechat: 'o-wx-token' });
    wechat.subscribe('o-wx-token', 3);
    const tokensBefore = wechat.tokensIssued;
    await send('push-wx-token', '第一条');
    await deliverAll();
    t.clock.advance(2 * 3600_000 - 4 * 60_000); // inside the renewal margin, before expiry
    await send('push-wx-token', '第二条');
    await deliverAll();
    expect(wechat.tokensIssued - tokensBefore).toBe(1);
    wechat.revokeTokens();
    await send('push-wx-token', '第三条');
    await deliverAll();
    expect(wechat.tokensIssued - tokensBefore).toBe(2);
    expect(wechat.shown.filter((m) => m.touser === 'o-wx-token').map((m) => m.data.thing1)).toEqual([
      '第一条',
      '第二条',
      '第三条',
    ]);
  });

  it('cuts a long notice on a character boundary: at most 2,048 bytes to 浙政钉, 20 characters a WeChat field', async () => {
    await person('push-long-zzd', 'zzd', { zzd: '880099' });
    await person('push-long-wx', 'wechat', { wechat: 'o-wx-long' });
    wechat.subscribe('o-wx-long');
    const body = '食堂🍚'.repeat(400); // 3 + 4 bytes… well past 2,048 bytes, with 4-byte characters
    const zid = await send('push-long-zzd', '服务信箱回复', body);
    await send('push-long-wx', '服务信箱：您的来信已回复，请查看', body);
    await deliverAll();
    const notice = zzd.notices.find((n) => n.bizMsgId === zid)!;
    expect(Buffer.byteLength(notice.content, 'utf8')).toBeLessThanOrEqual(WORK_NOTICE_MAX_BYTES);
    expect(Buffer.byteLength(notice.content, 'utf8')).toBeGreaterThan(WORK_NOTICE_MAX_BYTES - 4);
    expect(`服务信箱回复\n${body}`.startsWith(notice.content)).toBe(true);
    expect(notice.content).not.toMatch(/\uFFFD/);
    const shown = wechat.shown.find((m) => m.touser === 'o-wx-long')!;
    expect(Array.from(shown.data.thing2)).toHaveLength(20);
    expect(shown.data.thing1).toBe('服务信箱：您的来信已回复，请查看');
  });

  it('a letter and its reply are pushed to the one they concern', async () => {
    const writer = await t.signIn('demo-staff-05');
    await t.db.db
      .insertInto('identities')
      .values({
        provider: 'zzd',
        subject: '880555',
        person_id: 'demo-staff-05',
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    await session(t.db.db, 'demo-staff-05', 'zzd', t.clock.now());
    const letter = await t.app.inject({
      method: 'POST',
      url: '/api/mailbox/letters',
      headers: t.auth(writer.token),
      payload: { category: 'mb-canteen', body: '建议延长晚餐供应时间。' },
    });
    const admin = await t.signIn('demo-admin-01');
    await t.app.inject({
      method: 'POST',
      url: `/api/mailbox/letters/${letter.json().letter.id}/reply`,
      headers: t.auth(admin.token),
      payload: { body: '已采纳，下周起延长半小时。' },
    });
    await deliverAll();
    const toWriter = zzd.notices.filter((n) => n.receiverIds === '880555');
    expect(toWriter).toHaveLength(1);
    expect(toWriter[0].content).toContain('已采纳，下周起延长半小时');
  });
});

describe('cutting text', () => {
  it('never splits a character', () => {
    expect(cutUtf8('ab食堂', 4)).toBe('ab');
    expect(cutUtf8('ab食堂', 5)).toBe('ab食');
    expect(cutUtf8('🍚🍚', 7)).toBe('🍚');
    expect(cutUtf8('短', 2048)).toBe('短');
    expect(cutChars('🍚'.repeat(25), 20)).toBe('🍚'.repeat(20));
  });
});
