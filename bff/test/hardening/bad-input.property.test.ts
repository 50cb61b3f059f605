import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CODES } from '@contract/errors';
import { createTestApp, type TestApp } from '../support/test-app';
import { dialectUnderTest } from '../support/test-db';

/**
 * Bad input, generated, against every operation of the OpenAPI document (so a module is covered
 * the day its routes land) as every role and as nobody: path and query values of the wrong type,
 * out of range, with control characters or invisible text, huge; bodies with one field wrong in
 * each of those ways, nested deep, or not objects at all. Every answer must be a 4xx that carries
 * an error code, and the database — every table its catalog lists, by row count and checksum —
 * must be as it was. A fixed seed and a bounded number of runs keep it reproducible and quick;
 * `BAD_INPUT_RUNS` (runs per operation and caller), `BAD_INPUT_SEED` and `BAD_INPUT_ONLY` (a pattern
 * of `METHOD /path`) explore further.
 */

const SEED = Number(process.env.BAD_INPUT_SEED ?? 14);
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 6);
/** Only the operations whose `METHOD /path` matches (exploring one module); all by default. */
const ONLY = new RegExp(process.env.BAD_INPUT_ONLY ?? '');
/** The test clock's day (test-clock.ts): plausible dates reach the rules behind the schema. */
const TODAY = '2026-11-21';

jest.setTimeout(290_000);
/** Generation stops early past this (the test's own timeout is 290 s): see `shortened`. */
const TIME_BUDGET_MS = 230_000;

// ---- the OpenAPI document -----------------------------------------------------------------------

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body?: Schema;
  multipart: boolean;
}

function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: upper as Operation['method'],
        path,
        parameters: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        body: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return ops;
}

// ---- plausible values (so a request reaches the rule behind the one bad value) -------------------

const CANDIDATE_TEXT = [
  TODAY,
  '12:00',
  '123456',
  'canteen-1',
  '/api/uploads/0123456789abcdef0123456789abcdef.png',
  '0123456789abcdef0123456789abcdef.png',
  'abc',
];

function typesOf(schema: Schema): string[] {
  if (schema.type) return Array.isArray(schema.type) ? schema.type : [schema.type];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return [...new Set(branches.flatMap(typesOf))];
  if (schema.const !== undefined) return [jsonType(schema.const)];
  if (schema.enum) return [...new Set(schema.enum.map(jsonType))];
  return [];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value the schema accepts (or close enough: the rules behind it may still refuse it). */
function plausible(schema: Schema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return plausible(branches.find((b) => typesOf(b)[0] !== 'null') ?? branches[0], name);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => plausible(s, name) as object));
  const type = typesOf(schema).find((t) => t !== 'null') ?? 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) out[key] = plausible(property, key);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => plausible(schema.items ?? {}, name));
    case 'integer':
    case 'number':
      return schema.default ?? schema.minimum ?? 1;
    case 'boolean':
      return true;
    default: {
      if (schema.format === 'date-time') return `${TODAY}T12:00:00.000+08:00`;
      if (/canteen/i.test(name)) return 'canteen-1';
      if (/person/i.test(name)) return 'demo-staff-02';
      const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
      const text = pattern ? CANDIDATE_TEXT.find((c) => pattern.test(c)) : 'abc';
      return text ?? 'abc';
    }
  }
}

// ---- bad values -------------------------------------------------------------------------------

const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'];
const BIDI = ['\u202a', '\u202e', '\u2066', '\u2069'];
const INVISIBLE_ONLY = ['\u200b', '\u200b\u200d', ' \ufeff ', '\u2060\u3000'];

/** Text a human did not type: a control character or a bidi override inside, or invisible only. */
const badText = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL, ...BIDI), fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => a + c + b),
  fc.constantFrom(...INVISIBLE_ONLY),
);

const HUGE = fc.integer({ min: 300, max: 300_000 }).map((n) => 'x'.repeat(n));
const WRONG_TYPED: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  '1',
  '0x10',
  '1e3',
  ' 1',
  [],
  [1],
  {},
  { a: 1 },
];

