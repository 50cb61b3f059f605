import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptsGzip, type createGzipAnswers } from './gzip-answers';
import type { MenuAnswer } from './menu-answer';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/**
 * Sends a serialised day menu with its ETag (which covers the caller's own votes), or 304 when the
 * client already has it. `private, no-cache`: per person, always revalidated.
 *
 * The day menu is serialised here (cached per day, stitched per person), so the schema serializer
 * is bypassed; the route's response schema still documents the answer.
 */
export function sendMenuAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: MenuAnswer,
  gzipAnswers: ReturnType<typeof createGzipAnswers>,
) {
  // The gzipped representation has its own tag, as HTTP wants for different bytes.
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? answer.gzipEtag : answer.etag;
  reply
    .header('etag', etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'authorization, accept-encoding');
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
  reply.type('application/json; charset=utf-8');
  if (gzip) return reply.header('content-encoding', 'gzip').send(gzipAnswers.of(etag, answer.body));
  return reply.send(answer.body());
}
