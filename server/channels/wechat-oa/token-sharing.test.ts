import type { App } from '@server/app';
import { FAST_OUTBOX } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testEngine } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import {
  encryptedPush,
  type FakeWechatServer,
  messageXml,
  startWechatServer,
  type WechatPush,
} from '@server/test/fakes/wechat-server';
import { type HttpSession, login as loginHttp } from '@server/test/kefu-http';
import { type RunningKefu, startKefuProcess } from '@server/test/kefu-process';
import { PROCESS_ADMIN, processDatabase } from '@server/test/process-database';
import { until } from '@server/test/until';
import { afterAll, describe, expect, inject, it } from 'vitest';

const APP = { appId: 'wxfedcba9876543210', appSecret: 'fake-app-secret-0002' };
const TOKEN = 'sharedTokenTest';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const SECRETS = { token: TOKEN, encodingAesKey: KEY, appId: APP.appId };

const accountBody = (apiBaseUrl: string) => ({
  kind: 'wechat_oa',
  name: '公众号',
  settings: { appId: APP.appId, encryption: 'safe', apiBaseUrl },
  credentials: { appSecret: APP.appSecret, token: TOKEN, encodingAesKey: KEY },
});

/** A client of one app (in-process or a real process) that can push, reply and read deliveries. */
interface Node {
  push(accountId: string, push: WechatPush): Promise<number>;
  reply(ticketId: string, body: string): Promise<void>;
  deliveryStates(ticketId: string): Promise<string[]>;
  /** The ticket the WeChat customer's message opened. */
  wechatTicketId(): Promise<string>;
}

type TicketList = { items: { id: string; channel: string }[] };

function wechatTicketIn(list: TicketList): string {
  const ticket = list.items.find((item) => item.channel === 'wechat');
  if (!ticket) throw new Error('no WeChat ticket');
  return ticket.id;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Two app nodes answer replies; the fake expires the token; each node then sends with the token it holds, hears
 * 42001, and the two of them fetch exactly one new token (the other reads the one stored).
 */
async function expireAndReplyFromBothNodes(
  nodes: [Node, Node],
  accountId: string,
  fake: FakeWechatServer,
  onlyDeliverFrom?: (index: number) => Promise<void>,
) {
  const openid = 'oSharedTokenCustomer';
  expect(
    await nodes[0].push(
      accountId,
      encryptedPush(SECRETS, messageXml(openid, { MsgType: 'text', Content: '在吗' })),
    ),
  ).toBe(200);
  const ticketId = await nodes[0].wechatTicketId();
  let written = 0;
  const replyFrom = async (index: 0 | 1) => {
    await onlyDeliverFrom?.(index);
    written += 1;
    await nodes[index].reply(ticketId, `第 ${written} 条回复`);
    await until(
      () => nodes[index].deliveryStates(ticketId),
      (states) => states.length === written && states.every((state) => state === 'sent'),
    );
  };
  await replyFrom(0);
  await replyFrom(1);
  expect(fake.state.tokenFetches).toBe(1);

  fake.expireTokens();
  await replyFrom(0);
  await replyFrom(1);
  expect(fake.state.tokenFetches).toBe(2);
  expect(fake.state.expiredTokenCalls).toBeGreaterThan(0);
  expect(fake.sent.map((m) => m.body.text?.content)).toEqual([
    '第 1 条回复',
    '第 2 条回复',
    '第 3 条回复',
    '第 4 条回复',
  ]);
  const [firstToken, , , lastToken] = fake.sent.map((m) => m.accessToken);
  expect(lastToken).not.toBe(firstToken);
}

type Messages = { messages: { direction: string; delivery: { state: string } | null }[] };
const outboundStates = (ticket: Messages) =>
  ticket.messages.filter((m) => m.direction === 'outbound').map((m) => m.delivery?.state ?? 'none');

/** A real Kefu process, through HTTP. */
function processNode(session: HttpSession): Node {
  return {
    push: async (accountId, push) =>
      (
        await fetch(
          `${session.baseUrl}/api/v1/platforms/${accountId}/webhook?${new URLSearchParams(push.query)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'text/xml' },
            body: push.body,
          },
        )
      ).status,
    reply: async (ticketId, body) => {
      const response = await session.post(`/api/v1/tickets/${ticketId}/messages`, {
        direction: 'outbound',
        body,
      });
      expect(response.status).toBe(201);
    },
    deliveryStates: async (ticketId) =>
      outboundStates((await (await session.get(`/api/v1/tickets/${ticketId}`)).json()) as Messages),
    wechatTicketId: async () =>
      wechatTicketIn((await (await session.get('/api/v1/tickets')).json()) as TicketList),
  };
}

/** An app instance in this process, through inject. */
function appNode(app: App, admin: TestClient): Node {
  return {
    push: async (accountId, push) =>
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/platforms/${accountId}/webhook?${new URLSearchParams(push.query)}`,
          headers: { 'content-type': 'text/xml' },
          payload: push.body,
        })
      ).statusCode,
    reply: async (ticketId, body) => {
      const response = await admin.post(`/api/v1/tickets/${ticketId}/messages`, {
        direction: 'outbound',
        body,
      });
      expect(response.statusCode).toBe(201);
    },
    deliveryStates: async (ticketId) =>
      outboundStates((await admin.get(`/api/v1/tickets/${ticketId}`)).json()),
    wechatTicketId: async () => wechatTicketIn((await admin.get('/api/v1/tickets')).json()),
  };
}

