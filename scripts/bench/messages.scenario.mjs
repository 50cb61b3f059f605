// GET /api/messages (first page of 20, with the unread count) for a person with a long history:
// before it is measured, the staff member gets BENCH_MESSAGES_HISTORY (2,000) messages through real
// top-ups (each top-up writes one), about as many as the heaviest person of issue 15's year, of
// which the newest BENCH_MESSAGES_UNREAD (10) are unread (the rest read with 全部已读). The
// page is read in order from (person_id, created_at, id) and the count from the partial index of
// unread messages, so neither should slow with the history.
const HISTORY = Number(process.env.BENCH_MESSAGES_HISTORY || 2000);
/** How many of them are still unread (the newest); the rest were read (全部已读), as in a real history. */
const UNREAD = Number(process.env.BENCH_MESSAGES_UNREAD ?? 10);

/**
 * Gives the demo staff member the history (idempotent: the same keys again change nothing);
 * answers their token.
 */
export async function withHistory({ baseUrl, signIn }) {
  const { token, user } = await signIn('staff');
  const { token: admin } = await signIn('admin');
  for (let i = 0; i < HISTORY; i += 1) {
    if (i === HISTORY - UNREAD) {
      const read = await fetch(`${baseUrl}/api/messages/read-all`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      await read.arrayBuffer();
    }
    const res = await fetch(`${baseUrl}/api/meal-cards/topups`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${admin}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-messages-${user.id}-${i}`,
      },
      body: JSON.stringify({ personIds: [user.id], amountFen: 1, note: '压测消息' }),
    });
    await res.arrayBuffer();
    if (res.status !== 201 && res.status !== 200) throw new Error(`top-up answered HTTP ${res.status}`);
  }
  return token;
}

export default {
  name: 'messages',
  title: `GET /api/messages (${HISTORY.toLocaleString('en-US')} in history)`,
  async prepare(ctx) {
    const token = await withHistory(ctx);
    return { method: 'GET', path: '/api/messages?limit=20', headers: { authorization: `Bearer ${token}` } };
  },
};
