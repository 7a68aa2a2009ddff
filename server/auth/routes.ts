import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { changeOwnPassword, updateUser } from '@server/users/service';
import { z } from 'zod';
import { loginWithPassword } from './login';
import { describeMe } from './me';
import { principalOf } from './principal';
import { changePasswordBody, loginBody, meSchema, updateMeBody } from './schema';
import { endSession, resolveSession, SESSION_COOKIE } from './sessions';

const tags = ['auth'];

export function registerAuthRoutes(api: Api, deps: RouteDeps): void {
  const { db, guards } = deps;

  api.post('/auth/login', {
    schema: {
      tags,
      summary: 'Log in with e-mail and password; sets the session cookie',
      body: loginBody,
      response: { 200: meSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
    config: { rateLimit: { max: deps.loginAttemptsPerMinute, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const { session } = await loginWithPassword(db, {
        email: request.body.email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: session.expiresAt,
      });
      const lookup = await resolveSession(db, session.token);
      if (lookup.status !== 'active') throw new Error('A session just created is not active');
      return describeMe(db, lookup.principal, session.expiresAt);
    },
  });

  api.post('/auth/logout', {
    schema: {
      tags,
      summary: 'End the current session',
      response: { 204: z.null(), 401: problemSchema, 403: problemSchema },
    },
    preHandler: guards.authenticated,
    handler: async (request, reply) => {
      const principal = principalOf(request);
      if (principal.sessionId)
        await endSession(db, { sessionId: principal.sessionId, workspaceId: principal.workspaceId });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  api.get('/me', {
    schema: {
      tags,
      summary: 'The current user, workspace and permissions',
      response: { 200: meSchema, 401: problemSchema },
    },
    preHandler: guards.authenticated,
    handler: async (request) => describeMe(db, principalOf(request)),
  });

  api.patch('/me', {
    schema: {
      tags,
      summary: 'Change your own name or interface language',
      body: updateMeBody,
      response: { 200: meSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
    preHandler: guards.authenticated,
    handler: async (request) => {
      const principal = principalOf(request);
      await updateUser(db, { principal, ip: request.ip, userId: principal.userId, changes: request.body });
      return describeMe(db, principal);
    },
  });

  api.post('/me/password', {
    schema: {
      tags,
      summary: 'Change your own password',
      body: changePasswordBody,
      response: {
        204: z.null(),
        400: problemSchema,
        401: problemSchema,
        403: problemSchema,
        422: problemSchema,
      },
    },
    preHandler: guards.authenticated,
    handler: async (request, reply) => {
      await changeOwnPassword(db, { principal: principalOf(request), ip: request.ip, ...request.body });
      return reply.status(204).send(null);
    },
  });
}
