import { describe, expect, it } from 'vitest';
import { signWebhookBody, webhookSignatureMatches } from './signature';

// Meta documents only the method (Graph API → Webhooks → "Validating payloads": HMAC-SHA256 of the payload with the
// App Secret, `sha256=` + hex). The same `X-Hub-Signature-256` scheme is published with a test vector by GitHub:
// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries ("Testing the webhook payload
// validation": secret "It's a Secret to Everybody", payload "Hello, World!").
const PUBLISHED = {
  secret: "It's a Secret to Everybody",
  body: 'Hello, World!',
  header: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

// The shape of Meta's documented text-message notification; Meta escapes non-ASCII as \u escapes (客 as \u5ba2) in what it signs.
const NOTIFICATION = Buffer.from(
  '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"\\u4f60\\u597d"}}]},"field":"messages"}]}]}',
);

describe('X-Hub-Signature-256', () => {
  it('matches the published test vector', () => {
    expect(signWebhookBody(PUBLISHED.secret, PUBLISHED.body)).toBe(PUBLISHED.header);
    expect(webhookSignatureMatches(PUBLISHED.secret, Buffer.from(PUBLISHED.body), PUBLISHED.header)).toBe(
      true,
    );
    expect(
      webhookSignatureMatches(
        PUBLISHED.secret,
        Buffer.from(PUBLISHED.body),
        PUBLISHED.header.toUpperCase().replace('SHA256', 'sha256'),
      ),
    ).toBe(true);
  });

  it('round-trips a notification signed with the App Secret', () => {
    const header = signWebhookBody('app-secret-1', NOTIFICATION);
    expect(webhookSignatureMatches('app-secret-1', NOTIFICATION, header)).toBe(true);
    expect(webhookSignatureMatches('app-secret-1', NOTIFICATION, [header])).toBe(true);
  });

  it('refuses a tampered body, another secret, a re-encoded body and malformed headers', () => {
    const header = signWebhookBody('app-secret-1', NOTIFICATION);
    const tampered = Buffer.from(
      NOTIFICATION.toString('latin1').replace('16505551234', '16505559999'),
      'latin1',
    );
    expect(webhookSignatureMatches('app-secret-1', tampered, header)).toBe(false);
    expect(webhookSignatureMatches('app-secret-2', NOTIFICATION, header)).toBe(false);
    // The same JSON re-serialised (你好 unescaped) is not what Meta signed.
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(NOTIFICATION.toString('utf8'))));
    expect(webhookSignatureMatches('app-secret-1', reencoded, header)).toBe(false);
    for (const bad of [
      undefined,
      '',
      header.slice(7),
      `sha1=${header.slice(7)}`,
      `${header}00`,
      'sha256=zz',
    ]) {
      expect(webhookSignatureMatches('app-secret-1', NOTIFICATION, bad)).toBe(false);
    }
  });
});
