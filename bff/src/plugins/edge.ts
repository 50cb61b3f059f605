import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  RouteOptions,
  onRequestHookHandler,
  preValidationHookHandler,
} from 'fastify';
import { ERROR_MESSAGES } from '@contract/errors';
import { textProblem } from '@contract/text';
import { badRequest, DomainError } from '../errors';
import { AUTHENTICATES } from './authorize';

/**
 * The edge every route gets without asking (modules added later included): who the caller is
 * before anything about the request is judged, text refused the same way on both databases,
 * numbers in paths and query strings parsed from text explicitly, JSON bodies in UTF-8 only,
 * security headers on every answer. Registered in `app.ts` before any module's routes.
 */
export interface EdgeOptions {
  /** CSP `frame-ancestors` sources besides 'self' (the 浙政钉 hosts that embed the H5 app). */
  frameAncestors: readonly string[];
  /** CSP sources of inline scripts allowed by hash (`'sha256-…'`): the H5 page's own. */
  scriptHashes?: readonly string[];
}

/** JSON bodies nest at most this deep; deeper is refused before any schema or service walks it. */
export const MAX_BODY_DEPTH = 32;

// ---- authentication first ---------------------------------------------------------------------

type Hook = (...args: never[]) => unknown;
const asList = <T>(hooks: T | T[] | undefined): T[] =>
  hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];

/**
 * Routes declare `preHandler: authorize(...)`; that would run after body parsing and schema
 * validation, so an anonymous caller learned the schema from a 400. The authorize hooks move to
 * `onRequest`: a caller without a session (or the role) is refused before the body is even read.
 */
function authenticateFirst(route: RouteOptions): void {
  const preHandlers = asList(route.preHandler as Hook | Hook[] | undefined);
  const auth = preHandlers.filter((h) => (h as { [AUTHENTICATES]?: true })[AUTHENTICATES]);
  if (auth.length === 0) return;
  route.preHandler = preHandlers.filter((h) => !auth.includes(h)) as RouteOptions['preHandler'];
  route.onRequest = [...asList(route.onRequest as Hook | Hook[] | undefined), ...auth] as RouteOptions['onRequest'];
}

// ---- text -------------------------------------------------------------------------------------

const TEXT_ERRORS = {
  control: 'TEXT_INVALID_CHARACTERS',
  bidi: 'TEXT_INVALID_CHARACTERS',
  blank: 'TEXT_BLANK',
} as const;

function refuseText(where: string, problem: keyof typeof TEXT_ERRORS): DomainError {
  const code = TEXT_ERRORS[problem];
  return badRequest(code, where ? `${ERROR_MESSAGES[code]}（${where}）` : undefined);
}

/**
 * Every string in `value` (keys too), walked without recursion so no nesting can overflow the
 * stack. Answers the first refusal, or undefined.
 */
function checkStrings(value: unknown, multiline: boolean, maxDepth: number): DomainError | undefined {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [item, path, depth] = stack.pop()!;
    if (typeof item === 'string') {
      const problem = textProblem(item, multiline);
      if (problem) return refuseText(path, problem);
    } else if (item !== null && typeof item === 'object') {
      if (depth >= maxDepth) return badRequest('NESTING_TOO_DEEP');
      for (const [key, child] of Object.entries(item)) {
        const keyProblem = textProblem(key, false);
        if (keyProblem) return refuseText(path, keyProblem);
        stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
      }
    }
  }
  return undefined;
}

/**
 * The query parser passes a value it cannot percent-decode through as it came (`%ED%A0%80`, `%o0`):
 * text that is not UTF-8, or not encoded at all, is refused rather than read as something else.
 */
function queryUndecodable(url: string): DomainError | undefined {
  const q = url.indexOf('?');
  if (q < 0) return undefined;
  try {
    decodeURIComponent(url.slice(q + 1).replace(/\+/g, ' '));
    return undefined;
  } catch {
    return badRequest('BAD_REQUEST', '请求地址中的参数编码无效（须为 UTF-8），请检查后重试');
  }
}

const checkText: preValidationHookHandler = (request, _reply, done) => {
  // Paths and query strings: no control character at all. Bodies: tab and line breaks are text.
  const refusal =
    queryUndecodable(request.url) ??
    checkStrings(request.params, false, 2) ??
    checkStrings(request.query, false, 3) ??
    checkStrings(request.body, true, MAX_BODY_DEPTH);
  done(refusal);
};

// ---- numbers from text ------------------------------------------------------------------------

type Parse = (text: string) => unknown;
const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
const DECIMAL = /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,15})?$/;
const PARSERS: Record<string, Parse> = {
  integer: (t) => (INTEGER.test(t) ? Number(t) : t),
  number: (t) => (DECIMAL.test(t) ? Number(t) : t),
  boolean: (t) => (t === 'true' ? true : t === 'false' ? false : t),
};

interface ObjectSchema {
  properties?: Record<string, { type?: string | string[] }>;
}

/** Which keys of a path or query schema hold numbers or booleans, and how to read them from text. */
function parsersOf(schema: unknown): [string, Parse][] {
  const properties = (schema as ObjectSchema | undefined)?.properties ?? {};
  const found: [string, Parse][] = [];
  for (const [key, property] of Object.entries(properties)) {
    const types = asList(property.type);
    const parse = types.map((t) => PARSERS[t]).find(Boolean);
    if (parse) found.push([key, parse]);
  }
  return found;
}

