import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from '../../lib/time';
import { signedGateHeaders } from './gate-signature';

/** One change of a gate's plate whitelist (白名单). `changeId` lets the gate ignore a repeat. */
export interface WhitelistChange {
  changeId: string;
  op: 'add' | 'remove';
  plate: string;
  lotId: string;
  /** Instants (ISO): the camera lets the plate in between them. */
  validFrom: string;
  validTo: string;
}

/** A gate controller the BFF talks to (`GATE_CONTROLLERS`): its id, address and shared secret. */
export interface GateController {
  id: string;
  /** Base URL of its JSON API; without one, the gate is worked from the guard's console. */
  url?: string;
  secret: string;
}

/** What parking needs from gates: push whitelist changes, in order; know a gate's secret. */
export interface GateClient {
  /**
   * Delivers `changes` (in the order given) to the gate. Resolves once the gate has acknowledged
   * them all; throws when it did not (the outbox tries again later). A gate with no controller
   * address is the guard's console (the local default): the console decides from the bookings
   * themselves, so there is nothing to send.
   */
  push(gateId: string, changes: WhitelistChange[]): Promise<void>;
  /** The shared secret a gate signs its events with; undefined for a gate we do not know. */
  secretOf(gateId: string): string | undefined;
}

export class GateUnavailableError extends Error {
  constructor(gateId: string, reason: string) {
    super(`gate ${gateId}: ${reason}`);
    this.name = 'GateUnavailableError';
  }
}

/**
 * The real client: `POST {url}/whitelist` with `{ gateId, changes }`, signed (gate-signature.ts).
 * The controller answers `{ ok: true, applied: n }` with 200; anything else (refusal, 5xx, timeout,
 * an answer that is not that) counts as not delivered.
 */
export function createGateClient(
  controllers: readonly GateController[],
  options: { clock?: Clock; timeoutMs?: number } = {},
): GateClient {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5000;
  const byId = new Map(controllers.map((c) => [c.id, c]));
  return {
    secretOf: (gateId) => byId.get(gateId)?.secret,
    async push(gateId, changes) {
      const controller = byId.get(gateId);
      if (!controller?.url || changes.length === 0) return;
      const body = JSON.stringify({ gateId, changes });
      let res: Response;
      try {
        res = await fetch(new URL('/whitelist', controller.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signedGateHeaders(gateId, controller.secret, body, clock.now().getTime(), randomUUID()),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new GateUnavailableError(gateId, error instanceof Error ? error.name : 'unreachable');
      }
      const answer = (await res.json().catch(() => undefined)) as { ok?: unknown } | undefined;
      if (res.status !== 200 || answer?.ok !== true) {
        throw new GateUnavailableError(gateId, `answered ${res.status}`);
      }
    },
  };
}

/** `GATE_CONTROLLERS`: a JSON array of `{ id, url?, secret }`. Unset: every gate is a console. */
export function parseGateControllers(text: string | undefined): GateController[] {
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('GATE_CONTROLLERS must be a JSON array');
  return parsed.map((entry: unknown, i) => {
    const e = entry as Partial<GateController>;
    if (typeof e?.id !== 'string' || typeof e.secret !== 'string' || e.secret.length < 16) {
      throw new Error(`GATE_CONTROLLERS[${i}] needs an id and a secret of 16 characters or more`);
    }
    if (e.url !== undefined && typeof e.url !== 'string')
      throw new Error(`GATE_CONTROLLERS[${i}].url must be a string`);
    return { id: e.id, url: e.url, secret: e.secret };
  });
}
