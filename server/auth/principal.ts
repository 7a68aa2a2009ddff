import type { Permission } from '@shared/permissions';
import type { Role } from '@shared/roles';

/** Who is making a request: a logged-in person (session cookie) or an integration (API token). */
export interface Principal {
  via: 'session' | 'token';
  userId: string;
  workspaceId: string;
  role: Role;
  /** Session only: the id to end on logout and the value the CSRF header must echo. */
  sessionId?: string;
  csrfToken?: string;
  /** Token only: what the token was granted, on top of its owner's role. */
  scopes?: Permission[];
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The principal of a request that has passed an authentication guard. */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new Error('principalOf() called on a route without an authentication guard');
  return request.principal;
}
