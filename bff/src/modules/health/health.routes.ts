import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { HealthSchema } from '@contract/health.schema';
import type { Database } from '../../db/schema';
import { pingDatabase, type Dialect } from '../../db/database';

export function registerHealthRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; dialect: Dialect }): void {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: '健康检查', response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      const ok = await pingDatabase(deps.db);
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db: { dialect: deps.dialect, ok } });
    },
  );
}
