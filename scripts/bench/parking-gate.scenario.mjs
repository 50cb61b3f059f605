// Parking, gate decision (issue 16): entry events at 50 connections, POST /api/parking/gate-events
// from the guard's console session, each with its own eventId: session lookup, the event id check,
// the lot by gate, the plate's bookings or the standing list, the decision, the event row (and, the
// first time, the booking's entry). The demo seed's plates: one booked car inside, an official car
// on the standing list, a visitor's car at the north gate, and a stranger (denied). A gate
// controller signs each event instead (HMAC, a nonce each): the same decision, not measured here.
//
// Each event needs an id of its own in its JSON body, and autocannon's [<id>] in a body sends a
// wrong Content-Length, so this scenario drives its 50 connections itself for BENCH_SECONDS and
// prints events/s and p50/p99 beside bare Fastify; the harness then measures the console's
// expected-plates read. Target: ≥ 25% of bare Fastify, p99 < 10 ms.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export default {
  name: 'parking-gate',
  title: 'GET parking expected plates (console)',
  async prepare({ baseUrl, signIn, bareRps }) {
    const { token } = await signIn('guard');
    const plates = [
      ['gate-underground', '浙A5C789'],
      ['gate-underground', '浙A0G001'],
      ['gate-north', '浙B7K520'],
      ['gate-underground', '浙B99999'],
    ];
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const run = `g${Date.now().toString(36)}`;
    const ms = [];
    const decisions = {};
    let failures = 0;
    let n = 0;
    const until = performance.now() + SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          const i = n++;
          const [gateId, plate] = plates[i % plates.length];
          const at = performance.now();
          const res = await fetch(`${baseUrl}/api/parking/gate-events`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              gateId,
              plate,
              direction: 'in',
              at: new Date().toISOString(),
              eventId: `${run}-${i}`,
            }),
          });
          const body = await res.json();
          ms.push(performance.now() - at);
          if (res.status !== 200) failures++;
          else decisions[body.decision] = (decisions[body.decision] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    ms.sort((a, b) => a - b);
    const rps = ms.length / seconds;
    console.log(
      `parking: gate decisions — ${ms.length} entry events in ${seconds.toFixed(1)} s at ${CONNECTIONS} connections ` +
        `${JSON.stringify(decisions)}${failures ? `, ${failures} failed` : ''}: ${rps.toFixed(0)} events/s, ` +
        `p50 ${quantile(ms, 0.5).toFixed(1)} ms, p99 ${quantile(ms, 0.99).toFixed(1)} ms, ` +
        `${Math.round((rps / bareRps) * 100)}% of bare (target ≥ 25%, p99 < 10 ms)`,
    );
    return {
      method: 'GET',
      path: '/api/parking/lots/lot-underground/expected',
      headers: { authorization: `Bearer ${token}` },
    };
  },
};