describe(`WeChat access token shared across two app ${testEngine() === 'postgres' ? 'processes' : 'instances'}`, () => {
  it('token expiry refreshed once across two app processes', async () => {
    const fake = await startWechatServer(APP);
    cleanups.push(fake.close);

    if (testEngine() === 'postgres') {
      const database = await processDatabase(inject('database'), inject('templateDir'));
      cleanups.push(database.cleanup);
      // One after the other: the first creates the workspace's admin, which the second then finds.
      const processes: RunningKefu[] = [];
      for (let i = 0; i < 2; i++) {
        const kefu = await startKefuProcess(database.env);
        cleanups.push(() => kefu.stop());
        processes.push(kefu);
      }
      const [first, second] = await Promise.all(
        processes.map((kefu) => loginHttp(kefu.baseUrl, PROCESS_ADMIN)),
      );
      if (!first || !second) throw new Error('two sessions expected');
      const created = await first.post('/api/v1/channel-accounts', accountBody(fake.baseUrl));
      expect(created.status).toBe(201);
      const accountId = ((await created.json()) as { account: { id: string } }).account.id;
      // Each process's own outbox takes the replies written through it (it is woken at once; the other polls).
      await expireAndReplyFromBothNodes([processNode(first), processNode(second)], accountId, fake);
      return;
    }

    // The embedded engine serves one process: two app instances on the same database stand in for two processes.
    const apps: [App, App] = [
      await buildTestApp({ outbox: FAST_OUTBOX }),
      await buildTestApp({ outbox: FAST_OUTBOX }),
    ];
    cleanups.push(async () => {
      for (const app of apps) await app.kefu.outbox.stop();
    });
    const team = await buildTeam();
    const admins: [TestClient, TestClient] = [
      await login(apps[0], team.admin),
      await login(apps[1], team.admin),
    ];
    const created = await admins[0].post('/api/v1/channel-accounts', accountBody(fake.baseUrl));
    expect(created.statusCode).toBe(201);
    // Only the replying instance's outbox runs, so each instance really sends with the token it holds.
    await expireAndReplyFromBothNodes(
      [appNode(apps[0], admins[0]), appNode(apps[1], admins[1])],
      created.json().account.id,
      fake,
      async (index) => {
        await apps[index === 0 ? 1 : 0].kefu.outbox.stop();
        apps[index === 0 ? 0 : 1].kefu.outbox.start();
      },
    );
    // Both instances tried the expired token (each heard 42001), and still only one new token was fetched.
    expect(fake.state.expiredTokenCalls).toBe(2);
  }, 90_000);
});
