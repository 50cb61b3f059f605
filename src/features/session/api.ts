import type { DemoUser, DemoUsers, Me, Session } from '@contract/auth.schema';
import { getJson, postJson } from '@/shared/http';

export function fetchDemoUsers(): Promise<DemoUser[]> {
  return getJson<DemoUsers>('/auth/dev/users', { skipAuthRedirect: true }).then((answer) => answer.users);
}

export function signInAsDemoUser(userId: string): Promise<Session> {
  return postJson<Session>('/auth/dev', { userId }, { skipAuthRedirect: true });
}

export function fetchMe(): Promise<Me> {
  return getJson<Me>('/me');
}

export function logout(): Promise<void> {
  return postJson<unknown>('/auth/logout', {}, { skipAuthRedirect: true }).then(() => undefined);
}
