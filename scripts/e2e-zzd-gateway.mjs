// The fake 浙政钉 gateway of the end-to-end run (scripts/e2e.mjs): the very fake the BFF unit tests
// use (bff/test/fakes/zzd-fake.ts, loaded through tsx), HMAC checks and all, on a free 127.0.0.1
// port, plus a second 127.0.0.1 port the journeys control it through, since they run in processes
// of their own:
//
//   POST /codes    {accountId, lastName}  → {code}  an auth code as getAuthCode would give the app
//   GET  /notices                         → {notices: [{tenantId, receiverIds, bizMsgId, content}]}
//
// The BFF is pointed at the gateway with the ZZD_* variables of `env`.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { repoRoot } from './bench/servers.mjs';

/** The tenant (realm) of the fake's accounts; the BFF signs in only this tenant's staff. */
const TENANT_ID = '196729';
const TENANT_NAME = '数智后勤演示单位';
const MAX_BODY_BYTES = 4096;

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) reject(new Error('body too large'));
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch (err) {
        reject(err);
      }
    });
    req.on('error', reject);
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

/** Starts the gateway and its control port; `stop()` ends both. */
export async function startZzdGateway() {
  const { ZzdFake } = await tsImport(path.join(repoRoot, 'bff', 'test', 'fakes', 'zzd-fake.ts'), {
    parentURL: import.meta.url,
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
  });
  const appKey = 'e2e-zzd-app';
  const appSecret = randomBytes(24).toString('base64');
  const fake = new ZzdFake({ appKey, appSecret });
  const { baseUrl } = await fake.start();

  const control = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://control');
    if (req.method === 'GET' && pathname === '/notices') return send(res, 200, { notices: fake.notices });
    if (req.method === 'POST' && pathname === '/codes') {
      readJson(req).then(
        ({ accountId, lastName }) => {
          if (!Number.isSafeInteger(accountId) || typeof lastName !== 'string' || !lastName) {
            return send(res, 400, { error: 'accountId (integer) and lastName are required' });
          }
          const code = fake.issueCode({
            accountId,
            lastName,
            realmId: Number(TENANT_ID),
            realmName: TENANT_NAME,
          });
          send(res, 200, { code });
        },
        (err) => send(res, 400, { error: String(err?.message ?? err) }),
      );
      return undefined;
    }
    return send(res, 404, { error: 'not found' });
  });
  await new Promise((resolve, reject) => {
    control.once('error', reject);
    control.listen(0, '127.0.0.1', resolve);
  });
  const controlUrl = `http://127.0.0.1:${control.address().port}`;

  return {
    baseUrl,
    controlUrl,
    env: { ZZD_API_BASE: baseUrl, ZZD_APP_KEY: appKey, ZZD_APP_SECRET: appSecret, ZZD_TENANT_ID: TENANT_ID },
    /** What the gateway refused (bad signatures, replayed nonces): an honest run has none. */
    rejections: () => [...fake.rejections],
    async stop() {
      control.closeAllConnections();
      await new Promise((resolve) => control.close(() => resolve()));
      await fake.stop();
    },
  };
}
