import { Value } from '@sinclair/typebox/value';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { DemoUsersSchema, SessionSchema, type DemoUser, type Session } from '@contract/auth.schema';
import { ErrorBodySchema } from '@contract/common.schema';
import type { ApiClient } from './api-client';

/** What the contract suite's scenarios share: schema checks, error checks, signing in. */

// TypeBox checks formats only when told how; an instant must carry an explicit offset (contract).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time'))
  FormatRegistry.Set('date-time', (value) => INSTANT.test(value) && !Number.isNaN(Date.parse(value)));

export interface Scenario {
  name: string;
  run(api: ApiClient): Promise<void>;
}

/** The schema's complaints about a value, one line each (none: it conforms). */
export function schemaErrors(schema: TSchema, value: unknown): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${e.path}: ${e.message}`);
}

export function conforms(schema: TSchema, value: unknown): void {
  expect(schemaErrors(schema, value)).toEqual([]);
}

export function expectError(answer: { status: number; body: unknown }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  conforms(ErrorBodySchema, answer.body);
  expect((answer.body as { error: { code: string } }).error.code).toBe(code);
}

export async function demoUsers(api: ApiClient): Promise<DemoUser[]> {
  const answer = await api.call<{ users: DemoUser[] }>('GET', '/auth/dev/users');
  expect(answer.status).toBe(200);
  conforms(DemoUsersSchema, answer.body);
  return answer.body.users;
}

export async function signInAs(api: ApiClient, role: string, index = 0): Promise<Session> {
  const user = (await demoUsers(api)).filter((u) => u.roles.includes(role as DemoUser['roles'][number]))[index];
  expect(user).toBeDefined();
  const answer = await api.call<Session>('POST', '/auth/dev', { body: { userId: user.id } });
  expect(answer.status).toBe(200);
  conforms(SessionSchema, answer.body);
  return answer.body;
}
