import { systemClock, type Clock } from '../../lib/time';
import { fetchText, RemoteUnreachable, safeCode } from '../fetch-text';
import { localHostInfo, signedHeaders, type GatewayMethod } from './zzd-signature';

/**
 * The 政务钉钉 / 浙政钉 open-platform gateway ("dg-work"): every API is a form-encoded request
 * signed with the app's HMAC headers (zzd-signature.ts), answered in one envelope. Sign-in
 * (zzd-auth.ts) and work notices (zzd-work-notice.ts) both call it through here.
 */
export type GatewayAnswer = { ok: true; data: unknown } | { ok: false; code: string };

export interface ZzdGatewayConfig {
  appKey: string;
  appSecret: string;
  apiBase: string;
}

export interface ZzdGatewayOptions {
  /** Signs timestamps; tests move it instead of sleeping. */
  clock?: Clock;
  /** Per request, including reading the body. Default 5000 ms. */
  timeoutMs?: number;
}

export interface ZzdGateway {
  /**
   * Calls one API. A transport failure, an answer that is not JSON, or a non-2xx answer whose JSON
   * says success becomes `fail(reason)` (thrown); a refusal in the envelope is answered as `ok: false`.
   */
  call(
    method: GatewayMethod,
    uri: string,
    params: Record<string, string>,
    fail: (reason: string) => Error,
  ): Promise<GatewayAnswer>;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * The gateway wraps every answer: `{ success, content: { success, responseCode, responseMessage, data } }`.
 * Gateway-level refusals (signature, api key, timestamp, nonce) come as `success: false` with an
 * errorCode such as OPF-B001-05-16-0009 SignatureDoesNotMatch; business errors as `content.success: false`.
 */
export function unwrap(body: unknown): GatewayAnswer {
  if (typeof body !== 'object' || body === null) return { ok: false, code: 'not-an-object' };
  const outer = body as { success?: unknown; errorCode?: unknown; content?: unknown };
  const content = (typeof outer.content === 'object' && outer.content !== null ? outer.content : {}) as {
    success?: unknown;
    responseCode?: unknown;
    data?: unknown;
  };
  if (outer.success !== true) return { ok: false, code: safeCode(outer.errorCode ?? content.responseCode) };
  if (content.success !== true) return { ok: false, code: safeCode(content.responseCode) };
  return { ok: true, data: content.data };
}

export function createZzdGateway(config: ZzdGatewayConfig, options: ZzdGatewayOptions = {}): ZzdGateway {
  const base = config.apiBase.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const host = localHostInfo();

  return {
    async call(method, uri, params, fail) {
      const headers: Record<string, string> = {
        ...signedHeaders({
          appKey: config.appKey,
          appSecret: config.appSecret,
          method,
          uri,
          params,
          now: clock.now(),
          host,
        }),
        accept: 'application/json',
      };
      const encoded = new URLSearchParams(params).toString();
      let url = `${base}${uri}`;
      let body: string | undefined;
      if (method === 'GET') url += `?${encoded}`;
      else {
        headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
        body = encoded;
      }

      let answer: { status: number; text: string };
      try {
        answer = await fetchText(url, { method, headers, body }, timeoutMs);
      } catch (error) {
        if (error instanceof RemoteUnreachable) throw fail(`${uri}: ${error.message}`);
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.text);
      } catch {
        throw fail(`${uri}: HTTP ${answer.status}, answer is not JSON`);
      }
      // A JSON refusal (e.g. a 4xx from the gateway) still says why; anything else non-2xx is a failure.
      const unwrapped = unwrap(parsed);
      if (unwrapped.ok && (answer.status < 200 || answer.status >= 300)) throw fail(`${uri}: HTTP ${answer.status}`);
      return unwrapped;
    },
  };
}
