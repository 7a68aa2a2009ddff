/** A workspace with a Douyin account pointed at a fake Douyin, and the pushes and reads the Douyin tests share. */
import type { App } from '@server/app';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { postPush, startDouyinServer } from '@server/test/fakes/douyin-server';
import { until } from '@server/test/until';
import { expect } from 'vitest';

export const APP_ID = 'tt411d37a0de37d565';
export const APP_SECRET = 'douyin-app-secret';
export const PUSH_TOKEN = 'kefu-push-token';
const DOUYIN_OUTBOX = { ...FAST_OUTBOX, claimMs: 5000 };

/** A workspace with a Douyin account pointed at a fake Douyin, and a running outbox, stopped by `cleanups`. */
export async function douyinDesk(cleanups: (() => Promise<void>)[]) {
  const douyin = await startDouyinServer({ appId: APP_ID, appSecret: APP_SECRET });
  cleanups.push(douyin.close);
  const app = await buildTestApp({ outbox: DOUYIN_OUTBOX });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const created = await admin.post('/api/v1/channel-accounts', {
    kind: 'douyin',
    name: '抖音小游戏客服',
    settings: { appId: APP_ID, apiBaseUrl: douyin.baseUrl },
    credentials: { appSecret: APP_SECRET, token: PUSH_TOKEN },
  });
  expect(created.statusCode).toBe(201);
  const account = created.json().account as { id: string; webhookPath: string };
  expect(account.webhookPath).toBe(`/api/v1/platforms/${account.id}/webhook`);
  return { douyin, app, admin, agent: await login(app, team.agent), accountId: account.id };
}

let serial = 0;
/** A customer's push as the published sample has it: 64-bit ids as bare JSON numbers. */
export function customerPush(
  overrides: { conversationId?: string; msgId?: string; text?: string; picUrl?: string } = {},
) {
  serial += 1;
  const msgId =
    overrides.msgId ?? `74944609280${String(Date.now()).slice(-5)}${String(serial).padStart(3, '0')}`;
  const conversationId = overrides.conversationId ?? '7494205308479291111';
  const fields = overrides.picUrl
    ? `"msg_type": "image", "pic_url": ${JSON.stringify(overrides.picUrl)}, "content": null`
    : `"msg_type": "text", "pic_url": null, "content": ${JSON.stringify(JSON.stringify({ text: overrides.text ?? '游戏充值没到账', action: {} }))}`;
  return `{ "app_id": "${APP_ID}", "conversation_id": ${conversationId}, "msg_id": ${msgId}, "create_time": ${Date.now()}, "open_id": "_000Iuoq1hxt4Kva16Y6szdms7qujIqiwvOx", ${fields} }`;
}

export const push = (
  app: App,
  accountId: string,
  body: string,
  options: Partial<Parameters<typeof postPush>[3]> = {},
) => postPush(app, accountId, body, { appId: APP_ID, token: PUSH_TOKEN, ...options });

export const stored = async (accountId: string) => {
  const db = testDb();
  const [messages, receipts] = await Promise.all([
    db
      .selectFrom('ticket_messages')
      .select(['ticket_id', 'body'])
      .where('channel_account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('inbound_receipts')
      .select('external_id')
      .where('channel_account_id', '=', accountId)
      .execute(),
  ]);
  return { messages, receipts };
};

export const reply = (
  agent: TestClient,
  ticketId: string,
  body: string,
  extra: Record<string, unknown> = {},
) => agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body, ...extra });

export type Delivery = { state: string; error: { code: string; message: string } | null } | null;
export const outbound = async (agent: TestClient, ticketId: string) =>
  (
    (await agent.get(`/api/v1/tickets/${ticketId}`)).json().messages as {
      direction: string;
      body: string;
      delivery: Delivery;
    }[]
  ).filter((m) => m.direction === 'outbound');
export const settled = (agent: TestClient, ticketId: string, count: number) =>
  until(
    () => outbound(agent, ticketId),
    (list) =>
      list.length === count &&
      list.every((m) => m.delivery?.state === 'sent' || m.delivery?.state === 'failed'),
    10_000,
  );

export async function openTicket(desk: DouyinDesk, body = customerPush()) {
  const answer = await push(desk.app, desk.accountId, body);
  expect(answer.statusCode).toBe(200);
  const [message] = (await stored(desk.accountId)).messages;
  return message?.ticket_id as string;
}

export type DouyinDesk = Awaited<ReturnType<typeof douyinDesk>>;
