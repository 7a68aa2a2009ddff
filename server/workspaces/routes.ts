import { principalOf } from '@server/auth/principal';
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { updateWorkspaceBody, workspaceSchema } from './schema';
import { getWorkspace, presentWorkspace, updateWorkspace } from './service';

const tags = ['workspace'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function registerWorkspaceRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/workspace', {
    schema: {
      tags,
      summary: 'The current workspace and its security settings',
      response: { 200: workspaceSchema, ...errors },
    },
    preHandler: guards.authorize('workspace', 'read'),
    handler: async (request) =>
      presentWorkspace(await getWorkspace(db, { workspaceId: principalOf(request).workspaceId })),
  });

  api.patch('/workspace', {
    schema: {
      tags,
      summary: 'Change workspace name, time zone, language or security settings',
      body: updateWorkspaceBody,
      response: { 200: workspaceSchema, ...errors },
    },
    preHandler: guards.authorize('workspace', 'update'),
    handler: async (request) =>
      presentWorkspace(
        await updateWorkspace(db, { principal: principalOf(request), ip: request.ip, changes: request.body }),
      ),
  });
}
