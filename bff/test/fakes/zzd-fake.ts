/**
 * A local stand-in for the 政务钉钉 / 浙政钉 open-platform gateway: `GET /gettoken.json`,
 * `POST /rpc/oauth2/dingtalk_app_user.json` and `POST /message/workNotification` (work notices, kept
 * once per bizMsgId as the platform does). Like the real gateway it refuses any request whose
 * HMAC headers do not hold up (api key, version, timestamp within a few minutes of its clock, nonce
 * never seen before, signature recomputed from the request as received), and answers in the
 * platform's `{ success, content: { success, responseCode, responseMessage, data } }` envelope.
 *
 * The signature check is written here from the protocol, not imported from the client, so a mistake
 * in the client's signing cannot hide behind the same mistake in the fake.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../src/lib/time';

export interface ZzdFakeUser {
  /** A Long on the wire, as the platform sends it. */
  accountId: number;
  lastName: string;
  nickNameCn?: string;
  employeeCode?: string;
  account?: string;
  /** The tenant; dingtalk_app_user calls it realm. */
  realmId?: number;
  realmName?: string;
}

/** What the next matching request gets instead of a normal answer. */
export type ZzdFailure =
  | 'busy' // 503 from the gateway
  | 'http-500' // an HTML error page from a proxy
  | 'not-json' // a 200 with a body that is not JSON
  | 'hang' // never answers
  | 'token-invalid' // user endpoint only: 240133 although the token is fine
  | 'no-account' // user endpoint only: success without accountId
  | 'lost-answer'; // work notice only: the notice is taken, then the connection drops before the answer

/** Why the gateway refused a request before reaching the API. */
export type ZzdRejection =
  | 'MissingHeader'
  | 'InvalidVersion'
  | 'InvalidApiKey'
  | 'InvalidTimestamp'
  | 'SignatureDoesNotMatch'
  | 'NonceUsed';

export interface ZzdFakeOptions {
  appKey: string;
  appSecret: string;
  /** The gateway's clock: checks timestamps, ages codes and tokens. Share one with the test. */
  clock?: Clock;
  tokenTtlSeconds?: number;
  maxClockSkewMs?: number;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

const TOKEN_PATH = '/gettoken.json';
const USER_PATH = '/rpc/oauth2/dingtalk_app_user.json';
const NOTICE_PATH = '/message/workNotification';
/** The platform's limit for a notice's text, in bytes of UTF-8. */
const NOTICE_MAX_BYTES = 2048;
const CODE_TTL_MS = 5 * 60 * 1000;
const USER_ONLY: ReadonlySet<ZzdFailure> = new Set(['token-invalid', 'no-account']);
const NOTICE_ONLY: ReadonlySet<ZzdFailure> = new Set(['lost-answer']);
/** Only OPF-B001-05-16-0009 is documented; the other gateway codes here are stand-ins. */
const REJECTION_CODES: Record<ZzdRejection, string> = {
  MissingHeader: 'OPF-B001-05-16-0001',
  InvalidVersion: 'OPF-B001-05-16-0002',
  InvalidApiKey: 'OPF-B001-05-16-0003',
  InvalidTimestamp: 'OPF-B001-05-16-0004',
  NonceUsed: 'OPF-B001-05-16-0005',
  SignatureDoesNotMatch: 'OPF-B001-05-16-0009',
};
const SIGNED_HEADERS = [
  'x-hmac-auth-timestamp',
  'x-hmac-auth-version',
  'x-hmac-auth-nonce',
  'apikey',
  'x-hmac-auth-signature',
  'x-hmac-auth-ip',
  'x-hmac-auth-mac',
];

interface IssuedCode {
  user: ZzdFakeUser;
  issuedAtMs: number;
  used: boolean;
}

export class ZzdFake {
  /** Requests per API that got past the path check, whatever the answer. */
  readonly counts = { gettoken: 0, appUser: 0, workNotice: 0 };
  /** Work notices shown to people: one per bizMsgId, however often it was sent. */
  readonly notices: { tenantId: string; receiverIds: string; bizMsgId: string; content: string; url?: string }[] = [];
  /** Gateway refusals, in order. */
  readonly rejections: ZzdRejection[] = [];
  /** Every request as received, so a test can replay one. */
  readonly received: ReceivedRequest[] = [];
  /** Tokens handed out, in order (a renewal of a valid token hands out the same one again). */
  readonly tokensIssued: string[] = [];

