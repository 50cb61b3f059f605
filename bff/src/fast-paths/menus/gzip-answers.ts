import { gzipSync } from 'node:zlib';

/**
 * gzip-compressed copies of answers that carry a content-hash ETag, kept by that tag: the same
 * tag always means the same bytes, so a copy never goes stale, it only stops being asked for.
 * A day menu is ~12 KB of JSON and ~2.5 KB gzipped; compressing it costs far more CPU than
 * sending it, so each distinct answer is compressed once. Most diners have not voted on a given
 * day and share one answer (one tag); each voter's answer is compressed on their first read.
 */
export function createGzipAnswers(options: { maxEntries: number; maxBytes: number }) {
  const byTag = new Map<string, Buffer>();
  let bytes = 0;

  function remember(etag: string, gzipped: Buffer): void {
    byTag.set(etag, gzipped);
    bytes += gzipped.length;
    while (byTag.size > options.maxEntries || bytes > options.maxBytes) {
      const [oldest, dropped] = byTag.entries().next().value as [string, Buffer];
      byTag.delete(oldest);
      bytes -= dropped.length;
    }
  }

  return {
    /** The gzipped bytes of the answer tagged `etag`; `body` is asked for only when not kept. */
    of(etag: string, body: () => string | Buffer): Buffer {
      let gzipped = byTag.get(etag);
      if (!gzipped) {
        // Level 6 (the default): a 12 KB menu compresses in well under a millisecond.
        gzipped = gzipSync(body());
        remember(etag, gzipped);
      }
      return gzipped;
    },
    get size(): number {
      return byTag.size;
    },
  };
}

/** Whether an Accept-Encoding header admits gzip: named with q above 0, or through `*`. */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  // Clients send a handful of distinct headers ('gzip, deflate, br' from nearly all of them):
  // each is read once. Full (odd clients, a scanner), the memory starts over, so the common
  // headers come back into it.
  let known = acceptsGzipByHeader.get(header);
  if (known === undefined) {
    known = readAcceptsGzip(header);
    if (acceptsGzipByHeader.size >= KNOWN_HEADERS_MAX) acceptsGzipByHeader.clear();
    acceptsGzipByHeader.set(header, known);
  }
  return known;
}
const KNOWN_HEADERS_MAX = 64;
const acceptsGzipByHeader = new Map<string, boolean>();

function readAcceptsGzip(header: string): boolean {
  let star = false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const wanted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip') return wanted;
    if (coding === '*') star = wanted;
  }
  return star;
}
