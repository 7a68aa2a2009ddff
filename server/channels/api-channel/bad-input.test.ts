import { buyerMessage, createApiChannel, postSigned } from '@server/test/channels';
import { login, TINY_PNG } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

async function storedFor(channelId: string) {
  const db = testDb();
  const [messages, receipts, conversations] = await Promise.all(
    (['ticket_messages', 'inbound_receipts', 'channel_conversations'] as const).map(async (table) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('channel_account_id', '=', channelId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );
  return { messages, receipts, conversations };
}

describe('bad input on the signed API channel', () => {
  it('answers each kind of bad request with problem+json and stores nothing, keeping what was accepted before', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const channel = await createApiChannel(await login(app, team.admin));
    const accepted = await postSigned(app, channel, buyerMessage({ externalId: 'kept-1' }));
    expect(accepted.statusCode).toBe(200);
    const before = await storedFor(channel.id);
    expect(before).toEqual({ messages: 1, receipts: 1, conversations: 1 });

    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buyerMessage());
    const cases: {
      name: string;
      send: () => ReturnType<typeof postSigned>;
      status: number;
      code: string;
      path?: string;
    }[] = [
      {
        name: 'wrong signature',
        send: () => postSigned(app, channel, body, { secret: 'kefu_whsec_not-ours' }),
        status: 401,
        code: 'bad_signature',
      },
      {
        name: 'garbled signature',
        send: () => postSigned(app, channel, body, { signature: 'sha256=zz' }),
        status: 401,
        code: 'bad_signature',
      },
      {
        name: 'stale timestamp',
        send: () => postSigned(app, channel, body, { timestamp: now - 301 }),
        status: 401,
        code: 'stale_timestamp',
      },
      {
        name: 'future timestamp',
        send: () => postSigned(app, channel, body, { timestamp: now + 400 }),
        status: 401,
        code: 'stale_timestamp',
      },
      {
        name: 'malformed JSON',
        send: () => postSigned(app, channel, '{"externalId": "x",'),
        status: 400,
        code: 'malformed_json',
      },
      {
        name: 'missing sender',
        send: () => postSigned(app, channel, { externalId: 'x-1', text: '你好' }),
        status: 400,
        code: 'validation_failed',
        path: '/body/sender',
      },
      {
        name: 'batch item without id',
        send: () =>
          postSigned(
            app,
            channel,
            { messages: [buyerMessage(), { ...buyerMessage(), externalId: '' }] },
            { path: 'messages/batch' },
          ),
        status: 400,
        code: 'validation_failed',
        path: '/body/messages/1/externalId',
      },
      {
        name: 'unknown channel',
        send: () =>
          postSigned(app, { id: '00000000-0000-4000-8000-000000000000', secret: channel.secret }, body),
        status: 404,
        code: 'unknown_channel',
      },
      {
        name: 'oversize body',
        send: () => postSigned(app, channel, { ...buyerMessage(), padding: 'x'.repeat(17 * 1024 * 1024) }),
        status: 413,
        code: 'body_too_large',
      },
      {
        name: 'executable posing as an image',
        send: () =>
          postSigned(app, channel, {
            ...buyerMessage(),
            attachments: [
              { filename: 'ok.png', contentType: 'image/png', contentBase64: TINY_PNG.toString('base64') },
              {
                filename: '截图.png',
                contentType: 'image/png',
                contentBase64: Buffer.from('MZ\x90\x00 not a png').toString('base64'),
              },
            ],
          }),
        status: 415,
        code: 'unsupported_attachment_type',
        path: '/body/attachments/1',
      },
    ];
    for (const testCase of cases) {
      const response = await testCase.send();
      expect({ name: testCase.name, status: response.statusCode }).toEqual({
        name: testCase.name,
        status: testCase.status,
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe(testCase.code);
      if (testCase.path)
        expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(testCase.path);
    }
    const unsigned = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channel.id}/messages`,
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json().code).toBe('signature_missing');
    const formEncoded = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${channel.id}/messages`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=b',
    });
    expect(formEncoded.statusCode).toBe(415);

    expect(await storedFor(channel.id)).toEqual(before);
    // The attachment that was fine in the refused message left no file or row behind either.
    const files = await testDb()
      .selectFrom('attachments')
      .select('id')
      .where('workspace_id', '=', team.workspace.id)
      .execute();
    expect(files).toEqual([]);
  });

  it('refuses a disabled channel, and accepts the replaced secret for a day after a rotation', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const admin = await login(app, team.admin);
    const channel = await createApiChannel(admin);
    const rotated = await admin.post(`/api/v1/channel-accounts/${channel.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const newSecret = rotated.json().signingSecret as string;
    expect(newSecret).not.toBe(channel.secret);
    expect(rotated.json().account.previousSecretValidUntil).toBeTruthy();
    expect((await postSigned(app, channel, buyerMessage())).statusCode).toBe(200);
    expect((await postSigned(app, { ...channel, secret: newSecret }, buyerMessage())).statusCode).toBe(200);

    await testDb()
      .updateTable('channel_accounts')
      .set({ previous_secret_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', channel.id)
      .execute();
    const disabled = await admin.patch(`/api/v1/channel-accounts/${channel.id}`, { enabled: false });
    expect(disabled.json().enabled).toBe(false);
    const refused = await postSigned(app, { ...channel, secret: newSecret }, buyerMessage());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('channel_disabled');
    await admin.patch(`/api/v1/channel-accounts/${channel.id}`, { enabled: true });
    expect((await postSigned(app, channel, buyerMessage())).json().code).toBe('bad_signature');

    const list = (await admin.get('/api/v1/channel-accounts')).json().items;
    expect(list).toEqual([
      expect.objectContaining({
        id: channel.id,
        secretHint: newSecret.slice(-4),
        stats: { received: 2, deliveriesPending: 0, deliveriesFailed: 0 },
      }),
    ]);
    // The secret is sealed at rest.
    const row = await testDb()
      .selectFrom('channel_accounts')
      .selectAll()
      .where('id', '=', channel.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(newSecret);
  });
});
