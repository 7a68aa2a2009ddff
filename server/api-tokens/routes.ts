import { principalOf } from '@server/auth/principal';
import type { ApiTokenRow } from '@server/db/schema';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema, toIso, toIsoOrNull } from '@server/http/common-schema';
import { unprocessable } from '@server/http/problem';
import { z } from 'zod';
import { apiTokenSchema, createApiTokenBody, createdApiTokenSchema } from './schema';
import { createApiToken, listApiTokens, revokeApiToken } from './service';

const tags = ['api tokens'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

function presentApiToken(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdBy: row.user_id,
    expiresAt: toIsoOrNull(row.expires_at),
    lastUsedAt: toIsoOrNull(row.last_used_at),
    revokedAt: toIsoOrNull(row.revoked_at),
    createdAt: toIso(row.created_at),
  };
}

export function registerApiTokenRoutes(api: Api, { db, guards }: RouteDeps): void {
  api.get('/api-tokens', {
    schema: {
      tags,
      summary: 'List API tokens',
      response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errors },
    },
    preHandler: guards.authorize('api_tokens', 'read'),
    handler: async (request) => {
      const rows = await listApiTokens(db, { workspaceId: principalOf(request).workspaceId });
      return { items: rows.map(presentApiToken) };
    },
  });

  api.post('/api-tokens', {
    schema: {
      tags,
      summary: 'Create an API token for an integration',
      body: createApiTokenBody,
      response: { 201: createdApiTokenSchema, 422: problemSchema, ...errors },
    },
    preHandler: guards.authorize('api_tokens', 'create'),
    handler: async (request, reply) => {
      const expiresAt = request.body.expiresAt ? new Date(request.body.expiresAt) : null;
      if (expiresAt && expiresAt <= new Date()) {
        throw unprocessable('expiry_in_past', 'The expiry must be in the future', [
          { path: 'body/expiresAt', message: 'Must be in the future' },
        ]);
      }
      const { row, token } = await createApiToken(db, {
        actor: principalOf(request),
        ip: request.ip,
        name: request.body.name,
        scopes: request.body.scopes,
        expiresAt,
      });
      return reply.status(201).send({ ...presentApiToken(row), token });
    },
  });

  api.delete('/api-tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke an API token; it stops working at once',
      params: idParams,
      response: { 200: apiTokenSchema, ...errors },
    },
    preHandler: guards.authorize('api_tokens', 'revoke'),
    handler: async (request) =>
      presentApiToken(
        await revokeApiToken(db, { actor: principalOf(request), ip: request.ip, tokenId: request.params.id }),
      ),
  });
}
