import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBodySchema } from '@contract/common.schema';
import { ERROR_MESSAGES } from '@contract/errors';
import { BOARD_CLOSE_CODES } from '@contract/takeaway';
import {
  BoardSocketQuerySchema,
  TakeawayCanteenParamsSchema,
  type BoardServerMessage,
} from '@contract/takeaway.schema';
import { BOARD_RECHECK_MS, type BoardService } from './board.service';

/** A socket that has not signed in by then is closed. */
const SIGN_IN_WITHIN_MS = 10_000;

/**
 * GET /api/canteens/:canteenId/board/ws — the canteen's live order board over WebSocket.
 * Sign in with `?token=` or a first message `{"type":"auth","token":"…"}` (which keeps the token
 * out of URLs and access logs). See BoardServerMessage in the contract for what is sent.
 */
export function registerBoardRoutes(app: FastifyInstance, deps: { board: BoardService }): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // The full declaration (an HTTP handler beside wsHandler) keeps the route in the OpenAPI
  // document; `websocket: true` alone would hide it. Plain HTTP gets 426 Upgrade Required.
  api.route({
    method: 'GET',
    url: '/api/canteens/:canteenId/board/ws',
    schema: {
      tags: ['takeaway'],
      summary: '食堂实时订单看板（WebSocket；仅本食堂工作人员）',
      description:
        '用 WebSocket 连接。登录：查询参数 token，或连接后先发送 {"type":"auth","token":"…"}。' +
        '服务端先发 {"type":"ready","board":…}（当天汇总与待取餐订单第一页），之后每有新订单或订单变化只发这些订单 {"type":"orders","orders":[…]}，' +
        '并在变化后至多每秒发一次数据库重新汇总的 {"type":"summary","summary":…}；' +
        '当天外卖被结束（任一设备点“结束今天”）时发 {"type":"closed","closedAt":…}；' +
        '无权限时发 {"type":"error",…} 并以 4401/4403 关闭（关闭原因为错误码）。' +
        `连接期间每次推送前及空闲时每 ${BOARD_RECHECK_MS / 1000} 秒重新核验登录与食堂工作人员身份：` +
        '退出登录、登录过期、失去食堂角色或不再是本食堂工作人员时，同样先发 {"type":"error",…}，' +
        '再以 4401（需重新登录）或 4403（无权限）关闭，之后不再推送。',
      params: TakeawayCanteenParamsSchema,
      querystring: BoardSocketQuerySchema,
      response: { 426: ErrorBodySchema },
    },
    handler: async (_request, reply) =>
      reply
        .status(426)
        .send({ error: { code: 'BAD_REQUEST', message: '实时看板需要 WebSocket 连接，请升级客户端后重试' } }),
    wsHandler: (socket, request) => {
      let stop: (() => void) | undefined;
      let signingIn = false;
      let closed = false;
      const peer = {
        send(message: BoardServerMessage) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        },
        close(code: number, reason?: string) {
          socket.close(code, reason);
        },
      };
      const signIn = (token: string | undefined) => {
        signingIn = true;
        clearTimeout(deadline);
        void deps.board
          .open(peer, { canteenId: request.params.canteenId, date: request.query.date, token })
          .then((stopWatching) => {
            if (closed) stopWatching();
            else stop = stopWatching;
          });
      };
      const deadline = setTimeout(() => {
        peer.send({ type: 'error', error: { code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED } });
        peer.close(BOARD_CLOSE_CODES.unauthenticated, 'UNAUTHENTICATED');
      }, SIGN_IN_WITHIN_MS);
      deadline.unref();

      // Handlers are attached before any await, so a first message is never missed.
      socket.on('message', (data) => {
        if (signingIn) return; // after sign-in the board only talks; client messages are ignored
        let token: string | undefined;
        try {
          const message = JSON.parse(data.toString()) as { type?: unknown; token?: unknown };
          if (message.type === 'auth' && typeof message.token === 'string') token = message.token;
        } catch {
          // not JSON: treated as a missing token below
        }
        signIn(token);
      });
      socket.on('close', () => {
        closed = true;
        clearTimeout(deadline);
        stop?.();
      });
      if (request.query.token) signIn(request.query.token);
    },
  });
}
