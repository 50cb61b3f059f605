import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_MESSAGES, type ErrorCode } from '@contract/errors';
import { DomainError } from '../errors';

interface Mapped {
  status: number;
  code: ErrorCode;
  message?: string;
}

/** Fastify's own error codes → ours. Anything unknown is a 500 that says nothing of its cause. */
const FASTIFY_CODES: Record<string, Mapped> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: '请求内容为空' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST' },
};

interface ValidationIssue {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}

/** The field an ajv complaint is about, as `a.b.0.c`: the value's path, or the missing or extra key. */
function fieldOf(issue: ValidationIssue | undefined): string {
  if (!issue) return '';
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const key = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  return [...path, ...(key ? [key] : [])].join('.');
}

function map(error: FastifyError): Mapped {
  if (error instanceof DomainError) return { status: error.status, code: error.code, message: error.message };
  if (error.validation) {
    const field = fieldOf(error.validation[0]);
    const where = field ? `（${field}）` : '';
    return { status: 400, code: 'VALIDATION_FAILED', message: `${ERROR_MESSAGES.VALIDATION_FAILED}${where}` };
  }
  if (error.code && FASTIFY_CODES[error.code]) return FASTIFY_CODES[error.code];
  if (error.statusCode === 429) return { status: 429, code: 'RATE_LIMITED' };
  // A JSON body that JSON.parse rejected surfaces as a SyntaxError with status 400.
  if (error instanceof SyntaxError && error.statusCode === 400) return { status: 400, code: 'MALFORMED_JSON' };
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return { status: error.statusCode, code: 'BAD_REQUEST' };
  return { status: 500, code: 'INTERNAL' };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = map(error);
    if (mapped.status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: mapped.code, status: mapped.status }, 'request refused');
    return reply
      .status(mapped.status)
      .send({ error: { code: mapped.code, message: mapped.message ?? ERROR_MESSAGES[mapped.code] } });
  });
}
