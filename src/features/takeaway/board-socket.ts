import Taro from '@tarojs/taro';
import type { BoardServerMessage } from '@contract/takeaway.schema';
import { isErrorCode, type ErrorCode } from '@contract/errors';
import { BOARD_CLOSE_CODES } from '@contract/takeaway';
import { socketUrl } from './socket-url';

/**
 * connecting → live; a dropped line (or a failure on the server's side) retries with back-off; a
 * refusal stops: at sign-in, or later when the session ends or the person may no longer watch.
 */
export type BoardLinkState = 'connecting' | 'live' | 'retrying' | 'refused';

/** What a close code alone says when no error message came before it (WeChat reports close codes; H5 does not). */
function refusalOfClose(code: number | undefined): ErrorCode | null {
  if (code === BOARD_CLOSE_CODES.unauthenticated) return 'UNAUTHENTICATED';
  if (code === BOARD_CLOSE_CODES.forbidden) return 'FORBIDDEN';
  return null;
}

export interface BoardLinkHandlers {
  onMessage(message: BoardServerMessage): void;
  onState(state: BoardLinkState, error?: ErrorCode): void;
}

const MAX_BACKOFF_MS = 15_000;

/**
 * Opens the canteen's live board over `Taro.connectSocket` (a WebSocket on H5, wx.connectSocket on
 * WeChat). The token goes in a first `auth` message, not the URL (kept out of access logs). After
 * every (re)connect the server sends the whole day (`ready`), so nothing is missed while away.
 * The server re-checks the session while the board is open: when it ends (logout, expiry) or the
 * person may no longer watch, an `error` message arrives and the line closes (4401 / 4403);
 * `onState('refused', code)` reports it and nothing reconnects. Answers the function that closes it for good.
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
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1));
    // Between half and all of the back-off: boards dropped together (a server restart) come back spread out.
    timer = setTimeout(() => void open(), backoff / 2 + Math.random() * (backoff / 2));
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
        // INTERNAL: the server failed, not this person; the close that follows reconnects later.
        if (message.error.code === 'INTERNAL') return;
        refused = true;
        handlers.onState('refused', isErrorCode(message.error.code) ? message.error.code : 'FORBIDDEN');
        return;
      }
      if (message.type === 'ready') {
        failures = 0;
        handlers.onState('live');
      }
      handlers.onMessage(message);
    });
    socket.onError(() => undefined); // a close follows
    socket.onClose((result?: { code?: number }) => {
      if (task === socket) task = null;
      if (refused || stopped) return;
      const refusal = refusalOfClose(result?.code);
      if (refusal) handlers.onState('refused', refusal);
      else retryLater();
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
