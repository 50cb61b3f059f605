import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../errors';

/** Any visible ASCII, so generated keys (UUIDs, ULIDs, load tools' ids) all pass. */
const KEY = /^[\x21-\x7e]{1,128}$/;

/** Documents the header in OpenAPI; optional here so a missing key gets its own error code. */
export const IdempotencyKeyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: '客户端为每次提交生成的唯一值；重试时原样重发' })),
});

/** The `Idempotency-Key` of a write a client may retry; refused when missing or malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string {
  const value = request.headers['idempotency-key'];
  if (typeof value !== 'string' || !KEY.test(value)) throw badRequest('IDEMPOTENCY_KEY_REQUIRED');
  return value;
}
