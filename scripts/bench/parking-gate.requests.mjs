// The load worker's requests for the parking-gate scenario: entry events from the guard's console,
// each with an eventId of its own (autocannon's [<id>] in a body sends a wrong Content-Length, so
// the body is built per request here). The plates cycle through the demo seed's cases.
export function requests({ token, plates, run }) {
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/api/parking/gate-events',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      setupRequest(req) {
        const i = n++;
        const [gateId, plate] = plates[i % plates.length];
        return {
          ...req,
          body: JSON.stringify({
            gateId,
            plate,
            direction: 'in',
            at: new Date().toISOString(),
            eventId: `${run}-${i}`,
          }),
        };
      },
    },
  ];
}
