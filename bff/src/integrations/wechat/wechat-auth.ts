import { DomainError } from '../../errors';

/** Who signed in through the mini-program. The session_key stays inside the client on purpose. */
export interface WechatIdentity {
  openId: string;
  /** Only when the mini-program is bound to a WeChat Open Platform account. */
  unionId?: string;
}

export interface WechatAuth {
  /** Exchanges a `wx.login` code (single use, valid 5 minutes) for the user's identity. */
  codeToSession(code: string): Promise<WechatIdentity>;
}

export interface WechatAuthOptions {
  /** Per request, including reading the body. Default 5000 ms. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * errcodes that mean "this code will never work": 40029 invalid (also what an expired code gets),
 * 40163 already used, 40226 user blocked as high risk. Everything else (-1 busy, 45011 rate limit,
 * 40013 / 40125 our own appid or secret wrong, …) is our side's or WeChat's problem, not the user's.
 */
const CODE_REJECTED = new Set([40029, 40163, 40226]);

/** The contract message goes to the client; `cause` says why for the 5xx log line, without secrets. */
function upstreamFailed(reason: string): DomainError {
  const error = new DomainError('AUTH_UPSTREAM_FAILED', 503);
  error.cause = `wechat jscode2session: ${reason}`;
  return error;
}

function codeInvalid(reason: string): DomainError {
  const error = new DomainError('AUTH_CODE_INVALID', 401);
  error.cause = `wechat jscode2session: ${reason}`;
  return error;
}

/** Only numbers from the remote go into a cause: free text such as errmsg could echo a parameter. */
const safeNumber = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : '?';

/** undefined when appId or appSecret is not configured */
export function createWechatAuth(
  config: { appId?: string; appSecret?: string; apiBase: string },
  options: WechatAuthOptions = {},
): WechatAuth | undefined {
  const { appId, appSecret } = config;
  if (!appId || !appSecret) return undefined;
  const base = config.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function fetchText(url: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      // The body is read under the same timer: a remote that sends headers and then stalls is still a timeout.
      const text = await response.text();
      if (!response.ok) throw upstreamFailed(`HTTP ${response.status}`);
      return text;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // The fetch error is dropped, not wrapped: its cause may carry the URL, which holds the secret.
      throw upstreamFailed(controller.signal.aborted ? `timeout after ${timeoutMs} ms` : 'unreachable');
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async codeToSession(code: string): Promise<WechatIdentity> {
      if (typeof code !== 'string' || code.trim() === '') throw codeInvalid('empty code');
      const query = new URLSearchParams({
        appid: appId,
        secret: appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      const text = await fetchText(`${base}/sns/jscode2session?${query.toString()}`);

      // WeChat answers HTTP 200 for errors too, often as text/plain: the body decides, not the headers.
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw upstreamFailed('answer is not JSON');
      }
      if (typeof body !== 'object' || body === null) throw upstreamFailed('answer is not an object');
      const answer = body as { errcode?: unknown; openid?: unknown; unionid?: unknown };

      if (answer.errcode !== undefined && answer.errcode !== 0) {
        if (typeof answer.errcode === 'number' && CODE_REJECTED.has(answer.errcode)) {
          throw codeInvalid(`errcode ${answer.errcode}`);
        }
        throw upstreamFailed(`errcode ${safeNumber(answer.errcode)}`);
      }
      if (typeof answer.openid !== 'string' || answer.openid === '') throw upstreamFailed('answer without openid');

      // Built field by field so session_key (and anything else WeChat adds) cannot leak out.
      const identity: WechatIdentity = { openId: answer.openid };
      if (typeof answer.unionid === 'string' && answer.unionid !== '') identity.unionId = answer.unionid;
      return identity;
    },
  };
}
