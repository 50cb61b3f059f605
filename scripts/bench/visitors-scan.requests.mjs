// The load worker's requests for the visitors-scan scenario: each connection checks the next unused
// pass in, then the same pass out (autocannon keeps `context` per connection for one round of the
// list). Where the pool stands is kept in `stateFile` so the measured run goes on after the warm-up.
import fs from 'node:fs';

let next = 0;
let passes = [];

export function requests({ token, passesFile, stateFile }) {
  passes = JSON.parse(fs.readFileSync(passesFile, 'utf8'));
  next = fs.existsSync(stateFile) ? Number(fs.readFileSync(stateFile, 'utf8')) : 0;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return [
    {
      method: 'POST',
      path: '/api/visits/scan',
      headers,
      setupRequest(req, context) {
        context.pass = passes[next++ % passes.length];
        return { ...req, body: JSON.stringify({ pass: context.pass }) };
      },
    },
    {
      method: 'POST',
      path: '/api/visits/scan',
      headers,
      setupRequest(req, context) {
        return { ...req, body: JSON.stringify({ pass: context.pass }) };
      },
    },
  ];
}

export function finish({ stateFile }) {
  if (next > passes.length)
    process.stderr.write(`visitors-scan: pool of ${passes.length} passes wrapped (${next} used)\n`);
  fs.writeFileSync(stateFile, String(next));
}
