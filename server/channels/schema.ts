import { isoTimestamp } from '@server/http/common-schema';
import { TICKET_CHANNELS } from '@shared/tickets';
import { z } from 'zod';

/**
 * Kinds of channel adapter an admin configures on 管理 → 渠道接入; each is one folder under server/channels.
 * `api`: the signed API channel; the others are messaging platforms (platform/kinds.ts).
 */
export const CHANNEL_KINDS = ['api', 'wechat_oa', 'wecom_kf', 'whatsapp', 'douyin'] as const;

export const channelAccountSchema = z.object({
  id: z.uuid(),
  /** The adapter: `api` is the signed API channel a connector (the team's own or an ISV bridge) posts to. */
  kind: z.enum(CHANNEL_KINDS),
  /** The platform the messages come from (淘宝, 京东, 抖音…); tickets opened through it carry it as their channel. */
  platform: z.enum(TICKET_CHANNELS),
  name: z.string(),
  enabled: z.boolean(),
  /** Where replies are delivered (HTTPS POST, signed like inbound requests); null: replies stay in Kefu. */
  callbackUrl: z.string().nullable(),
  /** Replies delivered per second at most, per app process. */
  rateLimitPerSecond: z.number().int(),
  /** The path a connector posts inbound messages to (the API channel); null for a platform. */
  inboundPath: z.string().nullable(),
  /** The path to paste into the platform's console as its server / callback / webhook URL; null for `api`. */
  webhookPath: z.string().nullable(),
  /** A platform's public settings (AppID, CorpID, base URLs…); `{}` for `api`. */
  settings: z.record(z.string(), z.unknown()),
  /** Which of the platform's secrets are stored (their values are never shown again). */
  credentialsSet: z.array(z.string()),
  /** The last four characters of the signing secret, to tell secrets apart; empty for a platform. */
  secretHint: z.string(),
  /** Until when the secret replaced by the last rotation is still accepted. */
  previousSecretValidUntil: isoTimestamp.nullable(),
  /** Counts for the admin page. */
  stats: z.object({
    received: z.number().int(),
    deliveriesPending: z.number().int(),
    deliveriesFailed: z.number().int(),
  }),
  createdAt: isoTimestamp,
});

const callbackUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable()
  .describe('HTTPS (or HTTP on a private network) URL that receives replies');

/** A platform's settings and secrets; checked against the kind's own schema (platform/kinds.ts). */
const platformSettings = z.record(z.string(), z.unknown());
const platformCredentials = z.record(z.string(), z.string().max(2000));

export const createChannelAccountBody = z
  .object({
    /** `api` for the signed API channel; a platform kind for WeChat, WeCom, WhatsApp, Douyin. */
    kind: z.enum(CHANNEL_KINDS).default('api'),
    /** Required for `api`; a platform kind implies its own. */
    platform: z.enum(TICKET_CHANNELS).optional(),
    name: z.string().trim().min(1).max(100),
    callbackUrl: callbackUrl.default(null),
    rateLimitPerSecond: z.number().int().min(1).max(1000).default(20),
    settings: platformSettings.default({}),
    credentials: platformCredentials.default({}),
  })
  .superRefine((body, context) => {
    if (body.kind === 'api' && !body.platform) {
      context.addIssue({
        code: 'custom',
        path: ['platform'],
        message: 'Name the platform the messages come from',
      });
    }
  });

export const updateChannelAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean(),
    callbackUrl,
    rateLimitPerSecond: z.number().int().min(1).max(1000),
    /** Merged into the stored settings. */
    settings: platformSettings,
    /** Merged into the stored secrets: only the ones named change. */
    credentials: platformCredentials,
  })
  .partial();

export const connectionCheckSchema = z.object({
  ok: z.boolean(),
  /** What the platform answered, for the admin. */
  detail: z.string(),
});

/** Returned once, when an account is created or its secret rotated; Kefu keeps it encrypted and never shows it again. */
export const channelAccountWithSecretSchema = z.object({
  account: channelAccountSchema,
  /** Null for a platform account: the platform signs with the secrets the admin entered. */
  signingSecret: z.string().nullable(),
});

export const channelAccountListSchema = z.object({ items: z.array(channelAccountSchema) });

/** Attachment types the intake accepts (checked against the file's first bytes, not only the declared type). */
export const INBOUND_ATTACHMENT_LIMIT = 5;

const inboundAttachment = z.object({
  /** File name as the customer sent it. */
  filename: z.string().trim().min(1).max(200),
  /** The declared media type; the real type is sniffed from the content and must be allowed. */
  contentType: z.string().trim().min(1).max(100),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1).max(14_000_000),
});

export const inboundMessageBody = z.object({
  /** The platform's message id: a redelivery with the same id is answered with the first result, not stored twice. */
  externalId: z.string().trim().min(1).max(200),
  /** The platform's conversation (chat session, thread); the sender's id when absent. */
  conversationId: z.string().trim().min(1).max(200).optional(),
  sender: z.object({
    /** The customer's id on the platform (buyer nick, open id, user id). */
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().max(100).optional(),
    nickname: z.string().trim().max(100).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.email().max(200).optional(),
  }),
  /** What the customer wrote; may be empty when the message is only attachments. */
  text: z.string().max(20_000).default(''),
  attachments: z.array(inboundAttachment).max(INBOUND_ATTACHMENT_LIMIT).default([]),
  /** When the customer sent it (ISO 8601); the time of receipt when absent. */
  sentAt: isoTimestamp.optional(),
});

export const INBOUND_BATCH_LIMIT = 100;

export const inboundBatchBody = z.object({
  messages: z.array(inboundMessageBody).min(1).max(INBOUND_BATCH_LIMIT),
});

export const inboundResultSchema = z.object({
  externalId: z.string(),
  /** `accepted`: stored now; `duplicate`: this externalId was stored before, the first result is returned. */
  status: z.enum(['accepted', 'duplicate']),
  messageId: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
});

export const inboundBatchResultSchema = z.object({ results: z.array(inboundResultSchema) });

export const deliveryStatusBody = z.object({
  statuses: z
    .array(
      z.object({
        /** The idempotency key Kefu sent with the reply. */
        idempotencyKey: z.string().min(1).max(100),
        status: z.enum(['delivered', 'read', 'failed']),
        /** With `failed`: one of the typed reasons, or any short code of the platform's. */
        reason: z.string().max(100).optional(),
        detail: z.string().max(500).optional(),
      }),
    )
    .min(1)
    .max(500),
});

/** Why a delivery failed, as the agent sees it. */
export const DELIVERY_ERROR_CODES = [
  'window_expired',
  'quota_exhausted',
  'blocked',
  'invalid_recipient',
  'transient',
  'rejected',
  /** The request was registered by hand (门店, 展会…): there is no channel to the customer to deliver through. */
  'no_channel',
] as const;

export const deliverySchema = z.object({
  /** queued → sending → sent → delivered / read; failed after a permanent error or the last attempt. */
  state: z.enum(['queued', 'sending', 'sent', 'delivered', 'read', 'failed']),
  attempts: z.number().int(),
  /** When the next attempt is due, while queued. */
  nextAttemptAt: isoTimestamp.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  platformMessageId: z.string().nullable(),
  updatedAt: isoTimestamp,
});
