import { Keyring } from '@server/privacy/keyring';
import { testDb, testMasterKeys } from '@server/test/context';
import { signedPushHeaders, startDouyinServer } from '@server/test/fakes/douyin-server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_ID,
  APP_SECRET,
  customerPush,
  douyinDesk,
  openTicket,
  PUSH_TOKEN,
  push,
  stored,
} from './test-desk';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Douyin pushes that are not genuine or not safe to follow (抖音客服平台)', () => {
  it('refuses a bad or missing signature, a stale push, another app and a malformed body with nothing stored', async () => {
    const desk = await douyinDesk(cleanups);
    const body = customerPush();
    const cases: [Promise<{ statusCode: number; headers: Record<string, unknown> }>, number][] = [
      [push(desk.app, desk.accountId, body, { token: 'guessed-token' }), 401],
      [push(desk.app, desk.accountId, body, { headers: { 'x-signature': '' } }), 401],
      [push(desk.app, desk.accountId, body, { timestampMs: Date.now() - 10 * 60_000 }), 401],
      // The genuine headers of one body on another.
      [
        push(desk.app, desk.accountId, body.replace('没到账', '已到账'), {
          headers: signedPushHeaders({ appId: APP_ID, token: PUSH_TOKEN, body }),
        }),
        401,
      ],
      [push(desk.app, desk.accountId, body, { appId: 'tt0000000000000000' }), 403],
      [push(desk.app, desk.accountId, body.replace(`"${APP_ID}"`, '"tt0000000000000000"')), 403],
      [push(desk.app, desk.accountId, '{"app_id": "tt411d37a0de37d565", "msg_id": '), 400],
      [push(desk.app, desk.accountId, '{"app_id": "tt411d37a0de37d565", "msg_type": "text"}'), 400],
    ];
    for (const [answer, status] of cases) {
      const response = await answer;
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    // The GET echostr check of the closed 消息推送客服 is not answered as if it were configured.
    const legacyCheck = await desk.app.inject({
      method: 'GET',
      url: `/api/v1/platforms/${desk.accountId}/webhook?signature=x&timestamp=1&nonce=2&echostr=hello`,
    });
    expect(legacyCheck.statusCode).toBe(405);
    expect(legacyCheck.body).not.toContain('hello');
    expect(await stored(desk.accountId)).toEqual({ messages: [], receipts: [] });
  });

  it('takes a push signed with the headers as bare values as well as name=value pairs, both only with the Token', async () => {
    const desk = await douyinDesk(cleanups);
    const pairs = await push(desk.app, desk.accountId, customerPush({ text: '签名一' }), { layout: 'pairs' });
    const values = await push(desk.app, desk.accountId, customerPush({ text: '签名二' }), {
      layout: 'values',
    });
    expect([pairs.statusCode, values.statusCode]).toEqual([200, 200]);
    for (const layout of ['pairs', 'values'] as const) {
      for (const token of ['guessed-token', '']) {
        const forged = await push(desk.app, desk.accountId, customerPush({ text: '伪造' }), {
          layout,
          token,
        });
        expect(forged.statusCode).toBe(401);
      }
    }
    const { messages } = await stored(desk.accountId);
    expect(messages.map((m) => m.body).sort()).toEqual(['签名一', '签名二']);
  });

  it('answers 401 not_configured and stores nothing while the account has no push Token', async () => {
    const desk = await douyinDesk(cleanups);
    const db = testDb();
    const row = await db
      .selectFrom('channel_accounts')
      .selectAll()
      .where('id', '=', desk.accountId)
      .executeTakeFirstOrThrow();
    const sealed = await new Keyring(db, testMasterKeys()).encrypt(
      row.workspace_id,
      JSON.stringify({ appSecret: APP_SECRET, token: '' }),
    );
    await db
      .updateTable('channel_accounts')
      .set({ credentials_ciphertext: sealed })
      .where('id', '=', desk.accountId)
      .execute();
    // Signed with the empty key, as anyone could sign it.
    const answer = await push(desk.app, desk.accountId, customerPush(), { token: '' });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json()).toMatchObject({ code: 'not_configured' });
    // No Token at all is refused the same way, before any signature is looked at.
    const body = customerPush();
    const absent = desk.app.kefu.platforms.douyin?.webhook(
      {
        method: 'POST',
        query: {},
        headers: signedPushHeaders({ appId: APP_ID, token: '', body }),
        body: Buffer.from(body),
      },
      { row, secrets: [], credentials: { appSecret: APP_SECRET } },
    );
    await expect(absent).rejects.toMatchObject({ status: 401, code: 'not_configured' });
    expect(await stored(desk.accountId)).toEqual({ messages: [], receipts: [] });
  });

  it('never fetches a pic_url off Douyin’s CDNs and the API origin, and cuts an oversize streamed picture off', async () => {
    const desk = await douyinDesk(cleanups);
    // Another server on 127.0.0.1 (another port than the account's API base) that would serve a real picture.
    const elsewhere = await startDouyinServer({ appId: APP_ID, appSecret: APP_SECRET });
    cleanups.push(elsewhere.close);
    const ticketId = await openTicket(desk, customerPush({ text: '我发张截图' }));
    for (const picUrl of [
      elsewhere.hostImage(),
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    ]) {
      expect((await push(desk.app, desk.accountId, customerPush({ picUrl }))).json()).toEqual({
        success: true,
      });
    }
    const total = 24 * 1024 * 1024;
    const oversize = desk.douyin.hostStreamedImage(total);
    const answer = await push(desk.app, desk.accountId, customerPush({ picUrl: oversize.url }));
    expect(answer.json()).toEqual({ success: true });

    expect(elsewhere.stats.pictureRequests).toBe(0);
    // Abandoned once past the 10 MB limit, not read to its end first.
    expect(oversize.stream.finished).toBe(false);
    expect(oversize.stream.bytesWritten).toBeLessThan(total);
    const ticket = (await desk.agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(
      ticket.messages.map((m: { body: string; attachments: unknown[] }) => [m.body, m.attachments]),
    ).toEqual([
      ['我发张截图', []],
      ['[图片]', []],
      ['[图片]', []],
      ['[图片]', []],
    ]);
  });
});
