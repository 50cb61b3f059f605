import type { Visit } from '@contract/visitors.schema';
import { storage } from '@/shared/storage';

/**
 * Passes kept on the device once shown, so the visitor can show one at the gate with no network
 * (the QR and short code are signed by the server; nothing here is more than the screen showed:
 * the visitor's name is masked). At most a few, newest first; ended ones are dropped.
 */
const KEY = 'visitors.passes';
const MAX = 5;

export type CachedPass = Pick<
  Visit,
  'id' | 'date' | 'startsAt' | 'endsAt' | 'purpose' | 'host' | 'place' | 'visitor'
> & {
  pass: NonNullable<Visit['pass']>;
};

export function cachedPasses(now = Date.now()): CachedPass[] {
  return (storage.get<CachedPass[]>(KEY) ?? []).filter((p) => Date.parse(p.endsAt) > now);
}

export function cachedPass(id: string): CachedPass | undefined {
  return cachedPasses().find((p) => p.id === id);
}

/** Keeps a visit's pass when it has one, forgets it when it has not (cancelled, used, declined). */
export function rememberPass(visit: Visit): void {
  const others = cachedPasses().filter((p) => p.id !== visit.id);
  if (!visit.pass) {
    storage.set(KEY, others);
    return;
  }
  const { id, date, startsAt, endsAt, purpose, host, place, visitor, pass } = visit;
  storage.set(KEY, [{ id, date, startsAt, endsAt, purpose, host, place, visitor, pass }, ...others].slice(0, MAX));
}