/** Deep nesting: `[[[…]]]` or `{"a":{"a":…}}`. */
const nested = fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** Values of a JSON type the schema does not allow, or past its bounds. */
function wrongFor(schema: Schema): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  const allowed = (v: unknown) =>
    !types.includes(jsonType(v)) && !(jsonType(v) === 'integer' && types.includes('number'));
  const options: fc.Arbitrary<unknown>[] = [fc.constantFrom(...WRONG_TYPED.filter(allowed)), nested, badText, badText];
  if (types.includes('integer') || types.includes('number')) {
    const bounds: number[] = [];
    if (schema.minimum !== undefined) bounds.push(schema.minimum - 1, schema.minimum - 0.5);
    if (schema.maximum !== undefined) bounds.push(schema.maximum + 1, schema.maximum + 0.5);
    if (types.includes('integer')) bounds.push(0.5, 2 ** 53 + 2, -(2 ** 60));
    if (bounds.length) options.push(fc.constantFrom(...bounds));
  }
  if (types.includes('string')) {
    if (schema.maxLength !== undefined) options.push(fc.constant('字'.repeat(schema.maxLength + 1)));
    if ((schema.minLength ?? 0) > 0) options.push(fc.constant(''));
  }
  if (types.includes('array')) {
    if (schema.maxItems !== undefined)
      options.push(fc.constant(Array.from({ length: schema.maxItems + 1 }, () => plausible(schema.items ?? {}))));
    if ((schema.minItems ?? 0) > 0) options.push(fc.constant([]));
  }
  return fc.oneof(...options);
}

/**
 * Text a path or query parameter never accepts: its number out of range or not a number at all,
 * its text past the length or off the pattern or the list; always text a human did not type.
 */
function wrongText(schema: Schema): fc.Arbitrary<string> {
  const types = typesOf(schema);
  // Text a human did not type is what reaches the database unasked: it gets most of the runs.
  const options: fc.WeightedArbitrary<string>[] = [{ arbitrary: badText, weight: 6 }];
  const push = (arbitrary: fc.Arbitrary<string>) => options.push({ arbitrary, weight: 1 });
  if (types.includes('integer') || types.includes('number')) {
    push(fc.constantFrom('', 'abc', '0x10', '1e3', ' 1', '1 ', '+1', '1.5.1', '99999999999999999999'));
    if (types.includes('integer')) push(fc.constantFrom('1.5', '2.0000001'));
    if (schema.minimum !== undefined) push(fc.constant(String(schema.minimum - 1)));
    if (schema.maximum !== undefined) push(fc.constant(String(schema.maximum + 1)));
  }
  if (types.includes('boolean')) push(fc.constantFrom('yes', '1', 'TRUE', ''));
  if (types.includes('string')) {
    if (schema.maxLength !== undefined) push(fc.constant('字'.repeat(schema.maxLength + 1)));
    if ((schema.minLength ?? 0) > 0) push(fc.constant(''));
    if (schema.pattern || schema.enum || schema.anyOf) push(fc.constantFrom('not-in-the-list', '2026-13-45x'));
  }
  return fc.oneof(...options);
}

