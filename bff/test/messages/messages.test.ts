import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function send(personId: string, title: string) {
  await t.db.db
    .transaction()
    .execute((trx) => t.app.services.messages.send(trx, { personId, title, body: `${title}的内容` }));
}

describe('message centre', () => {
  it('lists the seeded welcome message, delivered through the outbox', async () => {
    const { token } = await t.signIn('demo-staff-02');
    const res = await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(token) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ title: '欢迎使用数智后勤', readAt: null });
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

    const list = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(token) })).json();
    expect(list.items.map((m: { title: string }) => m.title)).toEqual(['第三条', '第二条', '欢迎使用数智后勤']);
    expect(list.unread).toBe(3);

    const read = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${list.items[1].id}/read`,
      headers: t.auth(token),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toMatch(/\+08:00$/);
    const after = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(token) })).json();
    expect(after.unread).toBe(2);
    // Reading again keeps the first read time.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${list.items[1].id}/read`,
      headers: t.auth(token),
    });
    expect(again.json().readAt).toBe(read.json().readAt);
  });

  it("another person's message can be neither read nor marked", async () => {
    const owner = await t.signIn('demo-staff-04');
    const stranger = await t.signIn('demo-staff-05');
    const ownList = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(owner.token) })).json();
    const id = ownList.items[0].id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/messages/${id}/read`,
      headers: t.auth(stranger.token),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MESSAGE_NOT_FOUND');
    const strangerList = (
      await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(stranger.token) })
    ).json();
    expect(strangerList.items.map((m: { id: string }) => m.id)).not.toContain(id);
    const ownAfter = (await t.app.inject({ method: 'GET', url: '/api/messages', headers: t.auth(owner.token) })).json();
    expect(ownAfter.items[0].readAt).toBeNull();
  });

  it('requires sign-in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/messages' });
    expect(res.statusCode).toBe(401);
  });
});