/**
 * Ajv does not convert types (a JSON body is typed exactly), so a path or query value, which is
 * always text, is read here: strict decimal for numbers (no "0x10", "1e3", "" or " 1"), `true` /
 * `false` for booleans. Anything else stays text and the schema refuses it, naming the field.
 */
function textToTypes(route: RouteOptions): preValidationHookHandler | undefined {
  const schema = route.schema as { params?: unknown; querystring?: unknown } | undefined;
  const params = parsersOf(schema?.params);
  const query = parsersOf(schema?.querystring);
  if (params.length === 0 && query.length === 0) return undefined;
  const apply = (values: unknown, parsers: [string, Parse][]) => {
    if (!values || typeof values !== 'object') return;
    const record = values as Record<string, unknown>;
    for (const [key, parse] of parsers) {
      const value = record[key];
      if (typeof value === 'string') record[key] = parse(value);
    }
  };
  return (request, _reply, done) => {
    apply(request.params, params);
    apply(request.query, query);
    done();
  };
}

// ---- UTF-8 JSON -------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true });
const RAW_BODY = Symbol('raw JSON body');

/**
 * A JSON request's body as the text it arrived as, before parsing: what a signature (a gate
 * controller's HMAC) covers. Undefined for a request without a JSON body.
 */
export function rawBodyOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY];
}

/** The `charset` parameter of a content type, lower case, or undefined. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/**
 * JSON bodies are UTF-8 (RFC 8259): another declared charset is refused rather than misread, and
 * bytes that are not UTF-8 are refused rather than turned into U+FFFD. WeChat's request API labels
 * every request JSON, even a DELETE without a body: a DELETE may carry no body, every other method
 * still must.
 */
function parseJsonAsUtf8(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = charsetOf(request.headers['content-type']);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new DomainError('CHARSET_NOT_UTF8', 415), undefined);
    }
    const bytes = body as Buffer;
    if (bytes.length === 0 && request.method === 'DELETE') return done(null, undefined);
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return done(badRequest('CHARSET_NOT_UTF8'), undefined);
    }
    (request as FastifyRequest & { [RAW_BODY]?: string })[RAW_BODY] = text;
    return parseJson(request, text, done);
  });
}

// ---- headers ----------------------------------------------------------------------------------

/**
 * Security headers of every answer. The CSP fits the H5 build: its scripts and styles are files
 * of our own origin (Taro sets inline style attributes, hence 'unsafe-inline' for styles only),
 * pictures are our uploads or data/blob URLs, the API and the live board are same-origin.
 * `frame-ancestors` lets the 浙政钉 workbench embed the H5 app; X-Frame-Options is not sent because
 * it cannot name several hosts and browsers that know frame-ancestors ignore it.
 */
export function securityHeaders(options: EdgeOptions): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src ${["'self'", ...(options.scriptHashes ?? [])].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // blob: because Taro's H5 uploadFile reads the picked photo back from its blob: URL with XHR.
    "connect-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${["'self'", ...options.frameAncestors].join(' ')}`,
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`%ED%A0%80`, a lone surrogate) or a path
 * parameter longer than the router takes would otherwise get Fastify's own body, without our code
 * or headers, because the router answers them before any hook runs.
 */
export function answerFrameworkErrors(options: EdgeOptions) {
  const headers = securityHeaders(options);
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const status = tooLong ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : 500;
    const code = status === 500 ? 'INTERNAL' : 'BAD_REQUEST';
    const message = tooLong ? '请求地址过长，请检查后重试' : status === 400 ? '请求地址无效，请检查后重试' : undefined;
    void reply
      .headers(headers)
      .header('cache-control', 'no-store')
      .status(status)
      .send({ error: { code, message: message ?? ERROR_MESSAGES[code] } });
  };
}

/** Registers the edge on the root instance; must run before any route is added. */
export function registerEdge(app: FastifyInstance, options: EdgeOptions): void {
  parseJsonAsUtf8(app);

  app.addHook('onRoute', (route) => {
    authenticateFirst(route);
    const parse = textToTypes(route);
    // Text is judged before numbers are read from it; both after authentication (onRequest).
    route.preValidation = [
      checkText,
      ...(parse ? [parse] : []),
      ...asList(route.preValidation as Hook | Hook[] | undefined),
    ] as RouteOptions['preValidation'];
  });

  const headers = securityHeaders(options);
  const setHeaders: onRequestHookHandler = (_request, reply, done) => {
    reply.headers(headers);
    done();
  };
  app.addHook('onRequest', setHeaders);

  // API answers are personal (a card balance, orders, messages, people) unless a route says
  // otherwise (public uploads, menus revalidated by ETag): no cache, shared or private, keeps them.
  app.addHook(
    'onSend',
    (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: HookHandlerDoneFunction) => {
      if (!reply.hasHeader('cache-control') && request.url.startsWith('/api/'))
        reply.header('cache-control', 'no-store');
      (done as (err: null, payload: unknown) => void)(null, payload);
    },
  );
}