/** Every place inside a body schema a value sits: `[path, schema]`, the root as `[]`. */
function placesOf(schema: Schema, path: (string | number)[] = [], depth = 0): [(string | number)[], Schema][] {
  const places: [(string | number)[], Schema][] = [[path, schema]];
  if (depth > 6) return places;
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    places.push(...placesOf(property, [...path, key], depth + 1));
  if (schema.items) places.push(...placesOf(schema.items, [...path, 0], depth + 1));
  return places;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof key === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  // An own property even for `__proto__` (plain assignment would set the prototype instead).
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---- requests -----------------------------------------------------------------------------------

interface BadRequest {
  /** What was made bad, for the report. */
  fault: string;
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  raw?: { payload: Buffer; contentType: string };
}

function multipart(data: Uint8Array, cut: boolean): { payload: Buffer; contentType: string } {
  const boundary = '----bad-input-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
  );
  const whole = Buffer.concat([head, Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return {
    payload: cut ? whole.subarray(0, whole.length - 20) : whole,
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Requests to `op` that are each bad in one place (the rest plausible). */
function badRequests(op: Operation): fc.Arbitrary<BadRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const goodPath = Object.fromEntries(pathParams.map((p) => [p.name, String(plausible(p.schema ?? {}, p.name))]));
  const goodBody = op.body ? plausible(op.body) : undefined;
  const base = { path: goodPath, query: {}, body: goodBody };

  const faults: fc.Arbitrary<BadRequest>[] = [
    // Any query key is text the server reads, declared or not.
    fc.tuple(fc.constantFrom('x', 'q', 'limit'), badText).map(([key, value]) => ({
      ...base,
      fault: `query ${key}`,
      query: { [key]: value },
    })),
  ];
  for (const p of pathParams) {
    faults.push(
      fc.oneof({ arbitrary: HUGE, weight: 1 }, { arbitrary: wrongText(p.schema ?? {}), weight: 5 }).map((value) => ({
        ...base,
        fault: `path ${p.name}`,
        path: { ...goodPath, [p.name]: value },
      })),
    );
  }
  for (const p of queryParams) {
    faults.push(
      wrongText(p.schema ?? {}).map((value) => ({
        ...base,
        fault: `query ${p.name}`,
        query: { [p.name]: value },
      })),
    );
  }
  if (op.body) {
    const places = placesOf(op.body);
    faults.push(
      fc.constantFrom(...places).chain(([path, schema]) =>
        wrongFor(schema).map((value) => ({
          ...base,
          fault: `body ${path.join('.') || '(root)'}`,
          body: setAt(goodBody, path, value),
        })),
      ),
    );
    const requiredPlaces = places.filter(([, s]) => (s.required ?? []).length > 0);
    if (requiredPlaces.length) {
      faults.push(
        fc.constantFrom(...requiredPlaces).chain(([path, schema]) =>
          fc.constantFrom(...(schema.required ?? [])).map((key) => ({
            ...base,
            fault: `body ${[...path, key].join('.')} missing`,
            body: setAt(goodBody, [...path, key], undefined, true),
          })),
        ),
      );
    }
    const closed = places.filter(([, s]) => s.additionalProperties === false);
    if (closed.length) {
      faults.push(
        fc
          .tuple(fc.constantFrom(...closed), fc.constantFrom('__proto__', 'constructor', 'admin', 'id'))
          .map(([[path], key]) => ({
            ...base,
            fault: `body ${[...path, key].join('.')} extra`,
            body: setAt(goodBody, [...path, key], true),
          })),
      );
    }
  }
  if (op.multipart) {
    faults.push(
      fc.tuple(fc.uint8Array({ maxLength: 2048 }), fc.boolean()).map(([data, cut]) => ({
        ...base,
        fault: cut ? 'multipart cut short' : 'multipart not an image',
        raw: multipart(data, cut),
      })),
    );
  }
  return fc.oneof(...faults);
}

/**
 * Percent-encodes text for a URL; a lone surrogate (which has no UTF-8) goes as the bytes a careless
 * client would send for it (CESU-8, `%ED%A0%80`), which is not UTF-8 either.
 */
function encode(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\s\S]/g, (c) => {
    const unit = c.charCodeAt(0);
    if (c.length === 1 && unit >= 0xd800 && unit <= 0xdfff)
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(c);
  });
}

function urlOf(op: Operation, request: BadRequest): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encode(request.path[name] ?? 'x'));
  const query = Object.entries(request.query)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

// ---- the database before and after --------------------------------------------------------------

/** Row count and checksum of every table the database's catalog lists (new modules' tables included). */
async function snapshot(t: TestApp): Promise<Record<string, string>> {
  const tables = await t.db.db.introspection.getTables();
  const out: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.db.db);
    const lines = rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    lines.sort();
    out[table.name] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

// ---- the suite ----------------------------------------------------------------------------------

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const CODES = new Set<string>(ERROR_CODES);

