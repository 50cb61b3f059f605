import { sql } from 'kysely';
import type { Message, MessageList } from '@contract/messages.schema';
import type { MessageToSend } from '../../src/modules/messages';
import { caller, expectError } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';
import { createItem, itemInput, makePeople, placed } from '../takeaway/support';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function send(personId: string, title: string, extra: Partial<MessageToSend> = {}) {
  await t.db.db
    .transaction()
    .execute((trx) => t.app.services.messages.send(trx, { personId, title, body: `${title}的内容`, ...extra }));
}

async function list(token: string, query = ''): Promise<MessageList> {
  const res = await t.app.inject({ method: 'GET', url: `/api/messages${query}`, headers: t.auth(token) });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('message centre', () => {
  it('lists the seeded welcome message, delivered through the outbox', async () => {
    const { token } = await t.signIn('demo-staff-02');
    const body = await list(token);
    expect(body.unread).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toMatchObject({ title: '欢迎使用数智后勤', readAt: null, subject: null });
    expect(body.items[0].createdAt).toMatch(/\+08:00$/);
  });

  it('shows newest first and marks one read', async () => {
    const { token } = await t.signIn('demo-staff-03');
    t.clock.advance(60_000);
    await send('demo-staff-03', '第二条');
    await t.app.services.outbox.drain();
    t.clock.advance(60_000);
    await send('demo-staff-03', '第三条');
    await t.app.services.outbox.drain();

    const page = await list(token);
    expect(page.items.map((m) => m.title)).toEqual(['第三条', '第二条', '欢迎使用数智后勤']);
    expect(page.unread).toBe(3);

    const read = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${page.items[1].id}/read`,
      headers: t.auth(token),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toMatch(/\+08:00$/);
    expect((await list(token)).unread).toBe(2);
    // Reading again keeps the first read time.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${page.items[1].id}/read`,
      headers: t.auth(token),
    });
    expect(again.json().readAt).toBe(read.json().readAt);
  });

  it('carries the object a message is about, and null for a message about nothing', async () => {
    const { token } = await t.signIn('demo-staff-06');
    t.clock.advance(1000);
    await send('demo-staff-06', '报修已派单', { subject: { kind: 'repair-ticket', id: 'ticket-1' } });
    const [about, welcome] = (await list(token)).items;
    expect(about).toMatchObject({ title: '报修已派单', subject: { kind: 'repair-ticket', id: 'ticket-1' } });
    expect(welcome.subject).toBeNull();
  });

  it('a takeaway order and a letter send messages that lead to them', async () => {
    const canteen = await t.signIn('demo-canteen-01');
    const [buyer] = await makePeople(t, 1, { balanceFen: 10_000 });
    const item = await createItem(t, canteen.token, itemInput({ name: '消息测试套餐' }));
    const order = await placed(t, buyer.token, { canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/orders/${order.id}/cancel`,
      headers: t.auth(buyer.token),
    });
    expect(cancel.statusCode).toBe(200);
    const mine = (await list(buyer.token)).items;
    const about = mine.filter((m) => m.subject?.kind === 'takeaway-order');
    expect(about.map((m) => m.title).sort()).toEqual(['外卖下单成功', '外卖订单已取消'].sort());
    expect(about.every((m) => m.subject?.id === order.id)).toBe(true);

    const writer = await caller(t, 'demo-staff-07');
    const written = await writer.call('POST', '/api/mailbox/letters', {
      category: 'mb-canteen',
      body: '建议增加素食窗口。',
    });
    expect(written.statusCode).toBe(201);
    const letterId = written.json().letter.id;
    const admin = await t.signIn('demo-admin-01');
    const toAdmin = (await list(admin.token, '?limit=100')).items.find((m) => m.body.includes('建议增加素食窗口'));
    expect(toAdmin?.subject).toEqual({ kind: 'letter', id: letterId });
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/mailbox/letters/${letterId}/reply`,
      headers: t.auth(admin.token),
      payload: { body: '已安排，下周一起开设。' },
    });
    expect(reply.statusCode).toBe(200);
    expect((await list(writer.token)).items[0]).toMatchObject({
      title: expect.stringContaining('已回复'),
      subject: { kind: 'letter', id: letterId },
    });
  });

  it('pages newest first by cursor: every message once while new ones arrive; a foreign cursor is refused', async () => {
    const { token } = await t.signIn('demo-guard-01');
    const sent: string[] = [];
    for (let i = 0; i < 11; i++) {
      t.clock.advance(1000);
      await send('demo-guard-01', `第 ${i} 条`);
      sent.push(`第 ${i} 条`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: MessageList = await list(token, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((m) => m.title));
      cursor = page.nextCursor;
      t.clock.advance(1000);
      await send('demo-guard-01', '翻页时新到的消息'); // newer than the first page: must not appear later
    } while (cursor);
    expect(seen).toEqual([...sent].reverse().concat('欢迎使用数智后勤'));

    const mailboxCursor = Buffer.from(JSON.stringify(['mailbox.mine', '2026-11-21T02:00:00.000Z', 'x'])).toString(
      'base64url',
    );
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/messages?cursor=${mailboxCursor}`,
      headers: t.auth(token),
    });
    expectError(foreign, 400, 'CURSOR_INVALID');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/messages?cursor=bm90LWEtY3Vyc29y',
      headers: t.auth(token),
    });
    expectError(forged, 400, 'CURSOR_INVALID');
  });

  it('全部已读 marks every unread message of the person and nobody else’s', async () => {
    const mine = await t.signIn('demo-staff-04');
    const other = await t.signIn('demo-staff-05');
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await send('demo-staff-04', `未读 ${i}`);
    }
    expect((await list(mine.token)).unread).toBe(4);
    const badge = await t.app.inject({ method: 'GET', url: '/api/messages/unread', headers: t.auth(mine.token) });
    expect(badge.json()).toEqual({ unread: 4 });
    const res = await t.app.inject({ method: 'POST', url: '/api/messages/read-all', headers: t.auth(mine.token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 4, unread: 0 });
    const after = await list(mine.token);
    expect(after.unread).toBe(0);
    expect(after.items.every((m: Message) => m.readAt !== null)).toBe(true);
    expect((await list(other.token)).unread).toBe(1);
    const again = await t.app.inject({ method: 'POST', url: '/api/messages/read-all', headers: t.auth(mine.token) });
    expect(again.json()).toEqual({ marked: 0, unread: 0 });
  });

  it("another person's message can be neither read nor marked", async () => {
    const owner = await t.signIn('demo-staff-08');
    const stranger = await t.signIn('demo-visitor-01');
    const id = (await list(owner.token)).items[0].id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${id}/read`,
      headers: t.auth(stranger.token),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MESSAGE_NOT_FOUND');
    expect((await list(stranger.token)).items.map((m) => m.id)).not.toContain(id);
    await t.app.inject({ method: 'POST', url: '/api/messages/read-all', headers: t.auth(stranger.token) });
    expect((await list(owner.token)).items[0].readAt).toBeNull();
  });

  it('requires sign-in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/messages' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/messages/read-all' })).statusCode).toBe(401);
  });

  it(`reads a page and the unread count from indexes (${dialectUnderTest()})`, async () => {
    const db = t.db.db;
    const page = sql`select * from messages where person_id = ${'demo-staff-01'} order by created_at desc, id desc limit 21`;
    const unread = sql`select count(*) from messages where person_id = ${'demo-staff-01'} and read_at is null`;
    if (dialectUnderTest() === 'sqlite') {
      const plan = async (q: typeof page) =>
        (await sql<{ detail: string }>`explain query plan ${q}`.execute(db)).rows.map((r) => r.detail).join(' | ');
      const pagePlan = await plan(page);
      expect(pagePlan).toContain('messages_person_created_idx');
      expect(pagePlan).not.toContain('TEMP B-TREE');
      expect(await plan(unread)).toMatch(/COVERING INDEX messages_person_unread_idx/);
    } else {
      // A small table is cheaper to scan, so make the planner show the index it would use at size.
      const plans = await db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        const explain = async (q: typeof page) =>
          (await sql<{ 'QUERY PLAN': string }>`explain ${q}`.execute(conn)).rows
            .map((r) => r['QUERY PLAN'])
            .join(' | ');
        const found = [await explain(page), await explain(unread)];
        await sql`reset enable_seqscan`.execute(conn);
        return found;
      });
      expect(plans[0]).toContain('messages_person_created_idx');
      expect(plans[0]).not.toMatch(/Sort/);
      expect(plans[1]).toContain('messages_person_unread_idx');
    }
  });
});
