import { http, HttpResponse, type HttpHandler } from 'msw';
import type { DemoUsers, Me, Session } from '../contract/auth.schema';
import type { ErrorBody } from '../contract/common.schema';
import { ERROR_MESSAGES, type ErrorCode } from '../contract/errors';
import type { Message, MessageList } from '../contract/messages.schema';
import type { MockPerson } from './data';
import { canteenHandlers } from './canteen';
import { peopleHandlers } from './people';
import { takeawayHandlers } from './takeaway';
import {
  mockState,
  nextId,
  openSession,
  resetMockState,
  toInstant,
  toMe,
  toMessage,
  type AuthProviders,
} from './state';

/**
 * msw handlers serving the API contract from memory (state.ts), behaving like the BFF: 401
 * UNAUTHENTICATED without or with an unknown token, TOKEN_EXPIRED after expiry, 403
 * AUTH_PROVIDER_DISABLED for a switched-off sign-in, 404 MESSAGE_NOT_FOUND for someone else's
 * message, 400 for bodies the schemas reject.
 */

const MESSAGE_LIST_LIMIT = 100;

type Failure = HttpResponse<ErrorBody>;

export function errorResponse(status: number, code: ErrorCode): Failure {
  return HttpResponse.json<ErrorBody>({ error: { code, message: ERROR_MESSAGES[code] } }, { status });
}

