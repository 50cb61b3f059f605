// The bench baseline: a bare Fastify 5 hello-world, no plugins, logger off. HOST/PORT from env.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.get('/api/health', async () => ({ status: 'ok' }));

await app.listen({ host: process.env.HOST || '127.0.0.1', port: Number(process.env.PORT || 0) });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    app.close().then(() => process.exit(0));
  });
}
