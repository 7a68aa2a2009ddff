import { describe, expect, it } from 'vitest';
import { parseWhatsappBody, parseWhatsappWebhook, WhatsappParseError } from './parse';

// Shapes from Meta's "Webhooks → messages" reference examples (text, media, location, button, interactive,
// reaction, unsupported, statuses): entry[].changes[].value with messaging_product, metadata, contacts, messages.
const value = (extra: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            ...extra,
          },
          field: 'messages',
        },
      ],
    },
  ],
});
const contacts = [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }];
const message = (type: string, body: Record<string, unknown>) => ({
  from: '16505551234',
  id: `wamid.${type}`,
  timestamp: '1749416383',
  type,
  ...body,
});

describe('parseWhatsappWebhook', () => {
  it('reads every message type with the sender profile name', () => {
    const parsed = parseWhatsappWebhook(
      value({
        contacts,
        messages: [
          message('text', { text: { body: 'Does it come in another color?' } }),
          message('image', {
            image: { caption: 'Damaged', mime_type: 'image/jpeg', sha256: 'x', id: '1003383421387256' },
          }),
          message('audio', {
            audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: '1003383421387257', voice: true },
          }),
          message('document', {
            document: {
              caption: 'Invoice',
              filename: 'invoice.pdf',
              mime_type: 'application/pdf',
              sha256: 'x',
              id: '42',
            },
          }),
          message('sticker', {
            sticker: { mime_type: 'image/webp', sha256: 'x', id: '43', animated: false },
          }),
          message('location', {
            location: {
              address: '1 Hacker Way, Menlo Park',
              latitude: 37.483,
              longitude: -122.148,
              name: 'Main office',
            },
          }),
          message('button', {
            context: { from: '15550783881', id: 'wamid.ctx' },
            button: { payload: 'No', text: 'No' },
          }),
          message('interactive', {
            interactive: {
              type: 'list_reply',
              list_reply: { id: 'r1', title: 'Refund', description: '7 days' },
            },
          }),
          message('reaction', { reaction: { message_id: 'wamid.original', emoji: '👍' } }),
          message('unsupported', { errors: [{ code: 131051, title: 'Message type unknown' }] }),
        ],
      }),
    );
    expect(parsed.statuses).toEqual([]);
    expect(parsed.messages[0]).toEqual({
      id: 'wamid.text',
      phoneNumberId: '106540352242922',
      waId: '16505551234',
      profileName: 'Sheena Nelson',
      sentAt: new Date(1749416383_000),
      content: { type: 'text', body: 'Does it come in another color?' },
    });
    expect(parsed.messages.slice(1).map((m) => m.content)).toEqual([
      {
        type: 'image',
        mediaId: '1003383421387256',
        mimeType: 'image/jpeg',
        caption: 'Damaged',
        filename: null,
      },
      {
        type: 'audio',
        mediaId: '1003383421387257',
        mimeType: 'audio/ogg; codecs=opus',
        caption: '',
        filename: null,
      },
      {
        type: 'document',
        mediaId: '42',
        mimeType: 'application/pdf',
        caption: 'Invoice',
        filename: 'invoice.pdf',
      },
      { type: 'sticker', mediaId: '43', mimeType: 'image/webp', caption: '', filename: null },
      {
        type: 'location',
        latitude: 37.483,
        longitude: -122.148,
        name: 'Main office',
        address: '1 Hacker Way, Menlo Park',
      },
      { type: 'reply', title: 'No', description: '' },
      { type: 'reply', title: 'Refund', description: '7 days' },
      { type: 'reaction', messageId: 'wamid.original', emoji: '👍' },
      { type: 'unsupported', original: 'unsupported' },
    ]);
  });

  it('reads statuses with their error codes and skips other fields and statuses', () => {
    const parsed = parseWhatsappWebhook(
      value({
        statuses: [
          {
            id: 'wamid.a',
            status: 'delivered',
            timestamp: '1750263773',
            recipient_id: '16505551234',
            pricing: { billable: true },
          },
          {
            id: 'wamid.b',
            status: 'failed',
            timestamp: '1750263774',
            recipient_id: '16505551234',
            errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: '…' } }],
          },
          { id: 'wamid.c', status: 'deleted', timestamp: '1750263775', recipient_id: '16505551234' },
        ],
      }),
    );
    expect(parsed.statuses.map((s) => [s.messageId, s.status, s.errors])).toEqual([
      ['wamid.a', 'delivered', []],
      ['wamid.b', 'failed', [{ code: 131047, title: 'Re-engagement message' }]],
    ]);
    const templateReview = value({});
    (templateReview.entry[0]?.changes[0] as { field: string; value: unknown }).field =
      'message_template_status_update';
    (templateReview.entry[0]?.changes[0] as { field: string; value: unknown }).value = { event: 'APPROVED' };
    expect(parseWhatsappWebhook(templateReview)).toEqual({ messages: [], statuses: [], unreadable: 0 });
  });

  it('skips and counts odd items, keeping the readable ones of the same notification', () => {
    const good = message('text', { text: { body: 'hi' } });
    const parsed = parseWhatsappWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            { field: 'messages', value: null },
            { field: 'messages', value: { messaging_product: 'whatsapp', metadata: {}, messages: [good] } },
          ],
        },
        ...value({
          contacts: [...contacts, { wa_id: '' }],
          messages: [
            { id: 'wamid.x', type: 'text' },
            message('text', { timestamp: 'yesterday', text: { body: 'when?' } }),
            { ...message('image', {}), id: 'wamid.odd-image', image: { id: '' } },
            good,
          ],
          statuses: [
            { id: 'wamid.y', status: 'failed', timestamp: '1', errors: [{ code: 'x' }] },
            { id: 'wamid.z', status: 'read', timestamp: '1750263773', recipient_id: '16505551234' },
          ],
        }).entry,
      ],
    });
    // The odd image keeps its id and sender: the agent sees that something was sent.
    expect(parsed.messages.map((m) => [m.id, m.profileName, m.content])).toEqual([
      ['wamid.odd-image', 'Sheena Nelson', { type: 'unsupported', original: 'image' }],
      ['wamid.text', 'Sheena Nelson', { type: 'text', body: 'hi' }],
    ]);
    expect(parsed.statuses.map((s) => [s.messageId, s.status])).toEqual([['wamid.z', 'read']]);
    // Two unreadable values, a contact, two messages without sender/time, the odd image, a status.
    expect(parsed.unreadable).toBe(7);
  });

  it('throws WhatsappParseError, and nothing else, for what is not a WhatsApp notification', () => {
    const valid = JSON.stringify(value({ contacts, messages: [message('text', { text: { body: 'hi' } })] }));
    const bad: unknown[] = [
      null,
      42,
      'text',
      [],
      {},
      { object: 'page', entry: [] },
      { object: 'whatsapp_business_account' },
      { object: 'whatsapp_business_account', entry: [{ id: '1' }] },
      { object: 'whatsapp_business_account', entry: [{ id: '1', changes: 'messages' }] },
    ];
    for (const input of bad) expect(() => parseWhatsappWebhook(input)).toThrow(WhatsappParseError);
    expect(() => parseWhatsappBody(Buffer.from('{"object":'))).toThrow(WhatsappParseError);

    // Truncations and byte flips of a valid notification: parsed or refused with the typed error, never a crash.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 2000; i++) {
      const bytes = Buffer.from(valid);
      const cut = bytes.subarray(0, Math.floor(random() * bytes.length));
      const flipped = Buffer.from(bytes);
      flipped[Math.floor(random() * flipped.length)] = Math.floor(random() * 256);
      for (const input of [cut, flipped]) {
        try {
          parseWhatsappBody(input);
        } catch (error) {
          expect(error).toBeInstanceOf(WhatsappParseError);
        }
      }
    }
  });
});
