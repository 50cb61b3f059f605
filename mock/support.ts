import { HttpResponse, type DefaultBodyType } from 'msw';
import type { ErrorBody } from '@contract/common.schema';
import { ERROR_MESSAGES, type ErrorCode } from '@contract/errors';
import type { MockPerson } from './data';
import { mockState } from './state';

/** What every module's mock shares: the error body, the signed-in person, a JSON body. */

export type Failure = HttpResponse<ErrorBody>;
export type Params = Record<string, string>;

/** The BFF's error body with its Chinese message; also what a test's `server.use` override answers. */
export function errorResponse(status: number, code: ErrorCode): Failure {
  return HttpResponse.json<ErrorBody>({ error: { code, message: ERROR_MESSAGES[code] } }, { status });
}

export const isFailure = (value: unknown): value is Failure => value instanceof Response;

export function bearer(request: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
}

/**
 * The signed-in person, or the 401 the app reacts to (sign-in again). Roles are not checked here:
 * a test that needs a 403 says so with an override.
 */
export function authenticate(request: Request): MockPerson | Failure {
  const token = bearer(request);
  const session = token ? mockState.sessions.get(token) : undefined;
  if (!session || session.revoked) return errorResponse(401, 'UNAUTHENTICATED');
  if (session.expiresAt <= mockState.now()) return errorResponse(401, 'TOKEN_EXPIRED');
  const person = mockState.people.get(session.personId);
  if (!person) return errorResponse(401, 'UNAUTHENTICATED');
  return person.disabled ? errorResponse(403, 'USER_DISABLED') : person;
}

/** The request's JSON body; the mock trusts its shape (the contract types it, the BFF checks it). */
export async function readJson<T>(request: Request): Promise<T | Failure> {
  try {
    return (await request.json()) as T;
  } catch {
    return errorResponse(400, 'MALFORMED_JSON');
  }
}

/** Today in Asia/Shanghai by the mock's clock, `YYYY-MM-DD`. */
export function mockToday(): string {
  return new Date(mockState.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export type Answer = HttpResponse<DefaultBodyType>;
type Resolver = (info: { request: Request; params: Params }) => Answer | Promise<Answer>;

/** A route for a signed-in person (401 otherwise). */
export const signedIn =
  (answer: (person: MockPerson, params: Params, request: Request) => Answer | Promise<Answer>): Resolver =>
  ({ request, params }) => {
    const person = authenticate(request);
    return isFailure(person) ? person : answer(person, params, request);
  };

/** A route for a signed-in person that takes a JSON body. */
export const signedInWith =
  <B>(answer: (person: MockPerson, body: B, params: Params, request: Request) => Answer): Resolver =>
  async ({ request, params }) => {
    const person = authenticate(request);
    if (isFailure(person)) return person;
    const body = await readJson<B>(request);
    return isFailure(body) ? body : answer(person, body, params, request);
  };

/** A page of a newest-first list: the mock's cursor is the offset (opaque to the app all the same). */
export function pageOfList<T>(
  all: readonly T[],
  request: Request,
  defaultLimit = 20,
): { items: T[]; nextCursor: string | null } {
  const params = new URL(request.url).searchParams;
  const limit = Number(params.get('limit') ?? defaultLimit);
  const from = Number((params.get('cursor') ?? 'm0').slice(1)) || 0;
  const items = all.slice(from, from + limit);
  return { items, nextCursor: from + limit < all.length ? `m${from + limit}` : null };
}
