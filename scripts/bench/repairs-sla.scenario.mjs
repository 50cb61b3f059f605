// Repairs SLA timer (issue 18): one tick with 100,000 open tickets in the database — find what is
// due through the partial check_at index and escalate it — target under 50 ms. Measured in a
// process of its own on a database of its own (repairs-sla-tick.mjs; SQLite, or PostgreSQL with
// BENCH_DATABASE_URL) and printed here; then the dispatcher's board is put under load.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './servers.mjs';

function measureTicks() {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bench', 'repairs-sla-tick.mjs')],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`repairs-sla-tick exited with code ${code}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch (err) {
        reject(err);
      }
    });
  });
}

const ms = (n) => `${n.toFixed(1)} ms`;

export default {
  name: 'repairs-sla',
  title: 'GET /api/repairs/board (dispatcher)',
  async prepare({ signIn }) {
    const r = await measureTicks();
    const verdict = (n) => (n < 50 ? 'meets < 50 ms' : 'MISSES < 50 ms');
    console.log(
      `repairs SLA tick, ${r.openTickets.toLocaleString('en-US')} open tickets on ${r.dialect}: ` +
        `nothing due ${ms(r.idleMs)} (${verdict(r.idleMs)}); ` +
        `${r.busy.escalated} due ${ms(r.busy.ms)} (${verdict(r.busy.ms)}); ` +
        `backlog of ${r.backlog.escalated} due ${ms(r.backlog.ms)}`,
    );
    const { token } = await signIn('dispatcher');
    return { method: 'GET', path: '/api/repairs/board', headers: { authorization: `Bearer ${token}` } };
  },
};
