import type { DemoUser, DemoUsers, Me, Session } from '@contract/auth.schema';
import { getJson, postJson } from '@/shared/http';

export async function fetchDemoUsers(): Promise<DemoUser[]> {
  return (await getJson<DemoUsers>('/auth/dev/users', { skipAuthRedirect: true })).users;
}

export function signInAsDemoUser(userId: string): Promise<Session> {
  return postJson<Session>('/auth/dev', { userId }, { skipAuthRedirect: true });
}

export function fetchMe(): Promise<Me> {
  return getJson<Me>('/me');
}

export async function logout(): Promise<void> {
  await postJson<unknown>('/auth/logout', {}, { skipAuthRedirect: true });
}
