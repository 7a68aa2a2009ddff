/**
 * The one webhook URL every messaging platform calls: `/api/v1/platforms/{accountId}/webhook`. GET is the
 * platform's URL check (WeChat's echostr, WhatsApp's hub.challenge), POST its messages and events. The body is
 * kept raw (signatures cover its exact bytes) and handed to the account's adapter, which answers only after the
 * commit that stores what it acknowledges.
 */
import type { Api, RouteDeps } from '@server/http/api';
import { problemSchema } from '@server/http/common-schema';
import { HttpProblem } from '@server/http/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChannelAccount } from '../repo';
import type { PlatformAdapter, PlatformRequest } from './contract';

/** Platform pushes are small (XML or JSON; media comes by URL or id); anything larger is not a platform. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

const tags = ['channels'];
const params = z.object({ accountId: z.string() });
const responses = {
  200: z.string().describe('What the platform expects back: success, the echo, or a JSON acknowledgement'),
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  413: problemSchema,
};

export function registerPlatformWebhookRoutes(api: Api, deps: RouteDeps): void {
  const { channelAccounts, platforms } = deps;

  async function target(accountId: string): Promise<{ account: ChannelAccount; adapter: PlatformAdapter }> {
    const account = z.uuid().safeParse(accountId).success ? await channelAccounts.get(accountId) : null;
    const adapter = account ? platforms.adapters[account.row.kind] : undefined;
    if (!account || !adapter)
      throw new HttpProblem(404, 'unknown_channel', 'No platform account has this id');
    if (!account.row.enabled) throw new HttpProblem(403, 'channel_disabled', 'This channel is disabled');
    return { account, adapter };
  }

  const toPlatformRequest = (request: FastifyRequest): PlatformRequest => ({
    method: request.method === 'GET' ? 'GET' : 'POST',
    query: Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined,
      ]),
    ),
    headers: request.headers,
    body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  });

  const handle = async (request: FastifyRequest<{ Params: { accountId: string } }>, reply: FastifyReply) => {
    const { account, adapter } = await target(request.params.accountId);
    const answer = await adapter.webhook(toPlatformRequest(request), account);
    return reply.status(answer.status).type(answer.contentType).send(answer.body);
  };

  api.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // Whatever the platform sends (text/xml, application/json, or a wrong type) reaches the adapter as bytes.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.get('/platforms/:accountId/webhook', {
      schema: {
        tags,
        summary: "A platform's check of the webhook URL (WeChat echostr, WhatsApp hub.challenge)",
        params,
        response: responses,
      },
      handler: handle,
    });

    scope.post('/platforms/:accountId/webhook', {
      schema: {
        tags,
        summary: 'Messages and events pushed by a platform (see docs/platforms.en.md)',
        params,
        response: responses,
      },
      handler: handle,
    });
  });
}
