import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import { registerApiTokenRoutes } from '@server/api-tokens/routes';
import { registerAttachmentRoutes } from '@server/attachments/routes';
import { registerAuditRoutes } from '@server/audit/routes';
import { createAuthGuards } from '@server/auth/guards';
import { registerAuthRoutes } from '@server/auth/routes';
import { registerCalendarRoutes } from '@server/calendars/routes';
import { registerCallRoutes } from '@server/calls/routes';
import { registerApiChannelRoutes } from '@server/channels/api-channel/routes';
import { type AccessTokenOptions, PlatformAccessTokens } from '@server/channels/platform/access-tokens';
import type { PlatformAdapter } from '@server/channels/platform/contract';
import { registerPlatformWebhookRoutes } from '@server/channels/platform/routes';
import { createPlatformAdapters } from '@server/channels/platforms';
import { ChannelAccountCache } from '@server/channels/repo';
import { registerChannelAccountRoutes } from '@server/channels/routes';
import { registerCustomerImportRoutes } from '@server/customer-imports/routes';
import { registerCustomerRoutes } from '@server/customers/routes';
import type { DatabaseEngine } from '@server/db/database';
import type { Database } from '@server/db/schema';
import { registerDepartmentRoutes } from '@server/departments/routes';
import { EMAIL_KIND } from '@server/email/mailboxes';
import { createEmailAdapter } from '@server/email/outbound';
import { registerEmailRoutes } from '@server/email/routes';
import { registerHealthRoutes } from '@server/health/routes';
import type { RouteDeps } from '@server/http/api';
import { redactedRequestLog } from '@server/http/logging';
import { registerProblemHandlers } from '@server/http/problem';
import { linkIncidents } from '@server/incidents/link-incidents';
import { IntakePipeline } from '@server/intake/pipeline';
import { registerManualEntryRoutes } from '@server/manual-entry/routes';
import { registerNotificationRoutes } from '@server/notifications/routes';
import type { BackoffPolicy } from '@server/outbox/backoff';
import { registerOutboxRoutes } from '@server/outbox/routes';
import { OutboxWorker } from '@server/outbox/worker';
import { registerPiplRoutes } from '@server/pipl/routes';
import { Keyring } from '@server/privacy/keyring';
import type { MasterKeys } from '@server/privacy/master-key';
import { registerPrivacyRoutes } from '@server/privacy/routes';
import { PersonalDataVault } from '@server/privacy/vault';
import { registerQuickReplyRoutes } from '@server/quick-replies/routes';
import { RealtimeHub } from '@server/realtime/hub';
import { registerRealtimeRoutes } from '@server/realtime/routes';
import { linkDuplicates } from '@server/routing/duplicates/link-duplicates';
import { TicketRouter } from '@server/routing/route-tickets';
import { registerRoutingRoutes } from '@server/routing/routes';
import { RoutingConfigCache } from '@server/routing/settings';
import { registerSetupRoutes } from '@server/setup/routes';
import { createServiceLevels } from '@server/sla/assemble';
import type { Clock } from '@server/sla/clock';
import { registerSlaRoutes } from '@server/sla/routes';
import type { ServiceLevels } from '@server/sla/service';
import { registerTestClockRoutes } from '@server/sla/test-clock-routes';
import { registerTicketLookupRoutes } from '@server/ticket-lookup/routes';
import { registerTicketRoutes } from '@server/tickets/routes';
import { registerUserRoutes } from '@server/users/routes';
import { registerWidgetDemoPage } from '@server/web-chat/demo-page';
import { registerLiveChatRoutes } from '@server/web-chat/live-chat-routes';
import { registerWebChatRoutes } from '@server/web-chat/routes';
import { WidgetKeyCache } from '@server/web-chat/settings';
import { registerWidgetAssetRoutes } from '@server/web-chat/widget-asset-routes';
import { WidgetHub } from '@server/web-chat/widget-hub';
import { registerWidgetRoutes } from '@server/web-chat/widget-routes';
import { registerWidgetSocket } from '@server/web-chat/widget-socket';
import { registerWorkspaceRoutes } from '@server/workspaces/routes';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';

