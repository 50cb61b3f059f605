// The load generator, run as its own process so it does not share an event loop with the harness:
//   node scripts/bench/load-worker.mjs '<autocannon options as JSON>'
// Prints autocannon's result as one JSON line on stdout.
import { createRequire } from 'node:module';
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}');

// autocannon appends every response body to a string (`req.body += chunk`), decoding it as UTF-8,
// even when nothing reads it. For a Chinese 10 KB answer that decoding costs the load generator
// more than the server spends answering: measured here, a bare Fastify sending a fixed 10 KB
// Chinese JSON body topped out at 26k req/s with decoding and 40k without, against 65k for ASCII
// of the same size. The bench never checks bodies (no expectBody/verifyBody), so the
// accumulation is switched off and the figures measure the server, not the client's decoder.
if (!options.expectBody && !options.verifyBody) {
  const require = createRequire(import.meta.url);
  const queue = require('autocannon/lib/pipelinedRequestsQueue');
  queue.prototype.addBody = function skipBody() {};
}

const result = await autocannon(options);
process.stdout.write(`${JSON.stringify(result)}\n`);
