import { resolveApiToken } from '@server/api-tokens/service';
import type { Database } from '@server/db/schema';
import { forbidden, unauthorized } from '@server/http/problem';
import { type ActionOf, can, type Resource } from '@shared/permissions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from './principal';
import { safeEqual } from './secrets';
import { resolveSession, SESSION_COOKIE } from './sessions';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface AuthGuards {
  /** Any logged-in user or valid token. */
  authenticated: Guard;
  /** One entry of the permission table; the single check every protected route makes. */
  authorize<R extends Resource>(resource: R, action: ActionOf<R>): Guard;
}

/** Builds the route guards: who is asking (cookie or bearer token), CSRF for cookie writes, then the permission. */
export function createAuthGuards(db: Kysely<Database>): AuthGuards {
  async function identify(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    if (request.principal) return request.principal;
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token) {
        throw unauthorized('invalid_authorization', 'Use "Authorization: Bearer <token>"');
      }
      const principal = await resolveApiToken(db, token, request.ip);
      if (!principal) throw unauthorized('invalid_token', 'The API token is unknown, revoked or expired');
      request.principal = principal;
      return principal;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) throw unauthorized();
    const lookup = await resolveSession(db, cookie);
    if (lookup.status !== 'active') {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw lookup.status === 'expired'
        ? unauthorized('session_expired', 'Your session has ended; log in again')
        : unauthorized();
    }
    const principal = lookup.principal;
    // A cookie is sent by the browser on cross-site requests too; a write must prove it came from our own page.
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
        throw forbidden('Missing or wrong CSRF token', 'csrf_failed');
      }
    }
    request.principal = principal;
    return principal;
  }

  return {
    authenticated: async (request, reply) => {
      await identify(request, reply);
    },
    authorize(resource, action) {
      const permission = `${resource}:${action}`;
      return async (request, reply) => {
        const principal = await identify(request, reply);
        if (!can(principal.role, resource, action)) throw forbidden();
        if (!principalMay(principal, resource, action)) {
          throw forbidden(`This API token lacks the scope ${permission}`, 'scope_missing');
        }
      };
    },
  };
}

/** Whether a principal holds a permission: its role allows it and, for an API token, a scope grants it. */
export function principalMay<R extends Resource>(
  principal: Principal,
  resource: R,
  action: ActionOf<R>,
): boolean {
  if (!can(principal.role, resource, action)) return false;
  return principal.via !== 'token' || (principal.scopes?.includes(`${resource}:${action}` as never) ?? false);
}
