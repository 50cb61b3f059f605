// The menu read of menu.scenario.mjs without compression (no Accept-Encoding): the same 40-dish
// answer sent as ~12 KB of plain JSON. For comparison; the target is judged on the
// compressed read, which is what real clients ask for.
import menu from './menu.scenario.mjs';

export default {
  name: 'menu-identity',
  title: 'GET …/menu (40 dishes, no gzip)',
  async prepare(ctx) {
    const request = await menu.prepare(ctx);
    const { 'accept-encoding': _dropped, ...headers } = request.headers;
    return { ...request, headers };
  },
};
