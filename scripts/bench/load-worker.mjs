// The load generator, run as its own process so it does not share an event loop with the harness:
//   node scripts/bench/load-worker.mjs '<autocannon options as JSON>'
// Prints autocannon's result as one JSON line on stdout.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}');
const result = await autocannon(options);
process.stdout.write(`${JSON.stringify(result)}\n`);
