// GET /api/messages/unread (the 消息 tab's badge, read whenever a tab page shows) for the staff
// member with the long history of the messages scenario: counted from the partial index of unread
// messages (every one of the 2,000 is unread: the worst case for the count).
import { withHistory } from './messages.scenario.mjs';

export default {
  name: 'messages-unread',
  title: 'GET /api/messages/unread (badge)',
  async prepare(ctx) {
    const token = await withHistory(ctx);
    return { method: 'GET', path: '/api/messages/unread', headers: { authorization: `Bearer ${token}` } };
  },
};
