/**
 * A local stand-in for WeChat's `GET /sns/jscode2session`, `GET /cgi-bin/token` and
 * `POST /cgi-bin/message/subscribe/send`, close enough to the real ones that a client which passes
 * here is wrong only where WeChat's documentation is. It checks every parameter, keeps codes
 * single-use with a 5-minute life, access tokens valid for `expires_in` (a new one ends the old),
 * a subscription good for one message (43101 without one), answers errors with HTTP 200 and
 * `{errcode, errmsg}`, and can be told to misbehave for the next requests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../src/lib/time';

export interface WechatFakeIdentity {
  openId: string;
  unionId?: string;
}

/** What the next request(s) get instead of a normal answer. */
export type WechatFailure =
  | 'busy' // errcode -1, system error
  | 'rate-limited' // errcode 45011
  | 'high-risk' // errcode 40226, the user is blocked
  | 'http-500' // an HTML error page from a proxy
  | 'not-json' // a 200 with a body that is not JSON
  | 'no-openid' // a 200 JSON answer that lacks openid
  | 'hang'; // never answers

export interface WechatFakeOptions {
  appId: string;
  appSecret: string;
  /** Ages issued codes and tokens; share one with the test to expire them without sleeping. */
  clock?: Clock;
  /** The subscribe-message template the app has; its keys and their kinds (thing, time …). */
  template?: { id: string; keys: string[] };
  tokenTtlSeconds?: number;
}

/** A subscribe message WeChat showed a person. */
export interface ShownSubscribeMessage {
  touser: string;
  page: string;
  data: Record<string, string>;
}

const CODE_TTL_MS = 5 * 60 * 1000;

interface IssuedCode {
  identity: WechatFakeIdentity;
  issuedAtMs: number;
  used: boolean;
}

export class WechatFake {
  /** jscode2session requests received, whatever the answer. */
  requests = 0;
  /** errcode of the last error answer (0 after a success), so tests can see which refusal happened. */
  lastErrcode: number | undefined;
  /** The session_key handed out last: a test checks it never comes out of the client. */
  lastSessionKey: string | undefined;

  /** Requests per subscribe-push API, whatever the answer. */
  readonly counts = { token: 0, subscribeSend: 0 };
  /** Access tokens handed out (a request refused or failed hands out none). */
  tokensIssued = 0;
  /** Subscribe messages shown to people, in order. */
  readonly shown: ShownSubscribeMessage[] = [];

  private server: Server | undefined;
  private readonly codes = new Map<string, IssuedCode>();
  private readonly tokens = new Map<string, number>(); // token → expires at (ms)
  /** openid → one-time consents left (requestSubscribeMessage accepted in the app). */
  private readonly consents = new Map<string, number>();
  private readonly failures: WechatFailure[] = [];
  private readonly hanging = new Set<ServerResponse>();
  private readonly clock: Clock;

  constructor(private readonly options: WechatFakeOptions) {
    this.clock = options.clock ?? systemClock;
  }

  async start(): Promise<{ baseUrl: string }> {
    const server = createServer((req, res) => this.handle(req, res));
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

  /** A code as `wx.login` would give the mini-program, bound to this identity. */
  issueCode(identity: WechatFakeIdentity): string {
    // Real codes are 32 URL-safe characters.
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { identity, issuedAtMs: this.clock.now().getTime(), used: false });
    return code;
  }

  /** The person tapped 允许 in requestSubscribeMessage: one message may be sent to them. */
  subscribe(openId: string, times = 1): void {
    this.consents.set(openId, (this.consents.get(openId) ?? 0) + times);
  }

