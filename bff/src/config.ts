import net from 'node:net';
import { parseGateControllers, type GateController } from './integrations/gate/gate-client';

/** Everything the BFF reads from the environment, parsed once. `.env.example` lists each variable. */
export type AuthProvider = 'dev' | 'wechat' | 'zzd';

export interface Config {
  host: string;
  port: number;
  /** Unset: embedded SQLite at `sqliteFile`. `postgres://…`: PostgreSQL. */
  databaseUrl?: string;
  sqliteFile: string;
  /** PostgreSQL: connections each instance keeps open at most (its pool); default 10. */
  databasePoolSize: number;
  /** SQLite: run order transactions on a thread of their own (see fast-paths/orders/writer-thread.ts); default true. */
  sqliteOrderThread: boolean;
  /** The sign-in providers in effect: `dev` is left out when the server listens beyond loopback, unless forced. */
  authProviders: AuthProvider[];
  /**
   * Addresses (IPs, CIDR ranges, or proxy-addr's `loopback`, `linklocal`, `uniquelocal`) of the
   * reverse proxies whose `X-Forwarded-For` / `-Proto` / `-Host` are believed; false: none (default).
   */
  trustProxy: false | string[];
  /** CSP `frame-ancestors` sources allowed to embed the H5 app besides our own origin (浙政钉). */
  frameAncestors: string[];
  /** What the operator must hear at start (logged as warnings by `buildApp`). */
  startupWarnings: string[];
  sessionTtlHours: number;
  /** Per-instance memo of resolved tokens (ms); bounds how late another instance sees a logout. */
  sessionCacheMs: number;
  menuCacheMs: number;
  /** Sign-in attempts allowed per client address per minute. */
  authRateLimitPerMinute: number;
  /** Where the built H5 app lives; served at `/` when present. */
  h5Dir: string;
  /** Directory of the local upload storage (dish photos). */
  uploadsDir: string;
  seedDemo: boolean;
  outboxPollMs: number;
  /** How often housekeeping runs (close days nobody closed, purge sessions); `HOUSEKEEPING_MS`. */
  housekeepingMs: number;
  logLevel: string;
  wechat: { appId?: string; appSecret?: string; apiBase: string };
  zzd: {
    appKey?: string;
    appSecret?: string;
    apiBase: string;
    tenantId?: string;
    /** The H5 app's address as 浙政钉 opens it: work notices then link to the message. */
    appUrl?: string;
  };
  /** Parking gate controllers (`GATE_CONTROLLERS`, JSON); a gate not listed is worked from the guard's console. */
  gates: GateController[];
  /** Visitors' personal data keys, `id:base64(32 bytes)[,older…]`; unset on SQLite: a key file beside the database. */
  visitorDataKey?: string;
  /** HMAC key of the visitors' look-up hashes (base64); unset: derived from the first data key. */
  visitorLookupKey?: string;
  /** A pass scanned again within this many seconds is a double scan, not a check-out; default 10. */
  visitRescanSeconds: number;
  /** Applications one session may send an hour (each one messages and pushes to a host). */
  visitApplicationsPerHour: number;
  /** WeChat subscribe messages (push): the template, its field keys, the page a tap opens. */
  wechatSubscribe: {
    templateId?: string;
    fields: { title: string; body: string; time: string };
    page: string;
    miniprogramState: string;
  };
}

