/**
 * The request signature of the 政务钉钉 / 浙政钉 open-platform gateway ("dg-work", protocol 1.0).
 *
 * Signed string: METHOD \n timestamp \n nonce \n uri [\n params], where uri is the path without host
 * or query and params are the request's parameters (query for GET, form body for POST) sorted by
 * name and joined as k=v&k=v with the values as they are, not URL-encoded. The signature is
 * base64(HMAC-SHA256(appSecret, that string)). This matches the platform's documented example
 * ("GET\n2020-04-13T11:12:53.581+08:00\n14170579735813527\n/gettoken.json\nappkey=…&appsecret=…")
 * and the published SDKs in PHP, Python, Go and Node.
 */
import { createHmac, randomInt } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { toInstant } from '../../lib/time';

export type GatewayMethod = 'GET' | 'POST';

export interface SignInput {
  method: GatewayMethod;
  /** `2026-11-21T12:00:00.000+08:00`, the same text as the X-Hmac-Auth-Timestamp header. */
  timestamp: string;
  nonce: string;
  /** The API path, e.g. `/gettoken.json`. */
  uri: string;
  params: Record<string, string>;
}

export function canonicalParams(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function stringToSign(input: SignInput): string {
  const head = `${input.method}\n${input.timestamp}\n${input.nonce}\n${input.uri}`;
  const params = canonicalParams(input.params);
  // No trailing newline when there are no parameters: the gateway signs exactly what is sent.
  return params ? `${head}\n${params}` : head;
}

export function sign(input: SignInput, appSecret: string): string {
  return createHmac('sha256', appSecret).update(stringToSign(input), 'utf8').digest('base64');
}

let sequence = 0;

/**
 * 13-digit milliseconds plus digits, as the SDKs recommend. The gateway refuses a nonce it has seen,
 * and twenty sign-ins can land in the same millisecond: a per-process sequence keeps one process's
 * nonces distinct, the random tail keeps several BFF instances apart.
 */
export function newNonce(now: Date): string {
  sequence = (sequence + 1) % 10_000;
  return `${now.getTime()}${String(sequence).padStart(4, '0')}${String(randomInt(10_000)).padStart(4, '0')}`;
}

export interface HostInfo {
  ip: string;
  mac: string;
}

/** The gateway wants the caller's address in X-Hmac-Auth-IP / -MAC; it does not sign them. */
export function localHostInfo(): HostInfo {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (!entry.internal && entry.family === 'IPv4') return { ip: entry.address, mac: entry.mac };
    }
  }
  return { ip: '127.0.0.1', mac: '00:00:00:00:00:00' };
}

export interface SignedHeadersInput {
  appKey: string;
  appSecret: string;
  method: GatewayMethod;
  uri: string;
  params: Record<string, string>;
  now: Date;
  host: HostInfo;
}

export function signedHeaders(input: SignedHeadersInput): Record<string, string> {
  // Shanghai time with its offset, as the gateway documents; it refuses timestamps too far from its clock.
  const timestamp = toInstant(input.now);
  const nonce = newNonce(input.now);
  const signature = sign(
    { method: input.method, timestamp, nonce, uri: input.uri, params: input.params },
    input.appSecret,
  );
  return {
    'X-Hmac-Auth-Timestamp': timestamp,
    'X-Hmac-Auth-Version': '1.0',
    'X-Hmac-Auth-Nonce': nonce,
    apiKey: input.appKey,
    'X-Hmac-Auth-Signature': signature,
    'X-Hmac-Auth-IP': input.host.ip,
    'X-Hmac-Auth-MAC': input.host.mac,
  };
}
