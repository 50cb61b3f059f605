/**
 * A local stand-in for a parking gate controller's JSON API: `POST /whitelist` with
 * `{ gateId, changes: [{ changeId, op, plate, lotId, validFrom, validTo }] }`. Like a real
 * controller it refuses a request whose signature does not hold up (HMAC-SHA256 of
 * `timestamp \n nonce \n body` with the shared secret, a recent timestamp, a nonce never seen),
 * and applies each change id once: a batch sent again after a lost acknowledgement changes nothing.
 *
 * The signature check is written here from the protocol, not imported from the client.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/lib/time';

export interface FakeChange {
  changeId: string;
  op: 'add' | 'remove';
  plate: string;
  lotId: string;
  validFrom: string;
  validTo: string;
}

export interface GateFake {
  url: string;
  /** Changes applied, in the order applied, each once. */
  applied: FakeChange[];
  /** Every change received in an accepted request (repeats included). */
  received: FakeChange[];
  /** Requests refused, and why. */
  refused: string[];
  /** The plates on the whitelist now. */
  whitelist(): string[];
  /** The next `n` requests get 503 (the gate is down). */
  down(n: number): void;
  /** The next `n` requests are applied but answered 500 (the acknowledgement is lost). */
  loseAck(n: number): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
  });

export async function startGateFake(options: { gateId: string; secret: string; clock: Clock }): Promise<GateFake> {
  const applied: FakeChange[] = [];
  const received: FakeChange[] = [];
  const refused: string[] = [];
  const seenChanges = new Set<string>();
  const nonces = new Set<string>();
  const plates = new Map<string, number>();
  let downFor = 0;
  let loseFor = 0;

  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (downFor > 0) {
        downFor--;
        refused.push('down');
        return answer(503, { ok: false, error: 'busy' });
      }
      const h = (name: string) => String(req.headers[name] ?? '');
      const ts = h('x-gate-timestamp');
      const nonce = h('x-gate-nonce');
      const expected = createHmac('sha256', options.secret).update(`${ts}\n${nonce}\n${body}`).digest('hex');
      const given = Buffer.from(h('x-gate-signature'));
      if (req.method !== 'POST' || req.url !== '/whitelist') return answer(404, { ok: false });
      if (h('x-gate-id') !== options.gateId) {
        refused.push('gate');
        return answer(401, { ok: false });
      }
      if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
        refused.push('signature');
        return answer(401, { ok: false });
      }
      if (Math.abs(options.clock.now().getTime() - Number(ts)) > 300_000) {
        refused.push('timestamp');
        return answer(401, { ok: false });
      }
      if (nonces.has(nonce)) {
        refused.push('nonce');
        return answer(401, { ok: false });
      }
      nonces.add(nonce);
      const { changes } = JSON.parse(body) as { changes: FakeChange[] };
      for (const c of changes) {
        received.push(c);
        if (seenChanges.has(c.changeId)) continue;
        seenChanges.add(c.changeId);
        applied.push(c);
        plates.set(c.plate, (plates.get(c.plate) ?? 0) + (c.op === 'add' ? 1 : -1));
      }
      if (loseFor > 0) {
        loseFor--;
        return answer(500, { ok: false });
      }
      return answer(200, { ok: true, applied: changes.length });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    applied,
    received,
    refused,
    whitelist: () =>
      [...plates]
        .filter(([, n]) => n > 0)
        .map(([p]) => p)
        .sort(),
    down: (n) => (downFor = n),
    loseAck: (n) => (loseFor = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
