import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { notFound } from '@server/http/problem';
import { z } from 'zod';
import { presentUser } from './presenter';
import { findUser, listUsers } from './repo';
import { createUserBody, listUsersQuery, resetPasswordBody, updateUserBody, userSchema } from './schema';
import { createUser, resetUserPassword, setUserActive, updateUser } from './service';

const tags = ['users'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerUserRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/users', {
    schema: {
      tags,
      summary: 'List users',
      querystring: listUsersQuery,
      response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
    },
    preHandler: guards.authorize('users', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      const { q, role, departmentId, includeDeactivated } = request.query;
      const users = await listUsers(db, {
        workspaceId,
        q,
        role,
        departmentId,
        includeDeactivated: includeDeactivated === 'true',
      });
      return { items: users.map(presentUser) };
    },
  });

  api.post('/users', {
    schema: {
      tags,
      summary: 'Create a user',
      body: createUserBody,
      response: { 201: userSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('users', 'create'),
    handler: async (request, reply) => {
      const user = await createUser(db, { principal: principalOf(request), ip: request.ip, ...request.body });
      return reply.status(201).send(presentUser(user));
    },
  });

  api.get('/users/:id', {
    schema: { tags, summary: 'Get a user', params: idParams, response: { 200: userSchema, ...errors } },
    preHandler: guards.authorize('users', 'read'),
    handler: async (request) => {
      const user = await findUser(db, {
        workspaceId: principalOf(request).workspaceId,
        userId: request.params.id,
      });
      if (!user) throw notFound('User');
      return presentUser(user);
    },
  });

  api.patch('/users/:id', {
    schema: {
      tags,
      summary: 'Change a user',
      params: idParams,
      body: updateUserBody,
      response: { 200: userSchema, 409: problemSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('users', 'update'),
    handler: async (request) => {
      const user = await updateUser(db, {
        principal: principalOf(request),
        ip: request.ip,
        userId: request.params.id,
        changes: request.body,
      });
      return presentUser(user);
    },
  });

  for (const [path, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    api.post(`/users/:id/${path}`, {
      schema: {
        tags,
        summary: `${active ? 'Reactivate' : 'Deactivate'} a user`,
        params: idParams,
        response: { 200: userSchema, 409: problemSchema, ...errors },
      },
      preHandler: guards.authorize('users', 'deactivate'),
      handler: async (request) => {
        const user = await setUserActive(db, {
          principal: principalOf(request),
          ip: request.ip,
          userId: request.params.id,
          active,
        });
        return presentUser(user);
      },
    });
  }

  api.post('/users/:id/reset-password', {
    schema: {
      tags,
      summary: "Set a user's temporary password",
      params: idParams,
      body: resetPasswordBody,
      response: { 204: z.null(), 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('users', 'reset_password'),
    handler: async (request, reply) => {
      await resetUserPassword(db, {
        principal: principalOf(request),
        ip: request.ip,
        userId: request.params.id,
        password: request.body.password,
      });
      return reply.status(204).send(null);
    },
  });
}
