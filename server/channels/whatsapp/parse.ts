/**
 * WhatsApp Cloud API webhook notifications (`object: whatsapp_business_account`, `entry[].changes[].value`), parsed
 * without I/O into the customers' messages and the status updates of Kefu's replies. Only a body that is not such a
 * notification at all throws a WhatsappParseError (and nothing else: the webhook answers it with 400). One odd
 * message, status or contact inside a notification is skipped and counted instead: refusing the notification would
 * make Meta retry it and finally drop the good messages batched with it.
 */
import { z } from 'zod';

export class WhatsappParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhatsappParseError';
  }
}

const id = z.string().min(1).max(500);
const unixSeconds = z.union([
  z.string().regex(/^\d{1,12}$/),
  z.number().int().nonnegative().max(999_999_999_999),
]);
const shortText = z.string().max(100_000);

const media = z.object({
  id,
  mime_type: z.string().max(200).optional(),
  caption: shortText.optional(),
  filename: z.string().max(1000).optional(),
});

const messageSchema = z.object({
  id,
  from: id,
  timestamp: unixSeconds,
  type: z.string().max(100),
  text: z.object({ body: shortText }).optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().max(1000).optional(),
      address: z.string().max(1000).optional(),
    })
    .optional(),
  button: z.object({ text: shortText, payload: shortText.optional() }).optional(),
  interactive: z
    .object({
      type: z.string().max(100),
      button_reply: z.object({ id: shortText, title: shortText }).optional(),
      list_reply: z.object({ id: shortText, title: shortText, description: shortText.optional() }).optional(),
    })
    .optional(),
  reaction: z.object({ message_id: id, emoji: z.string().max(100).optional() }).optional(),
});

const statusSchema = z.object({
  id,
  status: z.string().max(100),
  timestamp: unixSeconds,
  recipient_id: id.optional(),
  errors: z
    .array(z.object({ code: z.number().int(), title: z.string().max(2000).optional() }))
    .max(100)
    .optional(),
});

const contactSchema = z.object({ wa_id: id, profile: z.object({ name: z.string().max(1000) }).optional() });

/** The first part of a message: who sent it, when, and its type; its content is read separately. */
const messageHeaderSchema = messageSchema.pick({ id: true, from: true, timestamp: true, type: true });

/** One change's value; its items are read one by one so that an odd one is skipped alone. */
const valueSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: id, display_phone_number: z.string().max(100).optional() }),
  contacts: z.array(z.unknown()).max(1000).optional(),
  messages: z.array(z.unknown()).max(1000).optional(),
  statuses: z.array(z.unknown()).max(1000).optional(),
});

const notificationSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        id,
        changes: z.array(z.object({ field: z.string().max(200), value: z.unknown() })).max(1000),
      }),
    )
    .max(1000),
});

export const MEDIA_KINDS = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type WhatsappMediaKind = (typeof MEDIA_KINDS)[number];

export type WhatsappContent =
  | { type: 'text'; body: string }
  | {
      type: WhatsappMediaKind;
      mediaId: string;
      mimeType: string | null;
      caption: string;
      filename: string | null;
    }
  | { type: 'location'; latitude: number; longitude: number; name: string; address: string }
  /** A tapped quick-reply button (template) or interactive button / list row: what the customer chose. */
  | { type: 'reply'; title: string; description: string }
  /** `emoji` empty: the customer removed their reaction. */
  | { type: 'reaction'; messageId: string; emoji: string }
  /** A type Kefu does not read (or WhatsApp could not deliver: `unsupported`); named for the agent. */
  | { type: 'unsupported'; original: string };

export interface WhatsappInboundMessage {
  /** `wamid.…`: unique per message, the dedupe key. */
  id: string;
  /** The business phone number it was sent to. */
  phoneNumberId: string;
  /** The customer's WhatsApp id (their phone number in international form, without `+`). */
  waId: string;
  profileName: string | null;
  sentAt: Date;
  content: WhatsappContent;
}

export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

export interface WhatsappStatusUpdate {
  /** The `wamid.…` the send call returned for Kefu's reply. */
  messageId: string;
  phoneNumberId: string;
  status: (typeof DELIVERY_STATUSES)[number];
  recipientId: string | null;
  at: Date;
  errors: { code: number; title: string }[];
}

export interface WhatsappNotification {
  messages: WhatsappInboundMessage[];
  statuses: WhatsappStatusUpdate[];
  /**
   * Items that could not be read: skipped (a message without sender or id, a malformed status or contact, a change
   * that is not a messages value), or a message kept only as an "unsupported" marker because its content is odd.
   */
  unreadable: number;
}

