import type { Me, Session } from '@contract/auth.schema';
import type { Message } from '@contract/messages.schema';
import { DEMO_PEOPLE, SEED_MESSAGES, type MockPerson } from './data';

export interface MockSession {
  personId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  revoked: boolean;
}

export interface MockMessage extends Message {
  personId: string;
}

export interface AuthProviders {
  dev: boolean;
  wechat: boolean;
  zzd: boolean;
}

const HOUR = 3600_000;
export const SESSION_TTL_MS = 7 * 24 * HOUR;

interface State {
  providers: AuthProviders;
  people: Map<string, MockPerson>;
  /** `${provider}:${subject}` → person id. */
  identities: Map<string, string>;
  sessions: Map<string, MockSession>;
  messages: MockMessage[];
  seq: number;
  /** The mock's clock; tests may replace it. */
  now: () => number;
}

/** An instant as ISO-8601 with the Asia/Shanghai offset, like the BFF sends. */
export function toInstant(epochMs: number): string {
  const shifted = new Date(epochMs + 8 * HOUR).toISOString(); // ...Z, wall clock of UTC+8
  return `${shifted.slice(0, -1)}+08:00`;
}

function fresh(): State {
  const now = Date.now();
  const messages = SEED_MESSAGES.map((seed, index): MockMessage => {
    const createdAt = now - seed.hoursAgo * HOUR;
    return {
      id: `msg-${String(index + 1).padStart(3, '0')}`,
      personId: seed.personId,
      title: seed.title,
      body: seed.body,
      createdAt: toInstant(createdAt),
      readAt: seed.read ? toInstant(createdAt + HOUR / 2) : null,
      subject: seed.subject ?? null,
    };
  });
  return {
    providers: { dev: true, wechat: true, zzd: true },
    people: new Map(DEMO_PEOPLE.map((person) => [person.id, { ...person, roles: [...person.roles] }])),
    identities: new Map(),
    sessions: new Map(),
    messages,
    seq: 0,
    now: () => Date.now(),
  };
}

/** The in-memory world behind the handlers. Reset it between tests with `resetMockState()`. */
export const mockState: State = fresh();

/** Modules with their own in-memory state (mock/<module>.ts) reset with the rest. */
const resetHooks: (() => void)[] = [];

/** Registers a module's reset; it runs after the core state is fresh (so it may read people, clock). */
export function onMockReset(reset: () => void): void {
  resetHooks.push(reset);
}

export function resetMockState(): void {
  Object.assign(mockState, fresh());
  for (const reset of resetHooks) reset();
}

export function nextId(prefix: string): string {
  mockState.seq += 1;
  return `${prefix}-${mockState.seq}`;
}

export const toMe = (person: MockPerson): Me => ({
  id: person.id,
  name: person.name,
  unit: person.unit,
  roles: [...person.roles],
});

export const toMessage = ({ id, title, body, createdAt, readAt, subject }: MockMessage): Message => ({
  id,
  title,
  body,
  createdAt,
  readAt,
  subject,
});

/** Opens a session for a person (what every successful sign-in does). */
export function openSession(personId: string): Session {
  const person = mockState.people.get(personId);
  if (!person) throw new Error(`mock: no person ${personId}`);
  const token = `mock-token-${nextId('s')}-${Math.random().toString(36).slice(2, 10)}`;
  const expiresAt = mockState.now() + SESSION_TTL_MS;
  mockState.sessions.set(token, { personId, expiresAt, revoked: false });
  return { token, expiresAt: toInstant(expiresAt), user: toMe(person) };
}

/** Test helper: make a token answer TOKEN_EXPIRED from now on. */
export function expireSession(token: string): void {
  const session = mockState.sessions.get(token);
  if (session) session.expiresAt = mockState.now() - 1;
}

/** Test helper: switch sign-in providers on or off (off answers AUTH_PROVIDER_DISABLED). */
export function setAuthProviders(providers: Partial<AuthProviders>): void {
  Object.assign(mockState.providers, providers);
}

/** Test helper: deliver a new message to a person; returns it. */
export function addMessage(personId: string, title: string, body: string, subject: Message['subject'] = null): Message {
  const message: MockMessage = {
    id: nextId('msg'),
    personId,
    title,
    body,
    createdAt: toInstant(mockState.now()),
    readAt: null,
    subject,
  };
  mockState.messages.push(message);
  return toMessage(message);
}
