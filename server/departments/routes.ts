import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { z } from 'zod';
import { createDepartmentBody, departmentSchema, updateDepartmentBody } from './schema';
import {
  createDepartment,
  deleteDepartment,
  listDepartments,
  presentDepartment,
  updateDepartment,
} from './service';

const tags = ['departments'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export function registerDepartmentRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/departments', {
    schema: {
      tags,
      summary: 'List departments and teams',
      response: { 200: z.object({ items: z.array(departmentSchema) }), ...errors },
    },
    preHandler: guards.authorize('departments', 'read'),
    handler: async (request) => {
      const rows = await listDepartments(db, { workspaceId: principalOf(request).workspaceId });
      return { items: rows.map(presentDepartment) };
    },
  });

  api.post('/departments', {
    schema: {
      tags,
      summary: 'Create a department',
      body: createDepartmentBody,
      response: { 201: departmentSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('departments', 'create'),
    handler: async (request, reply) => {
      const row = await createDepartment(db, {
        principal: principalOf(request),
        ip: request.ip,
        ...request.body,
      });
      return reply.status(201).send(presentDepartment(row));
    },
  });

  api.patch('/departments/:id', {
    schema: {
      tags,
      summary: 'Rename or describe a department',
      params: idParams,
      body: updateDepartmentBody,
      response: { 200: departmentSchema, 409: problemSchema, ...errors },
    },
    preHandler: guards.authorize('departments', 'update'),
    handler: async (request) => {
      const row = await updateDepartment(db, {
        principal: principalOf(request),
        ip: request.ip,
        departmentId: request.params.id,
        changes: request.body,
      });
      return presentDepartment(row);
    },
  });

  api.delete('/departments/:id', {
    schema: {
      tags,
      summary: 'Delete a department',
      params: idParams,
      response: { 204: z.null(), ...errors },
    },
    preHandler: guards.authorize('departments', 'delete'),
    handler: async (request, reply) => {
      await deleteDepartment(db, {
        principal: principalOf(request),
        ip: request.ip,
        departmentId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  });
}
