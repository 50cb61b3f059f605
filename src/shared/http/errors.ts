import { isErrorCode, messageFor, type ErrorCode } from '@contract/errors';

/**
 * Every failed call ends as one of these: `code` from the contract's closed set, `message` the
 * Chinese wording from `messageFor(code)` (the one place codes become words), `status` the HTTP
 * status (0 when no answer arrived).
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, status: number) {
    super(messageFor(code));
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** Brand check rather than `instanceof`: ES5 output for old mini-program engines breaks Error subclasses. */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as ApiError).name === 'ApiError' &&
    isErrorCode((value as ApiError).code) &&
    typeof (value as ApiError).status === 'number'
  );
}

/** What to show for any thrown value. */
export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : messageFor('INTERNAL');
}

/** The code for an error answer whose body carries none (a proxy's HTML page, an empty 502). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 408:
    case 504:
      return 'TIMEOUT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

/** Reads `{ error: { code } }` from a body that may be an object, a JSON string or anything else. */
export function codeFromBody(body: unknown): ErrorCode | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const code = (value as { error?: { code?: unknown } } | null)?.error?.code;
  if (code === undefined) return undefined;
  // A code this build does not know (a newer server) still fails safely with the generic wording.
  return isErrorCode(code) ? code : 'INTERNAL';
}
