/**
 * The signed API channel's endpoints. The body is read raw (the signature covers its exact bytes) and parsed only
 * after the signature and timestamp check out; a 2xx is sent only after the commit that stores the messages.
 */
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { HttpProblem } from '@server/http/problem';
import { recordDeliveryReceipts } from '@server/outbox/deliveries';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RawInboundRequest } from '../adapter';
import type { ChannelAccount } from '../repo';
import { deliveryStatusBody, inboundBatchResultSchema, inboundResultSchema } from '../schema';
import { apiChannelAdapter } from './adapter';
import { parseJsonBody, validationProblem, verifySignedRequest } from './request';

/** Base64 makes files a third larger: five 2 MB screenshots in one batch item fit. */
export const INBOUND_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const tags = ['channels'];
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  413: problemSchema,
  415: problemSchema,
};
const channelParams = z.object({ channelId: z.string() });
const signedHeaders = z.object({
  'x-kefu-timestamp': z.string().optional().describe('Unix time in seconds; within 5 minutes of ours'),
  'x-kefu-signature': z.string().optional().describe('sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">'),
});

export function registerApiChannelRoutes(api: Api, deps: RouteDeps): void {
  const { channelAccounts, intake } = deps;

  async function accountOf(channelId: string): Promise<ChannelAccount> {
    const account = z.uuid().safeParse(channelId).success ? await channelAccounts.get(channelId) : null;
    if (!account || account.row.kind !== apiChannelAdapter.kind) {
      throw new HttpProblem(404, 'unknown_channel', 'No API channel has this id');
    }
    if (!account.row.enabled) throw new HttpProblem(403, 'channel_disabled', 'This channel is disabled');
    return account;
  }

  const rawRequest = (request: FastifyRequest, variant: RawInboundRequest['variant']): RawInboundRequest => {
    if (!Buffer.isBuffer(request.body)) {
      throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    return { headers: request.headers, body: request.body, variant };
  };

  api.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The signature is checked over the bytes as sent; the JSON is parsed by the adapter afterwards.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: INBOUND_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.post('/channels/:channelId/messages', {
      schema: {
        tags,
        summary: 'Post one customer message through a signed API channel (see docs/channels-api.en.md)',
        params: channelParams,
        headers: signedHeaders,
        response: { 200: inboundResultSchema, ...errors },
      },
      handler: async (request) => {
        const account = await accountOf(request.params.channelId);
        const messages = apiChannelAdapter.receive(rawRequest(request, 'single'), account, new Date());
        const [result] = await intake.accept(messages);
        return result as NonNullable<typeof result>;
      },
    });

    scope.post('/channels/:channelId/messages/batch', {
      schema: {
        tags,
        summary: 'Post up to 100 customer messages at once; results in the same order',
        params: channelParams,
        headers: signedHeaders,
        response: { 200: inboundBatchResultSchema, ...errors },
      },
      handler: async (request) => {
        const account = await accountOf(request.params.channelId);
        const messages = apiChannelAdapter.receive(rawRequest(request, 'batch'), account, new Date());
        return { results: await intake.accept(messages) };
      },
    });

    scope.post('/channels/:channelId/statuses', {
      schema: {
        tags,
        summary: 'Report delivery receipts (delivered, read, failed) for replies, by idempotency key',
        params: channelParams,
        headers: signedHeaders,
        response: { 200: z.object({ updated: z.number().int() }), ...errors },
      },
      handler: async (request) => {
        const account = await accountOf(request.params.channelId);
        const raw = rawRequest(request, 'single');
        verifySignedRequest(raw, account, new Date());
        const parsed = deliveryStatusBody.safeParse(parseJsonBody(raw.body));
        if (!parsed.success) throw validationProblem(parsed.error);
        const updated = await recordDeliveryReceipts(deps.db, {
          workspaceId: account.row.workspace_id,
          channelAccountId: account.row.id,
          statuses: parsed.data.statuses,
        });
        deps.realtime.poke(account.row.workspace_id);
        return { updated };
      },
    });
  });
}
