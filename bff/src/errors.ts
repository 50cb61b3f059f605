import { ERROR_MESSAGES, type ErrorCode } from '@contract/errors';

/**
 * A rule said no. Services throw these; the error handler turns them into
 * `{ error: { code, message } }` with `status`. The message defaults to the contract's wording.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
  }
}

export const badRequest = (code: ErrorCode = 'BAD_REQUEST', message?: string) => new DomainError(code, 400, message);
export const unauthenticated = (code: ErrorCode = 'UNAUTHENTICATED') => new DomainError(code, 401);
export const forbidden = (message?: string) => new DomainError('FORBIDDEN', 403, message);
export const notFound = (code: ErrorCode = 'NOT_FOUND') => new DomainError(code, 404);
export const conflict = (code: ErrorCode, message?: string) => new DomainError(code, 409, message);
export const upstreamFailed = (code: ErrorCode = 'AUTH_UPSTREAM_FAILED') => new DomainError(code, 503);
