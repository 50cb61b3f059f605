import { createHash } from 'node:crypto';

/**
 * A day menu ready to send: its ETag and the tag of its gzipped bytes, and its JSON (text, or
 * UTF-8 bytes when cached) made on demand — a 304, or a gzipped copy already kept under its tag,
 * never needs it.
 */
export interface MenuAnswer {
  etag: string;
  gzipEtag: string;
  body(): string | Buffer;
}

/** The answer whose content is identified by `hash` (both tags are made here, once). */
export function menuAnswer(hash: string, body: () => string | Buffer): MenuAnswer {
  return { etag: `"${hash}"`, gzipEtag: `"${hash}.gz"`, body };
}

/** The answer of a menu serialised per request (an editor's, with drafts): its ETag hashes its bytes. */
export function bodyAnswer(payload: unknown): MenuAnswer {
  const body = JSON.stringify(payload);
  return menuAnswer(createHash('sha1').update(body).digest('base64url'), () => body);
}