export const API_PREFIX = '/api/v1';
/** JSON bodies above this size get 413; attachments arrive through their own upload routes. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  /** The installation's master keys (KEFU_MASTER_KEY or the data dir's key file). */
  masterKeys: MasterKeys;
  /** A pino logger; omitted in tests, where request logs would only be noise. */
  logger?: FastifyBaseLogger;
  secureCookies?: boolean;
  trustProxy?: boolean;
  loginAttemptsPerMinute?: number;
  /** Where attachment files are kept, and the largest accepted upload. */
  attachments: { root: string; maxBytes: number };
  /** The built chat widget (`npm run build`), served as /widget.js with its preview page /widget-demo. */
  widgetDir?: string;
  /** The built web app (`npm run build`); served with a single-page fallback when present. */
  webAppDir?: string;
  version?: string;
  /** PostgreSQL: the connection string the realtime hub LISTENs on for other processes' commits. */
  listenUrl?: string | null;
  /** Outbox tuning (tests shorten the waits). */
  outbox?: { backoff?: BackoffPolicy; sendTimeoutMs?: number; claimMs?: number; pollMs?: number };
  /** The time SLA clocks read (tests pass one they move); the system clock otherwise. */
  clock?: Clock;
  /** `POST /api/v1/test/clock` moves the SLA clock forward (KEFU_TEST_HOOKS=1; browser journeys only). */
  testHooks?: boolean;
  /** New web-chat widget sessions per client address per minute (the socket bench raises it). */
  widgetSessionsPerMinute?: number;
  /** A platform account may name an API base URL other than the platform's own (KEFU_ALLOW_CUSTOM_PLATFORM_URLS). */
  allowCustomPlatformUrls?: boolean;
  /** Platform access-token tuning (tests shorten the refresh margin). */
  platformTokens?: AccessTokenOptions;
  /** SLA scheduler tuning (tests sweep by hand). */
  slaScheduler?: { batchSize?: number; intervalMs?: number; lanes?: number };
}

/** The long-lived parts behind the routes; main.ts starts the background ones (LISTEN, the outbox worker). */
export interface KefuServices {
  intake: IntakePipeline;
  /** Messaging-platform adapters; main.ts starts their background work (a pull-style platform's catch-up). */
  platforms: Readonly<Record<string, PlatformAdapter>>;
  realtime: RealtimeHub;
  outbox: OutboxWorker;
  serviceLevels: ServiceLevels;
}

declare module 'fastify' {
  interface FastifyInstance {
    kefu: KefuServices;
  }
}

