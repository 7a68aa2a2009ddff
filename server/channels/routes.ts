import { principalOf } from '@server/auth/principal';
import type { ChannelAccountRow } from '@server/db/schema';
import type { Api, RouteDeps } from '@server/http/api';
import { idParams, problemSchema } from '@server/http/common-schema';
import { HttpProblem } from '@server/http/problem';
import type { PlatformAdapter } from './platform/contract';
import { presentChannelAccount } from './presenter';
import {
  channelAccountListSchema,
  channelAccountSchema,
  channelAccountWithSecretSchema,
  connectionCheckSchema,
  createChannelAccountBody,
  updateChannelAccountBody,
} from './schema';
import {
  channelAccountStats,
  createChannelAccount,
  credentialNames,
  listChannelAccounts,
  rotateChannelSecret,
  updateChannelAccount,
} from './service';

const tags = ['channels'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Admin routes for channel accounts (管理 → 渠道接入). */
export function registerChannelAccountRoutes(
  api: Api,
  { db, guards, vault, channelAccounts, platforms }: RouteDeps,
): void {
  const withStats = async (workspaceId: string, rows: ChannelAccountRow[]) => {
    const stats = await channelAccountStats(
      db,
      workspaceId,
      rows.map((row) => row.id),
    );
    return Promise.all(
      rows.map(async (row) =>
        presentChannelAccount(row, stats.get(row.id), await credentialNames(vault.keyring, row)),
      ),
    );
  };

  api.get('/channel-accounts', {
    schema: {
      tags,
      summary: 'List channel accounts',
      response: { 200: channelAccountListSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'read'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      return { items: await withStats(workspaceId, await listChannelAccounts(db, workspaceId)) };
    },
  });

  api.post('/channel-accounts', {
    schema: {
      tags,
      summary: 'Configure a channel account; the signing secret is returned once',
      body: createChannelAccountBody,
      response: { 201: channelAccountWithSecretSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request, reply) => {
      const created = await createChannelAccount(db, vault.keyring, {
        actor: principalOf(request),
        input: request.body,
        ip: request.ip,
        allowCustomPlatformUrls: platforms.allowCustomUrls,
      });
      reply.status(201);
      const [account] = await withStats(created.row.workspace_id, [created.row]);
      return { account: account as NonNullable<typeof account>, signingSecret: created.signingSecret };
    },
  });

  api.patch('/channel-accounts/:id', {
    schema: {
      tags,
      summary: 'Rename, enable or disable a channel account, or change its callback URL and rate limit',
      params: idParams,
      body: updateChannelAccountBody,
      response: { 200: channelAccountSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const actor = principalOf(request);
      const row = await updateChannelAccount(db, vault.keyring, {
        actor,
        accountId: request.params.id,
        changes: request.body,
        ip: request.ip,
        allowCustomPlatformUrls: platforms.allowCustomUrls,
      });
      channelAccounts.forget(row.id);
      platforms.tokens.forget(row.id);
      const [account] = await withStats(actor.workspaceId, [row]);
      return account as NonNullable<typeof account>;
    },
  });

  api.post('/channel-accounts/:id/rotate-secret', {
    schema: {
      tags,
      summary: 'Issue a new signing secret; the previous one stays valid for 24 hours',
      params: idParams,
      response: { 200: channelAccountWithSecretSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const rotated = await rotateChannelSecret(db, vault.keyring, {
        actor: principalOf(request),
        accountId: request.params.id,
        ip: request.ip,
      });
      channelAccounts.forget(rotated.row.id);
      return { account: presentChannelAccount(rotated.row), signingSecret: rotated.signingSecret };
    },
  });

  api.post('/channel-accounts/:id/test-connection', {
    schema: {
      tags,
      summary: "Ask a platform whether the account's credentials work (fetches an access token)",
      params: idParams,
      response: { 200: connectionCheckSchema, ...errors },
    },
    preHandler: guards.authorize('channels', 'manage'),
    handler: async (request) => {
      const { workspaceId } = principalOf(request);
      channelAccounts.forget(request.params.id);
      const account = await channelAccounts.get(request.params.id);
      if (!account || account.row.workspace_id !== workspaceId) throw notFoundAccount();
      const adapter: PlatformAdapter | undefined = platforms.adapters[account.row.kind];
      if (!adapter) {
        throw new HttpProblem(
          400,
          'not_a_platform',
          'Only a platform account can be tested against its platform',
        );
      }
      return adapter.testConnection(account);
    },
  });
}

const notFoundAccount = () => new HttpProblem(404, 'not_found', 'Channel account not found');