function bearer(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

/** The signed-in person, or the 401/403 the BFF would answer. */
function authenticate(request: Request): MockPerson | Failure {
  const token = bearer(request);
  const session = token ? mockState.sessions.get(token) : undefined;
  if (!session || session.revoked) return errorResponse(401, 'UNAUTHENTICATED');
  if (session.expiresAt <= mockState.now()) return errorResponse(401, 'TOKEN_EXPIRED');
  const person = mockState.people.get(session.personId);
  if (!person) return errorResponse(401, 'UNAUTHENTICATED');
  if (person.disabled) return errorResponse(403, 'USER_DISABLED');
  return person;
}

/** Like `authenticate`, but no token at all is fine (sign-in while signed in links identities). */
function currentPerson(request: Request): MockPerson | Failure | undefined {
  return bearer(request) ? authenticate(request) : undefined;
}

const isFailure = (value: unknown): value is Failure => value instanceof Response;

/** Reads a JSON object body with exactly one string field of the given length; else a 400. */
async function readField(request: Request, field: string, maxLength: number): Promise<string | Failure> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return errorResponse(400, 'MALFORMED_JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorResponse(400, 'VALIDATION_FAILED');
  const record = body as Record<string, unknown>;
  const value = record[field];
  const extra = Object.keys(record).some((key) => key !== field);
  if (extra || typeof value !== 'string' || value.length < 1 || value.length > maxLength) {
    return errorResponse(400, 'VALIDATION_FAILED');
  }
  return value;
}

/** First sign-in with an identity makes a person; signing in while signed in links it to them. */
function personForIdentity(
  provider: 'wechat' | 'zzd',
  subject: string,
  current: MockPerson | undefined,
  newcomer: Pick<MockPerson, 'name' | 'unit' | 'roles'>,
): MockPerson | Failure {
  const key = `${provider}:${subject}`;
  const owner = mockState.identities.get(key);
  if (current) {
    if (owner && owner !== current.id) return errorResponse(409, 'IDENTITY_LINKED_ELSEWHERE');
    const linkedOther = [...mockState.identities.entries()].some(
      ([k, personId]) => personId === current.id && k.startsWith(`${provider}:`) && k !== key,
    );
    if (!owner && linkedOther) return errorResponse(409, 'IDENTITY_LINKED_ELSEWHERE');
    mockState.identities.set(key, current.id);
    return current;
  }
  if (owner) {
    const person = mockState.people.get(owner);
    if (person) return person;
  }
  const person: MockPerson = {
    id: nextId('person'),
    ...newcomer,
    roles: [...newcomer.roles],
    demo: false,
    disabled: false,
  };
  mockState.people.set(person.id, person);
  mockState.identities.set(key, person.id);
  return person;
}

function signedIn(person: MockPerson): HttpResponse<Session> | Failure {
  if (person.disabled) return errorResponse(403, 'USER_DISABLED');
  return HttpResponse.json<Session>(openSession(person.id));
}

function providerOff(provider: keyof AuthProviders): boolean {
  return !mockState.providers[provider];
}

/**
 * Handlers for every route under `base`: any origin's `/api` by default, or one API root such as
 * `http://mock.contract.test/api`. Fresh handlers, shared in-memory state (`resetMockState()`).
 */
export function handlers(base = '*/api'): HttpHandler[] {
  return [
    http.get<never, never, DemoUsers | ErrorBody>(`${base}/auth/dev/users`, () => {
      if (providerOff('dev')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      const users = [...mockState.people.values()].filter((person) => person.demo && !person.disabled).map(toMe);
      return HttpResponse.json<DemoUsers>({ users });
    }),

    http.post<never, never, Session | ErrorBody>(`${base}/auth/dev`, async ({ request }) => {
      const userId = await readField(request, 'userId', 64);
      if (isFailure(userId)) return userId;
      if (providerOff('dev')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      const person = mockState.people.get(userId);
      if (!person || !person.demo) return errorResponse(404, 'USER_NOT_FOUND');
      return signedIn(person);
    }),

    http.post<never, never, Session | ErrorBody>(`${base}/auth/wechat`, async ({ request }) => {
      const code = await readField(request, 'code', 128);
      if (isFailure(code)) return code;
      if (providerOff('wechat')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      if (code.startsWith('invalid')) return errorResponse(401, 'AUTH_CODE_INVALID');
      const current = currentPerson(request);
      if (isFailure(current)) return current;
      const person = personForIdentity('wechat', code, current, { name: '微信用户', unit: '', roles: ['visitor'] });
      return isFailure(person) ? person : signedIn(person);
    }),

    http.post<never, never, Session | ErrorBody>(`${base}/auth/zzd`, async ({ request }) => {
      const authCode = await readField(request, 'authCode', 256);
      if (isFailure(authCode)) return authCode;
      if (providerOff('zzd')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      if (authCode.startsWith('invalid')) return errorResponse(401, 'AUTH_CODE_INVALID');
      const current = currentPerson(request);
      if (isFailure(current)) return current;
      const person = personForIdentity('zzd', authCode, current, { name: '浙政钉用户', unit: '', roles: ['staff'] });
      return isFailure(person) ? person : signedIn(person);
    }),

    http.post<never, never, null | ErrorBody>(`${base}/auth/logout`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const session = mockState.sessions.get(bearer(request) ?? '');
      if (session) session.revoked = true;
      return new HttpResponse(null, { status: 204 });
    }),

    http.get<never, never, Me | ErrorBody>(`${base}/me`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      return HttpResponse.json<Me>(toMe(person));
    }),

    http.get<never, never, MessageList | ErrorBody>(`${base}/messages`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const mine = mockState.messages.filter((message) => message.personId === person.id);
      const items = mine
        .map((message, index) => ({ message, index }))
        .sort((a, b) => Date.parse(b.message.createdAt) - Date.parse(a.message.createdAt) || b.index - a.index)
        .slice(0, MESSAGE_LIST_LIMIT)
        .map(({ message }) => toMessage(message));
      const unread = mine.filter((message) => message.readAt === null).length;
      return HttpResponse.json<MessageList>({ items, unread });
    }),

    http.post<{ id: string }, never, Message | ErrorBody>(`${base}/messages/:id/read`, ({ request, params }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      // Someone else's message answers like a missing one: its existence is not revealed.
      const message = mockState.messages.find((m) => m.id === params.id && m.personId === person.id);
      if (!message) return errorResponse(404, 'MESSAGE_NOT_FOUND');
      if (message.readAt === null) message.readAt = toInstant(mockState.now());
      return HttpResponse.json<Message>(toMessage(message));
    }),

    // 今日菜品 · 赞/踩 · 报餐 · dish photos (mock/canteen.ts); before takeaway so GET /canteens is this one.
    ...canteenHandlers(base, { authenticate, now: () => mockState.now() }),

    // 食堂外卖 · 数字餐卡 (mock/takeaway.ts).
    ...takeawayHandlers(base),

    // The people directory for admin top-ups (mock/people.ts).
    ...peopleHandlers(base),
  ];
}

/**
 * What the BFF answers for an unknown path under `base`. Not part of `handlers()`, so that tests
 * with `onUnhandledRequest: 'error'` still fail loudly on a wrong path; add it last where wanted.
 */
export function apiNotFound(base = '*/api'): HttpHandler {
  return http.all(`${base}/*`, () => errorResponse(404, 'NOT_FOUND'));
}

export { resetMockState };
