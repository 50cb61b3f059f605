// Parking, gate decision (issue 16): entry events at 50 connections, POST /api/parking/gate-events
// from the guard's console session, each with its own eventId: session lookup, the event id check,
// the lot by gate, the plate's bookings or the standing list, the decision, the event row (and, the
// first time, the booking's entry). The demo seed's plates: one booked car inside, an official car
// on the standing list, a visitor's car at the north gate, and a stranger (denied). A gate
// controller signs each event instead (HMAC, a nonce each): the same decision, not measured here.
// Target: ≥ 25% of bare Fastify, p99 < 10 ms.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  name: 'parking-gate',
  title: 'POST parking gate-events (console)',
  target: 0.25,
  async prepare({ signIn }) {
    const { token } = await signIn('guard');
    const plates = [
      ['gate-underground', '浙A5C789'],
      ['gate-underground', '浙A0G001'],
      ['gate-north', '浙B7K520'],
      ['gate-underground', '浙B99999'],
    ];
    const run = `g${Date.now().toString(36)}`;
    return {
      method: 'POST',
      path: '/api/parking/gate-events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        gateId: plates[0][0],
        plate: plates[0][1],
        direction: 'in',
        at: new Date().toISOString(),
        eventId: `${run}-probe`,
      }),
      requestsModule: path.join(here, 'parking-gate.requests.mjs'),
      requestsData: { token, plates, run },
    };
  },
};