function list(value: string | undefined, fallback: string): string[] {
  return (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `thing1,thing2,time3`: the subscribe template's keys for the title, the body and the time. */
function templateFields(value: string | undefined): { title: string; body: string; time: string } {
  const keys = list(value, 'thing1,thing2,time3');
  if (keys.length !== 3 || keys.some((k) => !/^[a-z_]+\d+$/.test(k))) {
    throw new Error(`WECHAT_SUBSCRIBE_FIELDS must be three template keys such as thing1,thing2,time3, got "${value}"`);
  }
  return { title: keys[0], body: keys[1], time: keys[2] };
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = int(value, fallback, name);
  if (n < 1) throw new Error(`${name} must be at least 1, got "${value}"`);
  return n;
}

/** Hosts that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `TRUST_PROXY`: unset or `false` trusts no one; otherwise a list of proxy addresses, never "everyone". */
function trustProxyOf(value: string | undefined): false | string[] {
  if (value === undefined || value.trim() === '' || value.trim() === 'false') return false;
  const entries = list(value, '');
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address);
    const validBits =
      bits === undefined ||
      (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32) && extra === undefined);
    if (!(PROXY_KEYWORDS.has(entry) || (family !== 0 && validBits))) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not a proxy address; list the IPs or CIDR ranges of your reverse proxies ` +
          '(e.g. 10.0.0.5,10.0.1.0/24) or loopback; "true" (trust any client) is not accepted',
      );
    }
  }
  return entries;
}

/** 浙政钉 (专有钉钉) clients and workbenches: the government's dg-work.cn, DingTalk, the province's zj.gov.cn. */
const DEFAULT_FRAME_ANCESTORS = 'https://*.dg-work.cn,https://*.dingtalk.com,https://*.zj.gov.cn';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const requested = list(env.AUTH_PROVIDERS, databaseUrl ? 'wechat,zzd' : 'dev,wechat,zzd');
  for (const p of requested) {
    if (p !== 'dev' && p !== 'wechat' && p !== 'zzd') throw new Error(`AUTH_PROVIDERS: unknown provider "${p}"`);
  }
  // PostgreSQL deployments hold real visitors' data: no silent default key there.
  if (databaseUrl && !env.VISITOR_DATA_KEY) throw new Error('VISITOR_DATA_KEY must be set when DATABASE_URL is set');
  const host = env.HOST || '127.0.0.1';
  const startupWarnings: string[] = [];
  let providers = requested;
  // Demo sign-in makes anyone who reaches the port an admin with one request: on loopback only,
  // unless the operator says, in so many words, that the network may have it.
  if (requested.includes('dev') && !isLoopbackHost(host)) {
    if (env.AUTH_DEV_BEYOND_LOOPBACK === 'true') {
      startupWarnings.push(
        `!!! DEMO SIGN-IN (dev) IS OPEN TO THE NETWORK on ${host}: anyone who reaches this port can sign in as any demo person, admins included. ` +
          'Unset AUTH_DEV_BEYOND_LOOPBACK or remove dev from AUTH_PROVIDERS outside a demo. !!!',
      );
    } else {
      providers = requested.filter((p) => p !== 'dev');
      startupWarnings.push(
        `demo sign-in (dev) is OFF: HOST=${host} listens beyond loopback. ` +
          'Set AUTH_DEV_BEYOND_LOOPBACK=true to force it on (a demo on a trusted network only).',
      );
    }
  }
  for (const v of ['AUTH_DEV_BEYOND_LOOPBACK']) {
    if (env[v] !== undefined && env[v] !== 'true' && env[v] !== 'false') throw new Error(`${v} must be true or false`);
  }
  return {
    host,
    port: int(env.PORT, 3000, 'PORT'),
    databaseUrl,
    sqliteFile: env.SQLITE_FILE || 'data/app.sqlite',
    databasePoolSize: positive(env.DATABASE_POOL_SIZE, 10, 'DATABASE_POOL_SIZE'),
    sqliteOrderThread: (env.SQLITE_ORDER_THREAD ?? 'true') !== 'false',
    authProviders: providers as AuthProvider[],
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    frameAncestors: list(env.FRAME_ANCESTORS, DEFAULT_FRAME_ANCESTORS),
    startupWarnings,
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 72, 'SESSION_TTL_HOURS'),
    sessionCacheMs: int(env.SESSION_CACHE_MS, 5000, 'SESSION_CACHE_MS'),
    menuCacheMs: int(env.MENU_CACHE_MS, 10_000, 'MENU_CACHE_MS'),
    authRateLimitPerMinute: int(env.AUTH_RATE_LIMIT_PER_MINUTE, 30, 'AUTH_RATE_LIMIT_PER_MINUTE'),
    h5Dir: env.H5_DIR || 'dist/h5',
    uploadsDir: env.UPLOADS_DIR || 'data/uploads',
    seedDemo: (env.SEED_DEMO ?? (databaseUrl ? 'false' : 'true')) === 'true',
    outboxPollMs: int(env.OUTBOX_POLL_MS, 500, 'OUTBOX_POLL_MS'),
    housekeepingMs: int(env.HOUSEKEEPING_MS, 5 * 60_000, 'HOUSEKEEPING_MS'),
    logLevel: env.LOG_LEVEL || 'info',
    wechat: {
      appId: env.WECHAT_APPID || undefined,
      appSecret: env.WECHAT_SECRET || undefined,
      apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
    },
    zzd: {
      appKey: env.ZZD_APP_KEY || undefined,
      appSecret: env.ZZD_APP_SECRET || undefined,
      apiBase: env.ZZD_API_BASE || 'https://openplatform.dg-work.cn',
      tenantId: env.ZZD_TENANT_ID || undefined,
      appUrl: env.ZZD_APP_URL || undefined,
    },
    gates: parseGateControllers(env.GATE_CONTROLLERS),
    visitorDataKey: env.VISITOR_DATA_KEY || undefined,
    visitorLookupKey: env.VISITOR_LOOKUP_KEY || undefined,
    visitRescanSeconds: int(env.VISIT_RESCAN_SECONDS, 10, 'VISIT_RESCAN_SECONDS'),
    visitApplicationsPerHour: int(env.VISIT_APPLICATIONS_PER_HOUR, 10, 'VISIT_APPLICATIONS_PER_HOUR'),
    wechatSubscribe: {
      templateId: env.WECHAT_SUBSCRIBE_TEMPLATE_ID || undefined,
      fields: templateFields(env.WECHAT_SUBSCRIBE_FIELDS),
      page: env.WECHAT_SUBSCRIBE_PAGE || 'pages/messages/index',
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE || 'formal',
    },
  };
}
