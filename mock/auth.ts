import { http, HttpResponse, type HttpHandler } from 'msw';
import type { DemoUsers, Me, Session } from '@contract/auth.schema';
import type { ErrorBody } from '@contract/common.schema';
import type { MockPerson } from './data';
import { authenticate, bearer, errorResponse, isFailure, readJson, type Failure } from './support';
import { mockState, nextId, openSession, toMe, type AuthProviders } from './state';

/**
 * Sign-in (demo, WeChat, 浙政钉), logout and /me. Error states the app's sign-in tests need:
 * a provider switched off (`setAuthProviders`) answers 403 AUTH_PROVIDER_DISABLED, a code starting
 * with `invalid` 401 AUTH_CODE_INVALID, an unknown demo id 404 USER_NOT_FOUND.
 */

const providerOff = (provider: keyof AuthProviders) => !mockState.providers[provider];

function signedIn(person: MockPerson): HttpResponse<Session> | Failure {
  if (person.disabled) return errorResponse(403, 'USER_DISABLED');
  return HttpResponse.json<Session>(openSession(person.id));
}

/** The person behind a WeChat / 浙政钉 identity; the first sign-in makes one. */
function personForIdentity(key: string, newcomer: Pick<MockPerson, 'name' | 'roles'>): MockPerson {
  const known = mockState.people.get(mockState.identities.get(key) ?? '');
  if (known) return known;
  const person: MockPerson = { id: nextId('person'), unit: '', ...newcomer, demo: false, disabled: false };
  mockState.people.set(person.id, person);
  mockState.identities.set(key, person.id);
  return person;
}

function platformSignIn(
  base: string,
  provider: 'wechat' | 'zzd',
  field: 'code' | 'authCode',
  newcomer: Pick<MockPerson, 'name' | 'roles'>,
): HttpHandler {
  return http.post<never, never, Session | ErrorBody>(`${base}/auth/${provider}`, async ({ request }) => {
    const body = await readJson<Record<string, string>>(request);
    if (isFailure(body)) return body;
    if (providerOff(provider)) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
    const code = body[field];
    if (typeof code !== 'string' || !code) return errorResponse(400, 'VALIDATION_FAILED');
    if (code.startsWith('invalid')) return errorResponse(401, 'AUTH_CODE_INVALID');
    return signedIn(personForIdentity(`${provider}:${code}`, newcomer));
  });
}

export function authHandlers(base: string): HttpHandler[] {
  return [
    http.get<never, never, DemoUsers | ErrorBody>(`${base}/auth/dev/users`, () => {
      if (providerOff('dev')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      const users = [...mockState.people.values()].filter((person) => person.demo && !person.disabled).map(toMe);
      return HttpResponse.json<DemoUsers>({ users });
    }),

    http.post<never, never, Session | ErrorBody>(`${base}/auth/dev`, async ({ request }) => {
      const body = await readJson<{ userId?: unknown }>(request);
      if (isFailure(body)) return body;
      if (providerOff('dev')) return errorResponse(403, 'AUTH_PROVIDER_DISABLED');
      if (typeof body.userId !== 'string') return errorResponse(400, 'VALIDATION_FAILED');
      const person = mockState.people.get(body.userId);
      return person?.demo ? signedIn(person) : errorResponse(404, 'USER_NOT_FOUND');
    }),

    platformSignIn(base, 'wechat', 'code', { name: '微信用户', roles: ['visitor'] }),
    platformSignIn(base, 'zzd', 'authCode', { name: '浙政钉用户', roles: ['staff'] }),

    http.post<never, never, null | ErrorBody>(`${base}/auth/logout`, ({ request }) => {
      const person = authenticate(request);
      if (isFailure(person)) return person;
      const session = mockState.sessions.get(bearer(request) ?? '');
      if (session) session.revoked = true;
      return new HttpResponse(null, { status: 204 });
    }),

    http.get<never, never, Me | ErrorBody>(`${base}/me`, ({ request }) => {
      const person = authenticate(request);
      return isFailure(person) ? person : HttpResponse.json<Me>(toMe(person));
    }),
  ];
}
