import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** `/api/openapi.json` is generated from the route schemas (the contract); `/api/docs` renders it. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: '数智后勤 API', version: '0.1.0', description: '数智后勤 BFF：小程序与 H5 调用的唯一接口。' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          // A gate controller signs its events instead of holding a session (bff/src/integrations/gate).
          gateSignature: {
            type: 'apiKey',
            in: 'header',
            name: 'x-gate-signature',
            description:
              'HMAC-SHA256 over timestamp, nonce and body, with x-gate-id, x-gate-timestamp and x-gate-nonce',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
