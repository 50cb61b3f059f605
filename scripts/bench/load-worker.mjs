// The load generator, run as its own process so it does not share an event loop with the harness:
//   node scripts/bench/load-worker.mjs <file holding the autocannon options as JSON>
// (a file: a command-line argument is capped at 128 KiB, too small for thousands of buyers).
// Prints autocannon's result as one JSON line on stdout.
//
// `interleave: [request, …]` (instead of `requests`): every request any connection sends takes
// the next entry of this one list, so connections never walk the same buyers in step (with
// `requests`, each connection cycles the list from its start, and at 20 connections four to seven
// of them wait on the same buyer's card row at once).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const options = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (Array.isArray(options.interleave)) {
  const list = options.interleave;
  delete options.interleave;
  let next = 0;
  options.requests = [{ setupRequest: (request) => ({ ...request, ...list[next++ % list.length] }) }];
}

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