  /** WeChat ends every token early (as when another server fetched a new one). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  failNext(failure: WechatFailure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      this.counts.token += 1;
      const failure = this.failures.shift();
      if (failure) return this.fail(failure, res);
      return this.token(res, url.searchParams);
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      this.counts.subscribeSend += 1;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const failure = this.failures.shift();
        if (failure) return this.fail(failure, res);
        this.subscribeSend(res, url.searchParams, Buffer.concat(chunks).toString('utf8'));
      });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
      return;
    }
    this.requests += 1;

    const failure = this.failures.shift();
    if (failure) return this.fail(failure, res);

    const q = url.searchParams;
    // The order WeChat itself appears to check in: app credentials first, then the request, then the code.
    if (q.get('appid') !== this.options.appId) return this.error(res, 40013, 'invalid appid');
    if (q.get('secret') !== this.options.appSecret) return this.error(res, 40125, 'invalid appsecret');
    if (q.get('grant_type') !== 'authorization_code') return this.error(res, 40002, 'invalid grant_type');
    const code = q.get('js_code');
    if (!code) return this.error(res, 41008, 'missing code');
    const issued = this.codes.get(code);
    if (!issued) return this.error(res, 40029, 'invalid code');
    if (issued.used) return this.error(res, 40163, 'code been used');
    // An expired code gets the same answer as an unknown one.
    if (this.clock.now().getTime() - issued.issuedAtMs > CODE_TTL_MS) return this.error(res, 40029, 'invalid code');

    issued.used = true;
    this.lastErrcode = 0;
    this.lastSessionKey = randomBytes(16).toString('base64');
    const answer: Record<string, string> = { session_key: this.lastSessionKey, openid: issued.identity.openId };
    if (issued.identity.unionId) answer.unionid = issued.identity.unionId;
    // WeChat serves this answer as text/plain, so a client that trusts the content type breaks here.
    res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(answer));
  }

  private token(res: ServerResponse, q: URLSearchParams): void {
    if (q.get('grant_type') !== 'client_credential') return this.error(res, 40002, 'invalid grant_type');
    if (q.get('appid') !== this.options.appId) return this.error(res, 40013, 'invalid appid');
    if (q.get('secret') !== this.options.appSecret) return this.error(res, 40125, 'invalid appsecret');
    const ttl = this.options.tokenTtlSeconds ?? 7200;
    // A new token ends the ones before it (WeChat keeps the old one a few minutes; here: at once).
    this.tokens.clear();
    const token = randomBytes(24).toString('base64url');
    this.tokensIssued += 1;
    this.tokens.set(token, this.clock.now().getTime() + ttl * 1000);
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, expires_in: ttl }));
  }

  private subscribeSend(res: ServerResponse, q: URLSearchParams, raw: string): void {
    const expiresAt = this.tokens.get(q.get('access_token') ?? '');
    if (expiresAt === undefined)
      return this.error(res, 40001, 'invalid credential, access_token is invalid or not latest');
    if (expiresAt <= this.clock.now().getTime()) return this.error(res, 42001, 'access_token expired');
    let body: { touser?: unknown; template_id?: unknown; page?: unknown; data?: unknown };
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      return this.error(res, 47001, 'data format error');
    }
    const template = this.options.template;
    if (typeof body.touser !== 'string' || body.touser === '') return this.error(res, 40003, 'invalid openid');
    if (!template || body.template_id !== template.id) return this.error(res, 40037, 'invalid template_id');
    const data: Record<string, string> = {};
    const given = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Record<string, unknown>;
    for (const key of template.keys) {
      const value = (given[key] as { value?: unknown } | undefined)?.value;
      // A thing holds at most 20 characters; a time is `YYYY年MM月DD日 HH:mm` (or a plain time).
      const ok =
        typeof value === 'string' &&
        value !== '' &&
        (key.startsWith('thing')
          ? Array.from(value).length <= 20
          : !key.startsWith('time') || /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/.test(value));
      if (!ok) return this.error(res, 47003, `argument invalid! data.${key}.value invalid`);
      data[key] = value as string;
    }
    const left = this.consents.get(body.touser) ?? 0;
    if (left <= 0) return this.error(res, 43101, 'user refuse to accept the msg');
    this.consents.set(body.touser, left - 1);
    this.shown.push({ touser: body.touser, page: typeof body.page === 'string' ? body.page : '', data });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
  }

  private error(res: ServerResponse, errcode: number, errmsg: string): void {
    this.lastErrcode = errcode;
    const rid = randomBytes(6).toString('hex');
    res
      .writeHead(200, { 'content-type': 'application/json; encoding=utf-8' })
      .end(JSON.stringify({ errcode, errmsg: `${errmsg}, rid: ${rid}` }));
  }

  private fail(failure: WechatFailure, res: ServerResponse): void {
    switch (failure) {
      case 'busy':
        return this.error(res, -1, 'system error');
      case 'rate-limited':
        return this.error(res, 45011, 'api minute-quota reach limit  mustslower  retry next minute');
      case 'high-risk':
        return this.error(res, 40226, 'invalid user');
      case 'http-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>500 Internal Server Error</body></html>');
        return;
      case 'not-json':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('<html>upstream maintenance</html>');
        return;
      case 'no-openid':
        res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify({ session_key: 'x' }));
        return;
      case 'hang':
        this.hanging.add(res);
        return;
    }
  }
}