const toDate = (seconds: string | number) => new Date(Number(seconds) * 1000);

function contentOf(message: z.infer<typeof messageSchema>): WhatsappContent {
  const { type } = message;
  if (type === 'text' && message.text) return { type: 'text', body: message.text.body };
  if ((MEDIA_KINDS as readonly string[]).includes(type)) {
    const file = message[type as WhatsappMediaKind];
    if (file) {
      return {
        type: type as WhatsappMediaKind,
        mediaId: file.id,
        mimeType: file.mime_type ?? null,
        caption: file.caption ?? '',
        filename: file.filename ?? null,
      };
    }
  }
  if (type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location;
    return { type: 'location', latitude, longitude, name: name ?? '', address: address ?? '' };
  }
  if (type === 'button' && message.button)
    return { type: 'reply', title: message.button.text, description: '' };
  if (type === 'interactive' && message.interactive) {
    const { button_reply: button, list_reply: row } = message.interactive;
    if (button) return { type: 'reply', title: button.title, description: '' };
    if (row) return { type: 'reply', title: row.title, description: row.description ?? '' };
  }
  if (type === 'reaction' && message.reaction) {
    return { type: 'reaction', messageId: message.reaction.message_id, emoji: message.reaction.emoji ?? '' };
  }
  return { type: 'unsupported', original: type };
}

function parseValue(raw: unknown, into: WhatsappNotification): void {
  const parsed = valueSchema.safeParse(raw);
  if (!parsed.success) {
    into.unreadable++;
    return;
  }
  const value = parsed.data;
  const phoneNumberId = value.metadata.phone_number_id;
  const names = new Map<string, string | null>();
  for (const rawContact of value.contacts ?? []) {
    const contact = contactSchema.safeParse(rawContact);
    if (contact.success) names.set(contact.data.wa_id, contact.data.profile?.name ?? null);
    else into.unreadable++;
  }
  for (const rawMessage of value.messages ?? []) {
    const header = messageHeaderSchema.safeParse(rawMessage);
    if (!header.success) {
      // Without its id, sender or time a message cannot be stored or deduplicated.
      into.unreadable++;
      continue;
    }
    const message = messageSchema.safeParse(rawMessage);
    // The customer did send something: the agent sees a marker rather than nothing.
    if (!message.success) into.unreadable++;
    into.messages.push({
      id: header.data.id,
      phoneNumberId,
      waId: header.data.from,
      profileName: names.get(header.data.from) ?? null,
      sentAt: toDate(header.data.timestamp),
      content: message.success
        ? contentOf(message.data)
        : { type: 'unsupported', original: header.data.type },
    });
  }
  for (const rawStatus of value.statuses ?? []) {
    const parsedStatus = statusSchema.safeParse(rawStatus);
    if (!parsedStatus.success) {
      into.unreadable++;
      continue;
    }
    const status = parsedStatus.data;
    // Other statuses (`deleted`, `warning`…) say nothing about whether the customer got the reply.
    if (!(DELIVERY_STATUSES as readonly string[]).includes(status.status)) continue;
    into.statuses.push({
      messageId: status.id,
      phoneNumberId,
      status: status.status as WhatsappStatusUpdate['status'],
      recipientId: status.recipient_id ?? null,
      at: toDate(status.timestamp),
      errors: (status.errors ?? []).map((error) => ({ code: error.code, title: error.title ?? '' })),
    });
  }
}

/** The messages and status updates of one webhook notification (already JSON-decoded). */
export function parseWhatsappWebhook(json: unknown): WhatsappNotification {
  try {
    const parsed = notificationSchema.safeParse(json);
    if (!parsed.success) {
      throw new WhatsappParseError(`notification: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const result: WhatsappNotification = { messages: [], statuses: [], unreadable: 0 };
    for (const entry of parsed.data.entry) {
      for (const change of entry.changes) {
        // Template reviews, quality and account updates arrive on other fields of the same subscription.
        if (change.field === 'messages') parseValue(change.value, result);
      }
    }
    return result;
  } catch (error) {
    if (error instanceof WhatsappParseError) throw error;
    // Whatever else went wrong (a hostile getter, a stack overflow on absurd nesting) is still a malformed input.
    throw new WhatsappParseError('notification: not readable');
  }
}

/** Decodes the raw body and parses it; a body that is not JSON is as malformed as a wrong shape. */
export function parseWhatsappBody(body: Buffer): WhatsappNotification {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new WhatsappParseError('body: not JSON');
  }
  return parseWhatsappWebhook(json);
}
