import type { Letter, LetterPage } from '@contract/mailbox.schema';
import { encodePng } from '../../src/lib/png';
import { caller, expectError, type Caller } from '../support/caller';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

let t: TestApp;
let writer: Caller; // demo-staff-01 张伟, 市发展和改革委员会
let otherStaff: Caller; // demo-staff-02
let owner: Caller; // demo-admin-01 owns 餐饮服务
let otherAdmin: Caller; // demo-admin-02 owns 停车交通

beforeAll(async () => {
  t = await createTestApp();
  [writer, otherStaff, owner, otherAdmin] = await Promise.all(
    ['demo-staff-01', 'demo-staff-02', 'demo-admin-01', 'demo-admin-02'].map((id) => caller(t, id)),
  );
}, 60_000);
afterAll(async () => {
  await t.close();
});

const write = (who: Caller, body: Record<string, unknown>) => who.call('POST', '/api/mailbox/letters', body);
async function letter(who: Caller, body: Record<string, unknown> = {}): Promise<Letter> {
  const res = await write(who, { category: 'mb-canteen', body: '午餐的青菜偏咸，建议少放盐。', ...body });
  expect(res.statusCode).toBe(201);
  return res.json().letter;
}
const page = async (who: Caller, query: string): Promise<LetterPage> => {
  const res = await who.call('GET', `/api/mailbox/letters?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};
const rowCount = async () =>
  Number(
    (
      await t.db.db
        .selectFrom('mailbox_letters')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const messagesOf = (personId: string) =>
  t.db.db.selectFrom('messages').select(['title', 'body']).where('person_id', '=', personId).execute();

describe('服务信箱', () => {
  it('lists the categories with the admin who answers each', async () => {
    const res = await writer.call('GET', '/api/mailbox/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(
      expect.arrayContaining([
        { id: 'mb-canteen', name: '餐饮服务', ownerName: '高处长' },
        { id: 'mb-parking', name: '停车交通', ownerName: '徐科长' },
      ]),
    );
  });

  it('routes a letter to the admin who owns its category, and tells that admin', async () => {
    const sent = await letter(writer, { body: '  建议食堂增加杂粮饭。  ' });
    expect(sent).toMatchObject({
      body: '建议食堂增加杂粮饭。',
      status: 'open',
      mine: true,
      anonymous: false,
      writer: { name: '张伟', unit: '市发展和改革委员会' },
      reply: null,
      score: null,
    });
    const inbox = await page(owner, 'box=inbox');
    expect(inbox.items.map((l) => l.id)).toContain(sent.id);
    expect((await page(otherAdmin, 'box=inbox')).items.map((l) => l.id)).not.toContain(sent.id);
    expect((await messagesOf('demo-admin-01')).some((m) => m.body.includes('建议食堂增加杂粮饭'))).toBe(true);
  });

  it('shows an anonymous letter to the admin with no trace of its writer, yet the writer gets the reply', async () => {
    const sent = await letter(writer, { anonymous: true, body: '窗口排队太久，希望增加一个窗口。' });
    expect(sent.writer).toEqual({ name: '张伟', unit: '市发展和改革委员会' });

    const seenByAdmin = [
      (await owner.call('GET', `/api/mailbox/letters/${sent.id}`)).body,
      JSON.stringify((await page(owner, 'box=inbox')).items.find((l) => l.id === sent.id)),
      (await owner.call('POST', `/api/mailbox/letters/${sent.id}/reply`, { body: '已增加午间临时窗口。' })).body,
      JSON.stringify((await messagesOf('demo-admin-01')).filter((m) => m.body.includes('窗口排队太久'))),
    ];
    for (const text of seenByAdmin) {
      expect(text).not.toMatch(/张伟|发展和改革|demo-staff-01/);
    }
    expect(JSON.parse(seenByAdmin[0])).toMatchObject({ writer: null, mine: false, anonymous: true });

    const mine = await writer.call('GET', `/api/mailbox/letters/${sent.id}`);
    expect(mine.json()).toMatchObject({ status: 'replied', reply: { body: '已增加午间临时窗口。', by: '高处长' } });
    expect((await messagesOf('demo-staff-01')).map((m) => m.body)).toContain(
      '高处长回复：已增加午间临时窗口。请在“服务信箱”查看并评价。',
    );
  });

  it("never shows or changes another person's letter", async () => {
    const sent = await letter(writer);
    for (const stranger of [otherStaff, otherAdmin]) {
      expectError(await stranger.call('GET', `/api/mailbox/letters/${sent.id}`), 404, 'LETTER_NOT_FOUND');
      expectError(
        await stranger.call('POST', `/api/mailbox/letters/${sent.id}/rate`, { score: 1 }),
        404,
        'LETTER_NOT_FOUND',
      );
      expect((await page(stranger, 'box=mine')).items.map((l) => l.id)).not.toContain(sent.id);
    }
    expectError(
      await otherAdmin.call('POST', `/api/mailbox/letters/${sent.id}/reply`, { body: '越权回复' }),
      404,
      'LETTER_NOT_FOUND',
    );
    // The writer may read it but only its admin replies; only the writer rates.
    expectError(
      await writer.call('POST', `/api/mailbox/letters/${sent.id}/reply`, { body: '自己回复' }),
      403,
      'FORBIDDEN',
    );
    expectError(await otherStaff.call('GET', '/api/mailbox/letters?box=inbox'), 403, 'FORBIDDEN');
    expectError(await otherStaff.call('GET', '/api/mailbox/figures'), 403, 'FORBIDDEN');
    const unchanged = await writer.call('GET', `/api/mailbox/letters/${sent.id}`);
    expect(unchanged.json()).toMatchObject({ status: 'open', reply: null, score: null });
  });

  it('refuses bad letters with a code and keeps nothing of them', async () => {
    const before = await rowCount();
    expectError(await write(writer, { category: 'mb-canteen', body: ' \u3000 \n' }), 400, 'LETTER_BODY_BLANK');
    // Invisible characters only: the edge refuses them for every module (contract/text.ts).
    expectError(await write(writer, { category: 'mb-canteen', body: ' \u200b\u200b \n' }), 400, 'TEXT_BLANK');
    expectError(await write(writer, { category: 'mb-nope', body: '有内容' }), 404, 'MAILBOX_CATEGORY_NOT_FOUND');
    expectError(
      await write(writer, {
        category: 'mb-canteen',
        body: '有内容',
        photoIds: ['0123456789abcdef0123456789abcdef.png'],
      }),
      400,
      'UPLOAD_NOT_FOUND',
    );
    expectError(await write(writer, { category: 'mb-canteen', body: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED');
    expectError(
      await write(writer, {
        category: 'mb-canteen',
        body: '有内容',
        photoIds: Array.from({ length: 10 }, (_, i) => `p${i}`),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await write(writer, { category: 'mb-canteen', body: '有内容', extra: 1 }), 400, 'VALIDATION_FAILED');
    expect(await rowCount()).toBe(before);
  });

  it('carries photos uploaded first', async () => {
    const png = encodePng(2, 2, new Uint8Array(12).fill(200));
    const upload = await t.app.services.uploads.saveImage(png, 'demo-staff-01');
    const sent = await letter(writer, { photoIds: [upload.id] });
    expect(sent.photoUrls).toEqual([`/api/uploads/${upload.id}`]);
  });

  it(`replies once and is rated once, also when the requests arrive at once (${dialectUnderTest()})`, async () => {
    const sent = await letter(writer);
    expectError(
      await writer.call('POST', `/api/mailbox/letters/${sent.id}/rate`, { score: 5 }),
      409,
      'LETTER_NOT_REPLIED',
    );
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        owner.call('POST', `/api/mailbox/letters/${sent.id}/reply`, { body: `回复 ${i}` }),
      ),
    );
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of replies.filter((x) => x.statusCode !== 200)) expectError(r, 409, 'LETTER_ALREADY_REPLIED');

    expectError(await owner.call('POST', `/api/mailbox/letters/${sent.id}/rate`, { score: 5 }), 403, 'FORBIDDEN');
    expectError(
      await writer.call('POST', `/api/mailbox/letters/${sent.id}/rate`, { score: 6 }),
      400,
      'VALIDATION_FAILED',
    );
    const ratings = await Promise.all(
      [5, 4, 3, 2, 1].map((score) => writer.call('POST', `/api/mailbox/letters/${sent.id}/rate`, { score })),
    );
    const accepted = ratings.filter((r) => r.statusCode === 200);
    expect(accepted).toHaveLength(1);
    for (const r of ratings.filter((x) => x.statusCode !== 200)) expectError(r, 409, 'LETTER_ALREADY_RATED');
    const final = (await writer.call('GET', `/api/mailbox/letters/${sent.id}`)).json();
    expect(final.score).toBe(accepted[0].json().score);
  });

  it('pages newest first with a cursor: every letter once while new ones arrive; a foreign cursor is refused', async () => {
    const [pager] = await Promise.all([caller(t, 'demo-staff-03')]);
    const written: string[] = [];
    for (let i = 0; i < 12; i++) {
      t.clock.advance(1000);
      written.push((await letter(pager, { body: `第 ${i} 封` })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const got: LetterPage = await page(pager, `box=mine&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...got.items.map((l) => l.id));
      cursor = got.nextCursor;
      t.clock.advance(1000);
      await letter(pager, { body: '翻页时新写的信' }); // newer than the first page: must not appear later
    } while (cursor);
    expect(seen).toEqual([...written].reverse());

    const first = await page(pager, 'box=mine&limit=2');
    expectError(
      await owner.call('GET', `/api/mailbox/letters?box=inbox&cursor=${first.nextCursor}`),
      400,
      'CURSOR_INVALID',
    );
    expectError(await pager.call('GET', '/api/mailbox/letters?cursor=bm90LWEtY3Vyc29y'), 400, 'CURSOR_INVALID');
  });

  it('gives the admin figures of the letters routed to them', async () => {
    const admin = await caller(t, 'demo-admin-02');
    const before = (await admin.call('GET', '/api/mailbox/figures')).json();
    const a = await letter(writer, { category: 'mb-parking', body: '北区停车场入口指示不清。' });
    const b = await letter(otherStaff, { category: 'mb-parking', body: '希望增加充电桩。' });
    await letter(otherStaff, { category: 'mb-property', body: 'B座三楼灯坏了。' });
    for (const [l, score, who] of [
      [a, 5, writer],
      [b, 2, otherStaff],
    ] as const) {
      expect(
        (await admin.call('POST', `/api/mailbox/letters/${l.id}/reply`, { body: '收到，已处理。' })).statusCode,
      ).toBe(200);
      expect((await who.call('POST', `/api/mailbox/letters/${l.id}/rate`, { score })).statusCode).toBe(200);
    }
    const after = (await admin.call('GET', '/api/mailbox/figures')).json();
    expect(after.total.open - before.total.open).toBe(1);
    expect(after.total.replied - before.total.replied).toBe(2);
    expect(after.total.rated - before.total.rated).toBe(2);
    const parking = after.categories.find((c: { id: string }) => c.id === 'mb-parking');
    expect(parking).toMatchObject({ name: '停车交通', replied: 2, rated: 2, averageScore: 3.5 });
  });
});