function verdict(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 200)}`;
  if (res.statusCode < 400) return `accepted bad input with ${res.statusCode}`;
  let code: unknown;
  try {
    code = (res.json() as { error?: { code?: unknown } }).error?.code;
  } catch {
    return `answered ${res.statusCode} without a JSON error body`;
  }
  return typeof code === 'string' && CODES.has(code) ? undefined : `answered ${res.statusCode} without an error code`;
}

it('every operation, as every role and as nobody: bad input is a coded 4xx and changes nothing', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const operations = operationsOf(doc).filter((op) => ONLY.test(`${op.method} ${op.path}`));
  expect(operations.length).toBeGreaterThan(process.env.BAD_INPUT_ONLY ? 0 : 40);

  // One demo person per role, plus nobody.
  const users = (await t.app.inject({ method: 'GET', url: '/api/auth/dev/users' })).json().users as {
    id: string;
    roles: string[];
  }[];
  const byRole = new Map<string, string>();
  for (const user of users) for (const role of user.roles) if (!byRole.has(role)) byRole.set(role, user.id);
  const callers: { name: string; token?: string }[] = [{ name: 'anonymous' }];
  for (const [role, id] of byRole) callers.push({ name: role, token: (await t.signIn(id)).token });

  const failures: string[] = [];
  const found = new Set<string>();
  let shortened = 0;
  const perStatus = new Map<number, number>();
  let requests = 0;
  const started = Date.now();

  for (const op of operations) {
    const before = await snapshot(t);
    const property = fc.asyncProperty(badRequests(op), fc.constantFrom(...callers), async (request, who) => {
      const headers: Record<string, string> = { 'idempotency-key': `bad-input-${requests}` };
      if (who.token) headers.authorization = `Bearer ${who.token}`;
      let payload: string | Buffer | undefined;
      if (request.raw) {
        payload = request.raw.payload;
        headers['content-type'] = request.raw.contentType;
      } else if (request.body !== undefined) {
        payload = JSON.stringify(request.body);
        headers['content-type'] = 'application/json';
      }
      const res = await t.app.inject({ method: op.method, url: urlOf(op, request), headers, payload });
      requests += 1;
      perStatus.set(res.statusCode, (perStatus.get(res.statusCode) ?? 0) + 1);
      const wrong = verdict(res);
      // Every run goes on (no shrinking): one bad answer per operation and kind is reported, with
      // the request that got it, so a run lists everything it found rather than the first.
      const kind = `${op.method} ${op.path}: ${wrong?.replace(/:.*$/s, '')}`;
      if (wrong && !found.has(kind)) {
        found.add(kind);
        const example = JSON.stringify({ url: urlOf(op, request), body: request.body }).slice(0, 300);
        failures.push(`${op.method} ${op.path} as ${who.name}, ${request.fault}: ${wrong}\n    request: ${example}`);
      }
    });
    // A fixed number of runs; only on a machine so loaded that the suite would pass its time budget
    // are an operation's last runs given up (and counted below), never the operation itself.
    const left = operations.length - operations.indexOf(op);
    const timeLimit = Math.max(1000, (TIME_BUDGET_MS - (Date.now() - started)) / left);
    const details = await fc.check(property, {
      seed: SEED,
      numRuns: RUNS * callers.length,
      interruptAfterTimeLimit: timeLimit,
      markInterruptAsFailure: false,
    });
    if (details.failed) throw details.errorInstance;
    if (details.interrupted) shortened += RUNS * callers.length - details.numRuns;
    const after = await snapshot(t);
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
    if (changed.length) failures.push(`${op.method} ${op.path}: bad input changed ${changed.join(', ')}`);
  }

  const statuses = [...perStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.info(
    `bad-input suite on ${dialectUnderTest()}: ${requests} requests, ${operations.length} operations × ` +
      `${callers.length} callers (seed ${SEED}, ${RUNS} runs each), ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `answers ${statuses.join(' ')}` +
      (shortened ? `; ${shortened} runs given up to stay within ${TIME_BUDGET_MS / 1000} s (machine overloaded)` : ''),
  );
  expect(failures).toEqual([]);
});
