import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'fastify/types/logger';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** What the lazy logger asks of its parent beyond Fastify's logger type (pino has it). */
interface LevelAware {
  isLevelEnabled(level: string): boolean;
}

/**
 * A request's logger whose pino child (the request id bound into every line) is made on the first
 * line actually written. Fastify asks for a child on every request, and pino builds it at once,
 * serialising its bindings: a measurable share of a cached read, for a logger most requests never
 * write to at the production level (`warn`). A line below the level is dropped as pino would.
 */
class LazyRequestLogger implements FastifyBaseLogger {
  private made?: FastifyBaseLogger;

  constructor(
    private readonly parent: FastifyBaseLogger & LevelAware,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private child_(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private write(level: Level, args: unknown[]): void {
    if (this.made) (this.made[level] as (...a: unknown[]) => void)(...args);
    else if (this.parent.isLevelEnabled(level)) (this.child_()[level] as (...a: unknown[]) => void)(...args);
  }

  get level(): string {
    return this.made ? this.made.level : this.parent.level;
  }
  set level(level: string) {
    this.child_().level = level;
  }

  // Methods on the prototype, not arrow fields: one object per request, not seven closures.
  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.child_().child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`. A route with its own log level or serializers gets pino's child
 * at once (the lazy logger answers by the parent's level); no route of ours sets either today.
 * An app built without logging gets its silent parent's own child, as Fastify's default does.
 */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  // Without logging (`logger: false`) Fastify's parent is a silent stand-in with no levels.
  if (typeof (logger as Partial<LevelAware>).isLevelEnabled !== 'function') return logger.child(bindings, options);
  if (options.level !== undefined || options.serializers !== undefined) return logger.child(bindings, options);
  return new LazyRequestLogger(logger as FastifyBaseLogger & LevelAware, bindings, options);
}

/** Query parameters whose values never reach a log: the live board's `?token=`, sign-in codes. */
const SECRET_PARAMS = new Set(['token', 'access_token', 'code', 'authcode']);

/** A query key as the server reads it: percent-decoded, `+` as space; undecodable keys as given. */
function decodedKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * The URL to log, with the values of secret parameters replaced. Judged by the parameter's name as
 * parsed (`?%74oken=` is `token`), never by the text, so no spelling of the key slips through.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url.slice(q + 1).split('&');
  let changed = false;
  const redacted = pairs.map((pair) => {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (!SECRET_PARAMS.has(decodedKey(key).trim().toLowerCase())) return pair;
    changed = true;
    return `${key}=[redacted]`;
  });
  return changed ? `${url.slice(0, q + 1)}${redacted.join('&')}` : url;
}
