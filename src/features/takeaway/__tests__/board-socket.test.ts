import Taro from '@tarojs/taro';
import { waitFor } from '@testing-library/react';
import type { BoardServerMessage } from '@contract/takeaway.schema';
import { connectBoard, type BoardLinkState } from '../board-socket';

/** A stand-in for Taro's SocketTask that the test drives like a server would. */
class FakeSocket {
  sent: string[] = [];
  closedByClient = false;
  private handlers: Record<string, (arg?: unknown) => void> = {};
  send(option: { data: string }) {
    this.sent.push(option.data);
  }
  close() {
    this.closedByClient = true;
  }
  onOpen(fn: () => void) {
    this.handlers.open = fn;
  }
  onMessage(fn: (event: { data: string }) => void) {
    this.handlers.message = fn as (arg?: unknown) => void;
  }
  onError(fn: () => void) {
    this.handlers.error = fn;
  }
  onClose(fn: (result?: { code: number; reason: string }) => void) {
    this.handlers.close = fn as (arg?: unknown) => void;
  }
  serverOpens() {
    this.handlers.open?.();
  }
  serverSends(message: BoardServerMessage) {
    this.handlers.message?.({ data: JSON.stringify(message) });
  }
  /** H5 reports no close code (Taro's SocketTask answers 1006); WeChat reports the server's. */
  serverCloses(result?: { code: number; reason: string }) {
    this.handlers.close?.(result);
  }
}

const taro = Taro as unknown as { connectSocket?: (option: { url: string }) => Promise<FakeSocket> };
let sockets: FakeSocket[];
let states: [BoardLinkState, string | undefined][];

beforeEach(() => {
  sockets = [];
  states = [];
  taro.connectSocket = async () => {
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  };
});
afterEach(() => {
  delete taro.connectSocket;
  jest.useRealTimers();
});

async function connect(): Promise<{ socket: FakeSocket; close: () => void }> {
  const close = connectBoard(
    { canteenId: 'canteen-1', date: '2026-11-21', token: () => 'tok' },
    { onMessage: () => undefined, onState: (state, error) => states.push([state, error]) },
  );
  await waitFor(() => expect(sockets).toHaveLength(1));
  const socket = sockets[0];
  socket.serverOpens();
  expect(JSON.parse(socket.sent[0])).toEqual({ type: 'auth', token: 'tok' });
  socket.serverSends({
    type: 'ready',
    board: {
      canteenId: 'canteen-1',
      date: '2026-11-21',
      summary: { counts: { placed: 0, collected: 0, cancelled: 0, expired: 0 }, slots: [], prepList: [] },
      orders: [],
      nextCursor: null,
    },
  });
  return { socket, close };
}

describe('board socket: when the server ends the board', () => {
  it('an error message then the close (H5: no close code) is a refusal with the code, and nothing reconnects', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { socket } = await connect();
    socket.serverSends({ type: 'error', error: { code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' } });
    socket.serverCloses();
    jest.advanceTimersByTime(60_000);
    expect(states).toEqual([
      ['connecting', undefined],
      ['live', undefined],
      ['refused', 'TOKEN_EXPIRED'],
    ]);
    expect(sockets).toHaveLength(1);
  });

  it('on WeChat a bare close with 4401 or 4403 is understood too', async () => {
    const first = await connect();
    first.socket.serverCloses({ code: 4401, reason: 'UNAUTHENTICATED' });
    expect(states[states.length - 1]).toEqual(['refused', 'UNAUTHENTICATED']);
    first.close();

    sockets = [];
    const second = await connect();
    second.socket.serverCloses({ code: 4403, reason: 'NOT_CANTEEN_STAFF' });
    expect(states[states.length - 1]).toEqual(['refused', 'FORBIDDEN']);
    second.close();
  });

  it('a failure on the server’s side (INTERNAL, 1011) reconnects with back-off instead of giving up', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    const { socket, close } = await connect();
    socket.serverSends({ type: 'error', error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' } });
    socket.serverCloses({ code: 1011, reason: 'INTERNAL' });
    expect(states[states.length - 1]).toEqual(['retrying', undefined]);
    // The first retry comes after half to all of a second (spread, so boards dropped together do not return together).
    jest.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(501);
    await waitFor(() => expect(sockets).toHaveLength(2));
    close();
  });
});
