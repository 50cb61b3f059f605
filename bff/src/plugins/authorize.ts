import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasAnyRole, type Role } from '@contract/roles';
import { forbidden } from '../errors';
import type { AuthService, Person, SignedIn } from '../modules/auth';

declare module 'fastify' {
  interface FastifyRequest {
    signedIn?: SignedIn;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Marks the hooks `authorize` makes, so the edge (`plugins/edge.ts`) runs them before anything else. */
export const AUTHENTICATES = Symbol('authenticates');

/**
 * The one authorisation helper every protected route uses as its preHandler: a valid session,
 * and when roles are given, at least one of them. The edge moves it to the route's onRequest, so
 * it runs before the body is parsed or validated: an anonymous caller gets 401, never a 400 that
 * describes the schema.
 */
export function authorize(auth: AuthService, roles?: readonly Role[]) {
  const authorizeRequest = async function authorizeRequest(
    request: FastifyRequest,
    _reply: FastifyReply,
  ): Promise<void> {
    const signedIn = await auth.authenticate(bearerToken(request));
    if (roles && !hasAnyRole(signedIn.person.roles, roles)) throw forbidden();
    request.signedIn = signedIn;
  };
  return Object.assign(authorizeRequest, { [AUTHENTICATES]: true as const });
}

/** The person behind a request that passed `authorize`. */
export function personOf(request: FastifyRequest): Person {
  if (!request.signedIn) throw new Error('route is missing its authorize preHandler');
  return request.signedIn.person;
}
