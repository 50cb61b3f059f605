import type { Visit } from '@contract/visitors.schema';
import { storage } from '@/shared/storage';

/**
 * Passes kept on the device once shown, so the visitor can show one at the gate with no network
 * (the QR and short code are signed by the server; nothing here is more than the screen showed:
 * the visitor's name is masked). Each kept for the person it was shown to: on a shared phone the
 * next person never sees it. At most a few per person, newest first; ended ones are dropped.
 */
const KEY = 'visitors.passes';
const MAX = 5;

export type CachedPass = Pick<
  Visit,
  'id' | 'date' | 'startsAt' | 'endsAt' | 'purpose' | 'host' | 'place' | 'visitor'
> & {
  pass: NonNullable<Visit['pass']>;
};
type Kept = CachedPass & { personId: string };

const kept = (now: number): Kept[] => (storage.get<Kept[]>(KEY) ?? []).filter((p) => Date.parse(p.endsAt) > now);

export function cachedPasses(personId: string, now = Date.now()): CachedPass[] {
  return kept(now).filter((p) => p.personId === personId);
}

export function cachedPass(personId: string, id: string): CachedPass | undefined {
  return cachedPasses(personId).find((p) => p.id === id);
}

/** Keeps a visit's pass when it has one, forgets it when it has not (cancelled, used, declined). */
export function rememberPass(personId: string, visit: Visit): void {
  const all = kept(Date.now()).filter((p) => !(p.personId === personId && p.id === visit.id));
  const others = all.filter((p) => p.personId !== personId);
  const mine = all.filter((p) => p.personId === personId);
  if (!visit.pass) {
    storage.set(KEY, [...mine, ...others]);
    return;
  }
  const { id, date, startsAt, endsAt, purpose, host, place, visitor, pass } = visit;
  const entry: Kept = { personId, id, date, startsAt, endsAt, purpose, host, place, visitor, pass };
  storage.set(KEY, [...[entry, ...mine].slice(0, MAX), ...others]);
}
