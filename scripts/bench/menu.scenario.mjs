// GET /api/canteens/:id/menu?date=today for a signed-in staff member, on a day menu of exactly 40
// dishes (issue 3: target ≥ 40% of bare Fastify, p99 < 25 ms). prepare() composes that menu through
// the API as the demo canteen manager: tops the library up to 40 dishes, spreads them over
// breakfast/lunch/dinner (8/20/12), publishes the day, and casts some votes so counts are non-zero.
//
// The request asks for gzip, as browsers and WeChat's wx.request always do: the answer is ~12 KB
// of JSON, ~2.5 KB gzipped. menu-identity.scenario.mjs reads the same menu without compression.
const MENU_DISHES = 40;
const SPLIT = { breakfast: 8, lunch: 20, dinner: 12 };

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function call(baseUrl, token, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`menu scenario: ${method} ${path} answered ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

export default {
  name: 'menu',
  title: 'GET /api/canteens/:id/menu (40 dishes, gzip)',
  target: 0.4,
  async prepare({ baseUrl, signIn }) {
    const manager = await signIn('canteen');
    const canteens = await call(baseUrl, manager.token, 'GET', '/api/canteens');
    const canteen = canteens.items.find((c) => c.canManage);
    if (!canteen) throw new Error('menu scenario: the demo canteen user manages no canteen');
    const base = `/api/canteens/${canteen.id}`;

    const dishes = (await call(baseUrl, manager.token, 'GET', `${base}/dishes`)).items;
    for (let i = dishes.length; i < MENU_DISHES; i++) {
      dishes.push(
        await call(baseUrl, manager.token, 'POST', `${base}/dishes`, {
          name: `压测菜品${i + 1}`,
          category: '素菜',
          tags: ['清淡'],
        }),
      );
    }
    const date = shanghaiToday();
    let next = 0;
    for (const [meal, count] of Object.entries(SPLIT)) {
      if (!canteen.meals.some((m) => m.meal === meal)) continue;
      const dishIds = dishes.slice(next, next + count).map((d) => d.id);
      next += count;
      await call(baseUrl, manager.token, 'PUT', `${base}/menu/${date}/meals/${meal}`, { dishIds });
    }
    await call(baseUrl, manager.token, 'POST', `${base}/menu/publish`, { from: date, to: date });

    const staff = await signIn('staff');
    for (const [i, dish] of dishes.slice(0, 12).entries()) {
      await call(baseUrl, staff.token, 'PUT', `${base}/menu/${date}/dishes/${dish.id}/vote`, {
        value: i % 3 ? 'up' : 'down',
      });
    }
    return {
      method: 'GET',
      path: `${base}/menu?date=${date}`,
      headers: { authorization: `Bearer ${staff.token}`, 'accept-encoding': 'gzip, deflate, br' },
    };
  },
};
