// The load generator, run as its own process so it does not share an event loop with the harness:
//   node scripts/bench/load-worker.mjs '<autocannon options as JSON>'
// Prints autocannon's result as one JSON line on stdout.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

// A scenario whose requests need code (each connection scanning its own pass, in then out) names a
// module that builds them from plain data: `requests(data)` and, after the run, `finish(data)`.
let builder;
if (options.requestsModule) {
  builder = await import(pathToFileURL(path.resolve(options.requestsModule)).href);
  options.requests = builder.requests(options.requestsData);
}
const { requestsModule: _module, requestsData, ...autocannonOptions } = options;

const result = await autocannon(autocannonOptions);
builder?.finish?.(requestsData);
process.stdout.write(`${JSON.stringify(result)}\n`);
