import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ERROR_MESSAGES } from '@contract/errors';

/**
 * Serves the built H5 app at `/` when it exists. Unknown `/api/*` paths answer NOT_FOUND as JSON;
 * any other GET that accepts HTML gets index.html so the browser router can take over.
 */
export async function registerH5(app: FastifyInstance, h5Dir: string): Promise<void> {
  const root = path.resolve(h5Dir);
  const indexFile = path.join(root, 'index.html');
  const hasH5 = fs.existsSync(indexFile);
  if (hasH5) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        // Hashed assets never change; index.html must always be revalidated.
        res.setHeader('cache-control', filePath.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    if (!isApi && hasH5 && request.method === 'GET' && !path.extname(request.url.split('?')[0])) {
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND } });
  });
}