/** Assembles the HTTP server: plugins, error format, OpenAPI, the `/api/v1` routes and the web app. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    genReqId: () => randomUUID(),
    requestIdHeader: 'x-request-id',
    // Fastify's own request lines include the full URL; ours (http/logging.ts) leave the query string out.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  redactedRequestLog(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd injects its component styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        // Only when served over HTTPS: on a plain-HTTP LAN install it would send browsers to a port that is not there.
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    hsts: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Kefu API',
        version: options.version ?? '0.1.0',
        description:
          'Self-hosted omnichannel customer-service desk. Authenticate with the session cookie from ' +
          '`POST /api/v1/auth/login` (send `X-CSRF-Token` on writes) or with `Authorization: Bearer <API token>`. ' +
          'Errors are RFC 9457 `application/problem+json`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const keyring = new Keyring(options.db, options.masterKeys);
  const vault = new PersonalDataVault(options.db, keyring);
  const channelAccounts = new ChannelAccountCache(options.db, keyring);
  const realtime = new RealtimeHub(options.db, options.listenUrl ?? null);
  const pokeAll = (workspaceIds: Iterable<string>) => {
    for (const workspaceId of workspaceIds) realtime.poke(workspaceId);
  };
  const serviceLevels = createServiceLevels({
    db: options.db,
    log: app.log,
    clock: options.clock,
    onFired: pokeAll,
    // The embedded engine runs one transaction at a time: a second lane would only wait.
    scheduler: { lanes: options.engine === 'postgres' ? 2 : 1, ...options.slaScheduler },
  });
  const routing = new TicketRouter({
    config: new RoutingConfigCache(options.db),
    calendars: serviceLevels.deps.calendars,
    sla: serviceLevels.deps.tracker,
    linkDuplicates,
    linkIncidents,
  });
  const intake = new IntakePipeline({
    db: options.db,
    vault,
    attachments: options.attachments,
    onCommitted: pokeAll,
    sla: serviceLevels.deps.tracker,
    router: routing,
  });
  const platformTokens = new PlatformAccessTokens(options.db, keyring, options.platformTokens);
  const platformAdapters = createPlatformAdapters({
    db: options.db,
    intake,
    tokens: platformTokens,
    poke: (workspaceId) => realtime.poke(workspaceId),
    log: app.log,
  });
  const outbox = new OutboxWorker({
    db: options.db,
    vault,
    accounts: channelAccounts,
    attachments: options.attachments,
    onCommitted: pokeAll,
    adapters: { ...platformAdapters, [EMAIL_KIND]: createEmailAdapter({ db: options.db, vault }) },
    ...options.outbox,
  });
  app.decorate('kefu', { intake, realtime, outbox, serviceLevels, platforms: platformAdapters });
  app.addHook('onClose', async () => {
    await serviceLevels.deps.scheduler.stop();
    await serviceLevels.deps.webhooks.stop();
    await Promise.all(Object.values(platformAdapters).map((adapter) => adapter.stop?.()));
    await intake.drained();
    await outbox.stop();
    await realtime.stop();
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  const deps: RouteDeps = {
    db: options.db,
    guards: createAuthGuards(options.db),
    vault,
    secureCookies: options.secureCookies ?? false,
    loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 20,
    channelAccounts,
    intake,
    realtime,
    outbox,
    serviceLevels,
    routing,
    webChat: { hub: new WidgetHub(options.db, realtime), widgetKeys: new WidgetKeyCache(options.db) },
    widgetSessionsPerMinute: options.widgetSessionsPerMinute ?? 60,
    platforms: {
      adapters: platformAdapters,
      tokens: platformTokens,
      allowCustomUrls: options.allowCustomPlatformUrls ?? false,
    },
  };
  app.decorateRequest('principal', null);
  registerHealthRoutes(app, deps, options.engine);
  await app.register(
    async (api) => {
      registerAuthRoutes(api, deps);
      registerSetupRoutes(api, deps);
      registerWorkspaceRoutes(api, deps);
      registerUserRoutes(api, deps);
      registerDepartmentRoutes(api, deps);
      registerApiTokenRoutes(api, deps);
      registerAuditRoutes(api, deps);
      registerCustomerRoutes(api, deps);
      registerCustomerImportRoutes(api, deps);
      registerTicketRoutes(api, deps);
      registerCallRoutes(api, deps);
      registerManualEntryRoutes(api, deps);
      registerPrivacyRoutes(api, deps);
      await registerAttachmentRoutes(api, deps, options.attachments);
      registerEmailRoutes(api, deps, options.attachments);
      registerPiplRoutes(api, deps, options.attachments);
      registerCalendarRoutes(api, deps);
      registerChannelAccountRoutes(api, deps);
      registerApiChannelRoutes(api, deps);
      registerPlatformWebhookRoutes(api, deps);
      registerOutboxRoutes(api, deps);
      registerRealtimeRoutes(api, deps);
      registerSlaRoutes(api, deps);
      registerNotificationRoutes(api, deps);
      registerRoutingRoutes(api, deps);
      registerWebChatRoutes(api, deps);
      registerWidgetRoutes(api, deps, options.attachments);
      registerWidgetSocket(api, deps);
      registerLiveChatRoutes(api, deps);
      registerTicketLookupRoutes(api, deps);
      registerQuickReplyRoutes(api, deps);
      if (options.testHooks) registerTestClockRoutes(api, deps);
    },
    { prefix: API_PREFIX },
  );

  if (options.widgetDir) {
    registerWidgetAssetRoutes(app, { dir: options.widgetDir });
    registerWidgetDemoPage(app, deps);
  }

  const webAppDir = options.webAppDir;
  if (webAppDir && fs.existsSync(path.join(webAppDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webAppDir, wildcard: false, index: false });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
    // Client-side routes (/tickets/123, /admin/users) all load the same page.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      const requested = path.normalize(decodeURIComponent((request.params as { '*': string })['*']));
      if (requested && !requested.startsWith('..') && fs.existsSync(path.join(webAppDir, requested))) {
        return reply.sendFile(requested);
      }
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
