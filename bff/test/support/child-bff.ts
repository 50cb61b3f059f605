import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * The real BFF as a child process (`node --import tsx bff/src/main.ts`), for tests that must kill
 * it (`kill -9`) and start it again on the same database: durability, not behaviour.
 */
export interface ChildBff {
  baseUrl: string;
  /** SIGKILL: no shutdown hooks, no flushing; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait (the graceful path). */
  stop(): Promise<void>;
  /** Last lines of its output, for failure messages. */
  output(): string;
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startChildBff(
  env: Record<string, string>,
  options: { readyWithinMs?: number } = {},
): Promise<ChildBff> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bff', 'src', 'main.ts')],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        SEED_DEMO: 'true',
        AUTH_PROVIDERS: 'dev',
        AUTH_RATE_LIMIT_PER_MINUTE: '100000',
        LOG_LEVEL: 'warn',
        H5_DIR: '/nonexistent',
        DATABASE_URL: '',
        // Required with DATABASE_URL (visitors' personal data); a fixed test key.
        VISITOR_DATA_KEY: `test:${Buffer.alloc(32, 1).toString('base64')}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      lines.push(...chunk.split('\n').filter(Boolean));
      if (lines.length > 80) lines.splice(0, lines.length - 80);
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + (options.readyWithinMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`BFF exited before it was ready:\n${lines.join('\n')}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`BFF not ready in time:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    baseUrl,
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => lines.join('\n'),
  };
}
