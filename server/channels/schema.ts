import { isoTimestamp } from '@server/http/common-schema';
import { TICKET_CHANNELS } from '@shared/tickets';
import { z } from 'zod';

/** Kinds of channel adapter; each is one folder under server/channels. */
export const CHANNEL_KINDS = ['api'] as const;

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
  /** The path a connector posts inbound messages to. */
  inboundPath: z.string(),
  /** The last four characters of the signing secret, to tell secrets apart. */
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

export const createChannelAccountBody = z.object({
  /** `api` for the signed API channel. */
  kind: z.enum(CHANNEL_KINDS).default('api'),
  platform: z.enum(TICKET_CHANNELS),
  name: z.string().trim().min(1).max(100),
  callbackUrl: callbackUrl.default(null),
  rateLimitPerSecond: z.number().int().min(1).max(1000).default(20),
});

export const updateChannelAccountBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    enabled: z.boolean(),
    callbackUrl,
    rateLimitPerSecond: z.number().int().min(1).max(1000),
  })
  .partial();

/** Returned once, when an account is created or its secret rotated; Kefu keeps it encrypted and never shows it again. */
export const channelAccountWithSecretSchema = z.object({
  account: channelAccountSchema,
  signingSecret: z.string(),
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
