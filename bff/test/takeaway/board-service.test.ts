import type { BoardOrder, BoardServerMessage } from '@contract/takeaway.schema';
import { DomainError, unauthenticated } from '../../src/errors';
import { createLocalEventBus } from '../../src/events/event-bus';
import type { Person } from '../../src/modules/auth/people.repository';
import { createBoardService, type BoardPeer } from '../../src/modules/takeaway/board.service';
import { DAY_CLOSED_EVENTS, ORDER_EVENTS } from '../../src/modules/takeaway/order-events';
import { createTestClock } from '../support/test-clock';

// The board service on its own, with fakes around it: its idle re-check timer really runs (every
// 5 ms here), and the tests wait for the close it causes rather than for time to pass.

const DATE = '2026-11-21';
const person: Person = {
  id: 'p1',
  name: '林师傅',
  unit: '第一食堂',
  roles: ['canteen'],
  disabled: false,
  isDemo: false,
};

function fakePeer() {
  const messages: BoardServerMessage[] = [];
  let onMessage = () => {};
  let resolveClosed: (value: { code: number; reason?: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason?: string }>((resolve) => (resolveClosed = resolve));
  const peer: BoardPeer = {
    send(message) {
      messages.push(message);
      onMessage();
    },
    close(code, reason) {
      resolveClosed({ code, reason });
    },
  };
  /** Resolves once a message matches (already received or still to come). */
  const until = (match: (m: BoardServerMessage) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (messages.some(match)) resolve();
      };
      onMessage = check;
      check();
    });
  return { peer, messages, closed, until };
}

function setup(authenticate: (token: string | undefined) => Promise<{ person: Person; tokenHash: string }>) {
  const bus = createLocalEventBus();
  const order = (id: string) => ({ id, date: DATE, canteenId: 'c1' }) as BoardOrder;
  const board = createBoardService({
    bus,
    auth: { authenticate },
    takeaway: { assertStaffOf: async () => undefined },
    orders: {
      boardOf: async (canteenId, date) => ({
        canteenId,
        date,
        summary: { counts: { placed: 0, collected: 0, cancelled: 0, expired: 0 }, slots: [], prepList: [] },
        orders: [],
        nextCursor: null,
      }),
      boardOrders: async (ids) => ids.map(order),
      summaryOf: async () => ({
        counts: { placed: 0, collected: 0, cancelled: 0, expired: 0 },
        slots: [],
        prepList: [],
      }),
    },
    clock: createTestClock(),
    recheckMs: 5,
  });
  const push = (orderId: string) => bus.publish(ORDER_EVENTS, { canteenId: 'c1', date: DATE, orderIds: [orderId] });
  return { board, bus, push };
}

describe('live board service: sessions that end', () => {
  it('the idle re-check closes a board whose token stopped working, without any order arriving', async () => {
    const valid = new Set(['a', 'b']);
    const { board, bus, push } = setup(async (token) => {
      if (!token || !valid.has(token)) throw unauthenticated();
      return { person, tokenHash: token };
    });
    try {
      const leaving = fakePeer();
      const staying = fakePeer();
      await board.open(leaving.peer, { canteenId: 'c1', date: DATE, token: 'a' });
      await board.open(staying.peer, { canteenId: 'c1', date: DATE, token: 'b' });
      expect(board.watching('c1')).toBe(2);

      valid.delete('a');
      expect(await leaving.closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED' });
      expect(board.watching('c1')).toBe(1);

      await push('o1');
      await staying.until((m) => m.type === 'orders');
      expect(leaving.messages.map((m) => m.type)).toEqual(['ready', 'error']);
      expect(staying.messages.map((m) => m.type)).toEqual(['ready', 'orders']);
    } finally {
      board.close();
      await bus.close();
    }
  });

  it('a check that fails for a reason of ours closes with 1011 (the app reconnects) instead of refusing', async () => {
    let failing = false;
    const { board, bus } = setup(async (token) => {
      if (failing) throw new Error('database unreachable');
      return { person, tokenHash: token ?? '' };
    });
    try {
      const peer = fakePeer();
      await board.open(peer.peer, { canteenId: 'c1', date: DATE, token: 'a' });
      failing = true;
      expect(await peer.closed).toEqual({ code: 1011, reason: 'INTERNAL' });
      expect(peer.messages[1]).toMatchObject({ type: 'error', error: { code: 'INTERNAL' } });
      expect(board.watching('c1')).toBe(0);
    } finally {
      board.close();
      await bus.close();
    }
  });

  it('a disabled account is refused with 4403', async () => {
    let disabled = false;
    const { board, bus } = setup(async (token) => {
      if (disabled) throw new DomainError('USER_DISABLED', 403);
      return { person, tokenHash: token ?? '' };
    });
    try {
      const peer = fakePeer();
      await board.open(peer.peer, { canteenId: 'c1', date: DATE, token: 'a' });
      disabled = true;
      expect(await peer.closed).toEqual({ code: 4403, reason: 'USER_DISABLED' });
    } finally {
      board.close();
      await bus.close();
    }
  });

  it('a closed day reaches every board of that canteen and day, and no other', async () => {
    const { board, bus } = setup(async (token) => ({ person, tokenHash: token ?? '' }));
    try {
      const first = fakePeer();
      const second = fakePeer();
      const otherDay = fakePeer();
      await board.open(first.peer, { canteenId: 'c1', date: DATE, token: 'a' });
      await board.open(second.peer, { canteenId: 'c1', date: DATE, token: 'b' });
      await board.open(otherDay.peer, { canteenId: 'c1', date: '2026-11-22', token: 'c' });
      const closedAt = '2026-11-21T20:30:00.000+08:00';
      await bus.publish(DAY_CLOSED_EVENTS, { canteenId: 'c2', date: DATE, closedAt: 'x' });
      await bus.publish(DAY_CLOSED_EVENTS, { canteenId: 'c1', date: DATE, closedAt });
      await first.until((m) => m.type === 'closed');
      await second.until((m) => m.type === 'closed');
      expect(first.messages.slice(1)).toEqual([{ type: 'closed', closedAt }]);
      expect(second.messages.slice(1)).toEqual([{ type: 'closed', closedAt }]);
      expect(otherDay.messages.map((m) => m.type)).toEqual(['ready']);
    } finally {
      board.close();
      await bus.close();
    }
  });
});