  private server: Server | undefined;
  private readonly clock: Clock;
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, number>(); // token → expires at (ms)
  private currentToken: string | undefined;
  private readonly nonces = new Set<string>();
  private readonly failures: ZzdFailure[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private hold: { arrived: () => void; released: Promise<void> } | undefined;

  constructor(private readonly options: ZzdFakeOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async start(): Promise<{ baseUrl: string }> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** An auth code as `getAuthCode` would give the H5 app, bound to this user. */
  issueCode(user: ZzdFakeUser): string {
    // Real codes look like 40 hex characters.
    const code = randomBytes(20).toString('hex');
    this.codes.set(code, { user, issuedAtMs: this.clock.now().getTime(), used: false });
    return code;
  }

  /** The platform ends every token before its expiresIn, as it may do at any time. */
  revokeTokens(): void {
    this.tokens.clear();
    this.currentToken = undefined;
  }

  /**
   * The next user look-up waits, unanswered, until `release` is called: lets a test order answers that
   * would otherwise race. `arrived` resolves once that request is in.
   */
  holdNextLookUp(): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.hold = { arrived, released };
    return { arrived: arrivedPromise, release };
  }

  /** `token-invalid` and `no-account` wait for a user request, `lost-answer` for a work notice; the others hit the next request of any kind. */
  failNext(failure: ZzdFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  private takeFailure(path: string): ZzdFailure | undefined {
    const index = this.failures.findIndex(
      (f) => (path === USER_PATH || !USER_ONLY.has(f)) && (path === NOTICE_PATH || !NOTICE_ONLY.has(f)),
    );
    return index === -1 ? undefined : this.failures.splice(index, 1)[0];
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
    this.received.push({ method: req.method ?? '', url: req.url ?? '/', headers, body });

    const url = new URL(req.url ?? '/', 'http://fake');
    const route =
      url.pathname === TOKEN_PATH && req.method === 'GET'
        ? 'gettoken'
        : url.pathname === USER_PATH && req.method === 'POST'
          ? 'appUser'
          : url.pathname === NOTICE_PATH && req.method === 'POST'
            ? 'workNotice'
            : undefined;
    if (!route)
      return this.send(res, 404, { success: false, errorCode: 'OPF-B001-05-01-0001', errorMsg: 'ApiNotFound' });
    this.counts[route] += 1;
    if (route === 'appUser' && this.hold) {
      const { arrived, released } = this.hold;
      this.hold = undefined;
      arrived();
      await released;
    }

    const failure = this.takeFailure(url.pathname);
    if (failure && !USER_ONLY.has(failure) && !NOTICE_ONLY.has(failure)) return this.fail(failure, res);

    // Parameters come from the query on GET and from the form body on POST, and both are signed.
    let params: URLSearchParams;
    if (req.method === 'GET') params = url.searchParams;
    else {
      if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return this.send(res, 200, {
          success: false,
          errorCode: 'OPF-B001-05-02-0001',
          errorMsg: 'UnsupportedContentType',
        });
      }
      params = new URLSearchParams(body);
    }

    const rejection = this.verifyGateway(req.method ?? '', url.pathname, headers, params);
    if (rejection) {
      this.rejections.push(rejection);
      return this.send(res, 200, { success: false, errorCode: REJECTION_CODES[rejection], errorMsg: rejection });
    }

    if (route === 'gettoken') return this.getToken(res, params);
    if (route === 'workNotice') return this.workNotice(res, params, failure === 'lost-answer');
    return this.appUser(res, params, failure);
  }

  private verifyGateway(method: string, path: string, headers: Record<string, string>, params: URLSearchParams) {
    if (SIGNED_HEADERS.some((name) => headers[name] === undefined)) return 'MissingHeader' as const;
    if (headers['x-hmac-auth-version'] !== '1.0') return 'InvalidVersion' as const;
    if (headers.apikey !== this.options.appKey) return 'InvalidApiKey' as const;

    const timestamp = headers['x-hmac-auth-timestamp'];
    const sentAt = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/.test(timestamp) ? Date.parse(timestamp) : NaN;
    const skew = this.options.maxClockSkewMs ?? 5 * 60 * 1000;
    if (!Number.isFinite(sentAt) || Math.abs(this.clock.now().getTime() - sentAt) > skew)
      return 'InvalidTimestamp' as const;

    const nonce = headers['x-hmac-auth-nonce'];
    const sorted = [...params.entries()].sort(([a, va], [b, vb]) => (a === b ? (va < vb ? -1 : 1) : a < b ? -1 : 1));
    let signed = `${method}\n${timestamp}\n${nonce}\n${path}`;
    if (sorted.length > 0) signed += `\n${sorted.map(([k, v]) => `${k}=${v}`).join('&')}`;
    const expected = createHmac('sha256', this.options.appSecret).update(signed, 'utf8').digest();
    const given = Buffer.from(headers['x-hmac-auth-signature'], 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'SignatureDoesNotMatch' as const;

    // Recorded only for well-signed requests, so nobody can burn another caller's nonces.
    if (!nonce || this.nonces.has(nonce)) return 'NonceUsed' as const;
    this.nonces.add(nonce);
    return undefined;
  }

  private getToken(res: ServerResponse, params: URLSearchParams): void {
    if (params.get('appkey') !== this.options.appKey || params.get('appsecret') !== this.options.appSecret) {
      return this.send(res, 200, {
        success: true,
        content: { success: false, responseCode: '240001', responseMessage: 'appkey或appsecret不正确' },
      });
    }
    const now = this.clock.now().getTime();
    const ttlSeconds = this.options.tokenTtlSeconds ?? 7200;
    // Documented: asking again while a token is valid returns the same token and extends it.
    const current = this.currentToken;
    const token = current && (this.tokens.get(current) ?? 0) > now ? current : randomBytes(16).toString('hex');
    this.tokens.set(token, now + ttlSeconds * 1000);
    this.currentToken = token;
    this.tokensIssued.push(token);
    this.send(res, 200, {
      success: true,
      content: {
        success: true,
        requestId: randomBytes(15).toString('hex'),
        responseCode: '0',
        responseMessage: 'OK',
        // A string, as in the platform's documented answer.
        data: { accessToken: token, expiresIn: String(ttlSeconds) },
      },
    });
  }

  private appUser(res: ServerResponse, params: URLSearchParams, failure: ZzdFailure | undefined): void {
    const now = this.clock.now().getTime();
    const token = params.get('access_token') ?? '';
    const tokenExpiresAt = this.tokens.get(token);
    if (failure === 'token-invalid' || tokenExpiresAt === undefined || tokenExpiresAt <= now) {
      return this.businessError(res, '240133', '应用accessToken失效或不存在');
    }
    const code = this.codes.get(params.get('auth_code') ?? '');
    if (!code || code.used || now - code.issuedAtMs > CODE_TTL_MS) {
      return this.businessError(res, '240111', 'code失效或不存在');
    }
    code.used = true;
    const { user } = code;
    const data: Record<string, unknown> = {
      account: user.account ?? `user${user.accountId}`,
      accountId: failure === 'no-account' ? undefined : user.accountId,
      clientId: 'shuzhi-houqin',
      employeeCode: user.employeeCode,
      lastName: user.lastName,
      namespace: 'local',
      nickNameCn: user.nickNameCn ?? user.lastName,
      openid: randomBytes(16).toString('hex'),
      realmId: user.realmId,
      realmName: user.realmName,
      tenantUserId: user.realmId === undefined ? undefined : `${user.realmId}$${user.accountId}`,
    };
    this.send(res, 200, {
      success: true,
      content: { success: true, responseCode: '0', responseMessage: '成功', data },
    });
  }

  private workNotice(res: ServerResponse, params: URLSearchParams, loseAnswer: boolean): void {
    const tenantId = params.get('tenantId') ?? '';
    const receiverIds = params.get('receiverIds') ?? '';
    const bizMsgId = params.get('bizMsgId') ?? '';
    if (!tenantId || !receiverIds) return this.businessError(res, '400001', '参数错误');
    let content: unknown;
    let url: unknown;
    try {
      const msg = JSON.parse(params.get('msg') ?? '') as {
        msgtype?: unknown;
        text?: { content?: unknown };
        action_card?: { title?: unknown; markdown?: unknown; single_title?: unknown; single_url?: unknown };
      };
      if (msg.msgtype === 'text') content = msg.text?.content;
      if (msg.msgtype === 'action_card' && typeof msg.action_card?.title === 'string' && msg.action_card.single_title) {
        content = msg.action_card.markdown;
        url = msg.action_card.single_url;
      }
    } catch {
      content = undefined;
    }
    if (typeof content !== 'string' || content === '') return this.businessError(res, '400002', 'msg格式错误');
    if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url)))
      return this.businessError(res, '400002', 'msg格式错误');
    if (Buffer.byteLength(content, 'utf8') > NOTICE_MAX_BYTES) return this.businessError(res, '400003', '消息过长');
    // The platform keeps one notice per bizMsgId: a repeat is answered as a success and shows nothing new.
    if (!bizMsgId || !this.notices.some((n) => n.bizMsgId === bizMsgId)) {
      this.notices.push({ tenantId, receiverIds, bizMsgId, content, ...(typeof url === 'string' ? { url } : {}) });
    }
    if (loseAnswer) {
      res.destroy();
      return;
    }
    this.send(res, 200, {
      success: true,
      content: {
        success: true,
        responseCode: '0',
        responseMessage: '成功',
        data: { msgId: randomBytes(16).toString('hex') },
      },
    });
  }

  private businessError(res: ServerResponse, responseCode: string, responseMessage: string): void {
    this.send(res, 200, { success: true, content: { success: false, responseCode, responseMessage } });
  }

  private fail(failure: ZzdFailure, res: ServerResponse): void {
    switch (failure) {
      case 'busy':
        return this.send(res, 503, {
          success: false,
          errorCode: 'OPF-B001-05-99-0001',
          errorMsg: 'ServiceUnavailable',
        });
      case 'http-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>500 Internal Server Error</body></html>');
        return;
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
        return;
      case 'hang':
        this.hanging.add(res);
        return;
      default:
        return;
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
  }
}
