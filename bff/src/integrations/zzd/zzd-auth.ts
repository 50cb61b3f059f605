import { DomainError } from '../../errors';
import { systemClock, type Clock } from '../../lib/time';
import { createTokenCache } from '../token-cache';
import { createZzdGateway } from './zzd-gateway';
import type { GatewayMethod } from './zzd-signature';

/** Who signed in through the 浙政钉 H5 micro-app. */
export interface ZzdIdentity {
  /** The platform's account id (a number on the wire), stable across apps of one tenant. */
  accountId: string;
  name: string;
  employeeCode?: string;
  tenantId?: string;
  tenantName?: string;
}

export interface ZzdAuth {
  /** Exchanges a `getAuthCode` code (single use, valid 5 minutes) for the user's identity. */
  userFromAuthCode(authCode: string): Promise<ZzdIdentity>;
}

export interface ZzdAuthOptions {
  /** Signs timestamps and ages the cached access token; tests move it instead of sleeping. */
  clock?: Clock;
  /** Per request, including reading the body. Default 5000 ms. */
  timeoutMs?: number;
}

const TOKEN_PATH = '/gettoken.json';
const USER_PATH = '/rpc/oauth2/dingtalk_app_user.json';
const DEFAULT_TIMEOUT_MS = 5000;

/** responseCodes documented for the OAuth2 user endpoints. */
const RESPONSE_CODE_INVALID = '240111'; // code失效或不存在: expired, used or unknown auth code
const RESPONSE_TOKEN_INVALID = '240133'; // 应用accessToken失效或不存在: our token was revoked or expired early

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; code: string };

function upstreamFailed(reason: string): DomainError {
  const error = new DomainError('AUTH_UPSTREAM_FAILED', 503);
  // The client sees only the contract message; the 5xx log line gets this, which holds no secret.
  error.cause = `zzd ${reason}`;
  return error;
}

function codeInvalid(reason: string): DomainError {
  const error = new DomainError('AUTH_CODE_INVALID', 401);
  error.cause = `zzd ${reason}`;
  return error;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const idText = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);

export function createZzdAuth(
  config: { appKey?: string; appSecret?: string; apiBase: string; tenantId?: string },
  options: ZzdAuthOptions = {},
): ZzdAuth | undefined {
  if (!config.appKey || !config.appSecret) return undefined;
  const appKey: string = config.appKey;
  const appSecret: string = config.appSecret;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const gateway = createZzdGateway({ appKey, appSecret, apiBase: config.apiBase }, { clock, timeoutMs });

  /** One gateway call; sign-in needs an object in `data`. */
  async function call(method: GatewayMethod, uri: string, params: Record<string, string>): Promise<Answer> {
    const answer = await gateway.call(method, uri, params, upstreamFailed);
    if (!answer.ok) return answer;
    if (typeof answer.data !== 'object' || answer.data === null) return { ok: false, code: 'no-data' };
    return { ok: true, data: answer.data as Record<string, unknown> };
  }

  // The token lives in this process only: any instance can fetch its own, and the gateway hands out
  // the same token while it is valid, so instances do not invalidate one another.
  const tokens = createTokenCache(clock, async () => {
    const answer = await call('GET', TOKEN_PATH, { appkey: appKey, appsecret: appSecret });
    if (!answer.ok) throw upstreamFailed(`${TOKEN_PATH} answered ${answer.code}`);
    const token = text(answer.data.accessToken);
    if (!token) throw upstreamFailed(`${TOKEN_PATH} answer without accessToken`);
    // expiresIn comes as a string ("7200") in the documented answer.
    return { token, expiresIn: answer.data.expiresIn };
  });

  function toIdentity(data: Record<string, unknown>): ZzdIdentity {
    const accountId = idText(data.accountId);
    if (!accountId) throw upstreamFailed(`${USER_PATH} answer without accountId`);
    const identity: ZzdIdentity = {
      accountId,
      name: text(data.nickNameCn) ?? text(data.lastName) ?? '浙政钉用户',
    };
    const employeeCode = text(data.employeeCode);
    // dingtalk_app_user documents realmId/realmName; the QR-code variant adds tenantId/tenantName.
    const tenantId = idText(data.tenantId) ?? idText(data.realmId);
    const tenantName = text(data.tenantName) ?? text(data.realmName);
    if (employeeCode) identity.employeeCode = employeeCode;
    if (tenantId) identity.tenantId = tenantId;
    if (tenantName) identity.tenantName = tenantName;
    return identity;
  }

  return {
    async userFromAuthCode(authCode: string): Promise<ZzdIdentity> {
      if (typeof authCode !== 'string' || authCode.trim() === '') throw codeInvalid('empty auth code');
      const lookUp = (token: string) => call('POST', USER_PATH, { access_token: token, auth_code: authCode });

      let token = await tokens.get();
      let answer = await lookUp(token);
      // The platform may end a token before expiresIn; the auth code is untouched then, so one retry with
      // a fresh token is safe. Only one: a second refusal means something else is wrong.
      if (!answer.ok && answer.code === RESPONSE_TOKEN_INVALID) {
        tokens.drop(token);
        token = await tokens.get();
        answer = await lookUp(token);
      }
      if (!answer.ok) {
        if (answer.code === RESPONSE_CODE_INVALID) throw codeInvalid(`${USER_PATH} answered ${answer.code}`);
        throw upstreamFailed(`${USER_PATH} answered ${answer.code}`);
      }

      const identity = toIdentity(answer.data);
      // A configured tenant limits sign-in to its own staff: the app grants everyone from 浙政钉 the staff role.
      if (config.tenantId && identity.tenantId !== config.tenantId) {
        throw new DomainError('FORBIDDEN', 403, '该浙政钉账号不属于本单位，无法登录');
      }
      return identity;
    },
  };
}
