// Guard scans (issue 17): POST /api/visits/scan by a signed-in guard, each connection checking a
// pass in and then out again, so check-ins and check-outs alternate: session lookup, the pass's
// signature (HMAC) or short code, the visit read, a conditional status write, an audit row and on
// check-in the host's message, in one transaction. Personal data is encrypted as always (the bench
// BFF has VISITOR_DATA_KEY set). Target: ≥ 10% of bare Fastify, p99 < 25 ms. req/s = scans/s.
//
// prepare() applies for enough approved visits today through the API (a visitor applies, the host
// approves; BENCH_VISITS, default 14,000), each with its own mobile, so no pass is scanned twice in
// one direction: every connection takes the next unused pass for its check-in
// (scripts/bench/visitors-scan.requests.mjs reads them from a file; the warm-up and the measured
// run share the pool through a small state file). If a run uses them all, it says so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outboxDrained } from './servers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VISITS = Number(process.env.BENCH_VISITS || 14_000);
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function call(baseUrl, token, method, urlPath, body) {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`visitors-scan scenario: ${method} ${urlPath} answered ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs `work(i)` for i in [0, n) with `width` at a time. */
async function pool(n, width, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

export default {
  name: 'visitors-scan',
  title: 'POST /api/visits/scan (in/out, scans/s)',
  target: 0.1,
  async prepare({ baseUrl, signIn, database }) {
    const visitor = await signIn('visitor');
    const host = await signIn('staff');
    const guard = await signIn('guard');
    const { privacyVersion } = {
      privacyVersion: (await (await fetch(`${baseUrl}/api/visits/privacy`)).json()).version,
    };
    const date = shanghaiToday();
    const started = Date.now();
    await pool(VISITS + 1, 32, async (i) => {
      const { visit } = await call(baseUrl, visitor.token, 'POST', '/api/visits/applications', {
        hostId: host.user.id,
        date,
        startsAt: '00:00',
        endsAt: '23:59',
        purpose: '压测来访',
        visitorName: '压测访客',
        visitorPhone: `139${String(10_000_000 + i).slice(-8)}`,
        privacyVersion,
      });
      await call(baseUrl, host.token, 'POST', `/api/visits/${visit.id}/approve`);
    });
    // The visitor's own list carries each approved visit's pass (QR text and short code).
    const passes = [];
    for (let cursor = null, first = true; first || cursor; first = false) {
      const page = await call(
        baseUrl,
        visitor.token,
        'GET',
        `/api/visits?as=visitor&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const v of page.items)
        if (v.status === 'approved' && v.pass) passes.push(passes.length % 2 ? v.pass.code : v.pass.qr);
      cursor = page.nextCursor;
    }
    process.stderr.write(
      `visitors-scan: ${passes.length} approved visits ready in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    // The applications and approvals queued a push each (20,000): scans are measured without that backlog.
    await outboxDrained(database);
    process.stderr.write(`visitors-scan: outbox drained after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-visitors-'));
    const passesFile = path.join(dir, 'passes.json');
    const probePass = passes.pop();
    fs.writeFileSync(passesFile, JSON.stringify(passes));
    return {
      method: 'POST',
      path: '/api/visits/scan',
      headers: { authorization: `Bearer ${guard.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pass: probePass }),
      requestsModule: path.join(here, 'visitors-scan.requests.mjs'),
      requestsData: { token: guard.token, passesFile, stateFile: path.join(dir, 'next') },
    };
  },
};
