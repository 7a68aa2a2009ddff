/**
 * WhatsApp webhook notifications as Meta sends them (customer messages, delivery statuses), serialised and signed
 * the way Meta signs them, and posted to a Kefu app.
 */
import { randomBytes } from 'node:crypto';
import type { App } from '@server/app';
import { signWebhookBody } from '@server/channels/whatsapp/signature';
import type { FakeWhatsapp } from './whatsapp-server';

/** Meta serialises non-ASCII as \u escapes (客 as \u5ba2), and signs that serialisation. */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

/** A notification (`entry[].changes[].value`) carrying customer messages and/or statuses for one phone number. */
export function notification(
  fake: Pick<FakeWhatsapp, 'phoneNumberId' | 'businessAccountId'>,
  value: { contacts?: unknown[]; messages?: unknown[]; statuses?: unknown[] },
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: fake.businessAccountId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: fake.phoneNumberId },
              ...value,
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export const customerText = (
  from: string,
  name: string,
  text: string,
  id = `wamid.${randomBytes(12).toString('base64')}`,
) => ({
  contacts: [{ profile: { name }, wa_id: from }],
  messages: [{ from, id, timestamp: nowSeconds(), text: { body: text }, type: 'text' }],
});

export const customerMedia = (
  from: string,
  name: string,
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker',
  file: { id: string; mime_type: string; caption?: string; filename?: string },
  id = `wamid.${randomBytes(12).toString('base64')}`,
) => ({
  contacts: [{ profile: { name }, wa_id: from }],
  messages: [{ from, id, timestamp: nowSeconds(), type: kind, [kind]: { ...file, sha256: 'c0ffee' } }],
});

export const statusUpdate = (
  id: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  recipientId: string,
  errors?: { code: number; title: string }[],
) => ({
  statuses: [
    {
      id,
      status,
      timestamp: nowSeconds(),
      recipient_id: recipientId,
      ...(status === 'failed'
        ? { errors }
        : {
            conversation: { id: 'c0nv3rsat10n', origin: { type: 'service' } },
            pricing: { billable: true, pricing_model: 'PMP', category: 'service' },
          }),
    },
  ],
});

/** Posts a notification to Kefu's webhook signed with the App Secret (or with the given signature). */
export function postWebhook(
  app: App,
  accountId: string,
  appSecret: string,
  payload: unknown,
  options: { signature?: string } = {},
) {
  const body = typeof payload === 'string' ? payload : metaJson(payload);
  return app.inject({
    method: 'POST',
    url: `/api/v1/platforms/${accountId}/webhook`,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': options.signature ?? signWebhookBody(appSecret, body),
    },
    payload: body,
  });
}
