import type { AuthGuards } from '@server/auth/guards';
import type { PlatformAccessTokens } from '@server/channels/platform/access-tokens';
import type { PlatformAdapter } from '@server/channels/platform/contract';
import type { ChannelAccountCache } from '@server/channels/repo';
import type { Database } from '@server/db/schema';
import type { IntakePipeline } from '@server/intake/pipeline';
import type { OutboxWorker } from '@server/outbox/worker';
import type { PersonalDataVault } from '@server/privacy/vault';
import type { RealtimeHub } from '@server/realtime/hub';
import type { TicketRouter } from '@server/routing/route-tickets';
import type { ServiceLevels } from '@server/sla/service';
import type { WidgetKeyCache } from '@server/web-chat/settings';
import type { WidgetHub } from '@server/web-chat/widget-hub';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';

/** The Fastify instance routes are registered on: zod schemas type the request and produce the OpenAPI. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What a domain's routes need, handed over explicitly when they are registered. */
export interface RouteDeps {
  db: Kysely<Database>;
  guards: AuthGuards;
  /** Masks personal data at intake and keeps the originals encrypted. */
  vault: PersonalDataVault;
  /** Whether cookies carry the Secure flag (HTTPS deployments). */
  secureCookies: boolean;
  /** Login attempts allowed per client address per minute, before account lockout even starts. */
  loginAttemptsPerMinute: number;
  /** Channel accounts with their secrets, cached for the intake path. */
  channelAccounts: ChannelAccountCache;
  /** Every inbound channel message goes through it. */
  intake: IntakePipeline;
  /** Pushes committed changes to connected agents; poke it after a commit that published realtime events. */
  realtime: RealtimeHub;
  /** Delivers queued replies; wake it after queuing one. */
  outbox: OutboxWorker;
  /** SLA clocks (`serviceLevels.deps.tracker` goes to every ticket change), the scheduler, recompute jobs. */
  serviceLevels: ServiceLevels;
  /** Classifies, prioritises and routes tickets; called in the transaction of every ticket change. */
  routing: TicketRouter;
  /** Web chat: the fan-out to connected widget visitors and the widget settings by public key. */
  webChat: { hub: WidgetHub; widgetKeys: WidgetKeyCache };
  /** New widget sessions allowed per client address per minute. */
  widgetSessionsPerMinute: number;
  /** Messaging-platform adapters by kind (WeChat, WeCom, WhatsApp, Douyin) and their shared access tokens. */
  platforms: {
    adapters: Readonly<Record<string, PlatformAdapter>>;
    tokens: PlatformAccessTokens;
    /** Whether an account may use an API base URL other than its platform's own (KEFU_ALLOW_CUSTOM_PLATFORM_URLS). */
    allowCustomUrls: boolean;
  };
}
