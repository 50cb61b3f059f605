// Lunch rush (issue 4): signed-in people placing takeaway orders, POST /api/orders, each request a
// new order with its own Idempotency-Key, paid from the meal card: session lookup, the order
// transaction (order row, card debit + ledger row, conditional stock update, lines, outbox message)
// and the live-board event. Target: ≥ 10% of bare Fastify, p99 < 50 ms. req/s here = orders/s.
//
// prepare() sets the stage through the API: the demo canteen worker puts three items with ample
// stock and no per-person limit on sale now; an admin tops up every demo person who may order; each of
// them signs in. autocannon cycles every connection through all of them, so orders come from many
// people at once (no single card's row lock serialises the run), each with a fresh key ([<id>]).

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function call(baseUrl, token, method, path, body, headers = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`lunch-rush scenario: ${method} ${path} answered ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * Three items of the largest stock one item may have, on sale now in canteen-1 (as its canteen
 * staff `token`): a run at 10k orders/s must not sell out (a refusal is answered without a write,
 * and would count as a fast order). The history bench puts the same on sale.
 */
export async function putRushItemsOnSale(baseUrl, token) {
  const now = Date.now();
  const date = shanghaiToday();
  const items = [];
  for (const name of ['压测杂粮馒头', '压测鲜肉包', '压测豆浆'])
    items.push(
      await call(baseUrl, token, 'POST', '/api/canteens/canteen-1/takeaway', {
        date,
        name,
        priceFen: 100,
        stock: 100_000,
        saleStartsAt: new Date(now - 60_000).toISOString(),
        saleEndsAt: new Date(now + 2 * 3600_000).toISOString(),
        pickupStartsAt: `${date}T00:00:00.000+08:00`,
        pickupEndsAt: new Date(now + 3 * 3600_000).toISOString(),
      }),
    );
  return items;
}

export default {
  name: 'lunch-rush',
  title: 'POST /api/orders (lunch rush, orders/s)',
  target: 0.1,
  async prepare({ baseUrl, signIn }) {
    const now = Date.now();
    const canteen = await signIn('canteen');
    const items = await putRushItemsOnSale(baseUrl, canteen.token);

    const { users } = await call(baseUrl, undefined, 'GET', '/api/auth/dev/users');
    const buyers = users.filter((u) => u.roles.includes('staff') || u.roles.includes('admin'));
    const admin = await signIn('admin');
    // ¥10,000 each (one top-up's maximum) three times: 30,000 orders per person at ¥1, more than
    // a run places (about a dozen demo people share it).
    for (const round of [1, 2, 3])
      await call(
        baseUrl,
        admin.token,
        'POST',
        '/api/meal-cards/topups',
        { personIds: buyers.map((u) => u.id), amountFen: 1_000_000, note: '压测充值' },
        { 'idempotency-key': `bench-${now}-${round}` },
      );
    const tokens = [];
    for (const user of buyers)
      tokens.push((await call(baseUrl, undefined, 'POST', '/api/auth/dev', { userId: user.id })).token);

    const request = (token, item) => ({
      method: 'POST',
      path: '/api/orders',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': '[<id>]' },
      body: JSON.stringify({ canteenId: 'canteen-1', items: [{ itemId: item.id, quantity: 1 }] }),
    });
    // The top level is the harness's check request; `interleave` is what the connections take
    // turns through (load-worker.mjs), so no two walk the same buyers in step.
    return {
      ...request(tokens[0], items[0]),
      idReplacement: true,
      interleave: tokens.flatMap((token, i) => items.map((_, j) => request(token, items[(i + j) % items.length]))),
    };
  },
};
