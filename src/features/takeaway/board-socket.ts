import Taro from '@tarojs/taro';
import type { BoardServerMessage } from '@contract/takeaway.schema';
import { isErrorCode, type ErrorCode } from '@contract/errors';
import { socketUrl } from './socket-url';

/** connecting → live; a dropped line retries with back-off; a refusal (not this canteen's staff) stops. */
export type BoardLinkState = 'connecting' | 'live' | 'retrying' | 'refused';

export interface BoardLinkHandlers {
  onMessage(message: BoardServerMessage): void;
  onState(state: BoardLinkState, error?: ErrorCode): void;
}

const MAX_BACKOFF_MS = 15_000;

/**
 * Opens the canteen's live board over `Taro.connectSocket` (a WebSocket on H5, wx.connectSocket on
 * WeChat). The token goes in a first `auth` message, not the URL (kept out of access logs). After
 * every (re)connect the server sends the whole day (`ready`), so nothing is missed while away.
 * Answers the function that closes it for good.
 */
export function connectBoard(
  target: { canteenId: string; date: string; token: () => string | null },
  handlers: BoardLinkHandlers,
): () => void {
  const url = socketUrl(
    `/canteens/${encodeURIComponent(target.canteenId)}/board/ws?date=${encodeURIComponent(target.date)}`,
  );
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let task: Taro.SocketTask | null = null;

  const retryLater = () => {
    if (stopped) return;
    failures += 1;
    handlers.onState('retrying');
    timer = setTimeout(() => void open(), Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1)));
  };

  const open = async () => {
    if (stopped) return;
    handlers.onState(failures === 0 ? 'connecting' : 'retrying');
    let socket: Taro.SocketTask;
    try {
      socket = await Taro.connectSocket({ url });
    } catch {
      retryLater();
      return;
    }
    if (stopped) {
      socket.close({});
      return;
    }
    task = socket;
    let refused = false;
    socket.onOpen(() => {
      socket.send({ data: JSON.stringify({ type: 'auth', token: target.token() ?? '' }) });
    });
    socket.onMessage((event) => {
      let message: BoardServerMessage;
      try {
        message = JSON.parse(String(event.data)) as BoardServerMessage;
      } catch {
        return;
      }
      if (message.type === 'error') {
        refused = true;
        handlers.onState('refused', isErrorCode(message.error.code) ? message.error.code : 'INTERNAL');
        return;
      }
      if (message.type === 'ready') {
        failures = 0;
        handlers.onState('live');
      }
      handlers.onMessage(message);
    });
    socket.onError(() => undefined); // a close follows
    socket.onClose(() => {
      if (task === socket) task = null;
      if (!refused) retryLater();
    });
  };

  void open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    task?.close({});
    task = null;
  };
}
