import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The gate controller protocol's signature, both ways (our whitelist pushes, the gate's event
 * webhook): HMAC-SHA256 with the gate's shared secret over `timestamp \n nonce \n body`, hex. The
 * timestamp (ms since the epoch) must be within `GATE_SIGNATURE_SKEW_MS` of the receiver's clock
 * and a nonce is accepted once, so a captured request cannot be replayed.
 */
export const GATE_HEADERS = {
  gate: 'x-gate-id',
  timestamp: 'x-gate-timestamp',
  nonce: 'x-gate-nonce',
  signature: 'x-gate-signature',
} as const;

export const GATE_SIGNATURE_SKEW_MS = 5 * 60_000;

export function gateSignature(secret: string, timestamp: string, nonce: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${nonce}\n${body}`).digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Headers of a signed request from `gateId` (or to it: the BFF signs as the gate it talks to). */
export function signedGateHeaders(
  gateId: string,
  secret: string,
  body: string,
  now: number,
  nonce: string,
): Record<string, string> {
  const timestamp = String(now);
  return {
    [GATE_HEADERS.gate]: gateId,
    [GATE_HEADERS.timestamp]: timestamp,
    [GATE_HEADERS.nonce]: nonce,
    [GATE_HEADERS.signature]: gateSignature(secret, timestamp, nonce, body),
  };
}
