import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ERROR_MESSAGES } from '@contract/errors';

/** CSP sources (`'sha256-…'`) of the inline `<script>`s of a page (Taro's template writes one). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Serves the built H5 app at `/` when it exists. Unknown `/api/*` paths answer NOT_FOUND as JSON;
 * any other GET that accepts HTML gets index.html so the browser router can take over.
 * `pageCsp` gives the Content-Security-Policy of the page, allowing its inline scripts by hash.
 */
export async function registerH5(
  app: FastifyInstance,
  h5Dir: string,
  pageCsp: (scriptHashes: string[]) => string,
): Promise<void> {
  const root = path.resolve(h5Dir);
  const indexFile = path.join(root, 'index.html');
  const hasH5 = fs.existsSync(indexFile);
  const csp = hasH5 ? pageCsp(inlineScriptHashes(fs.readFileSync(indexFile, 'utf8'))) : '';
  if (hasH5) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        // Hashed assets never change; index.html must always be revalidated.
        res.setHeader('cache-control', filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
        if (filePath.endsWith('.html')) res.setHeader('content-security-policy', csp);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    if (!isApi && hasH5 && request.method === 'GET' && !path.extname(request.url.split('?')[0])) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', csp)
        .sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  });
}
