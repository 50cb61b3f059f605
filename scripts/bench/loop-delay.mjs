// Preloaded into the BFF by the history bench (`node --import …/loop-delay.mjs`): measures the
// event loop's delay (monitorEventLoopDelay) and, on SIGUSR2, writes max / p99 / mean in ms to
// LOOP_DELAY_FILE and starts over. Not part of the BFF: only the bench loads it.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
  const figures = { max: ms(histogram.max), p99: ms(histogram.percentile(99)), mean: ms(histogram.mean) };
  if (process.env.LOOP_DELAY_FILE) fs.writeFileSync(process.env.LOOP_DELAY_FILE, JSON.stringify(figures));
  histogram.reset();
});
