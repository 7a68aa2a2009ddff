import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App } from '@server/app';
import { IntakePipeline } from '@server/intake/pipeline';
import { TicketRouter } from '@server/routing/route-tickets';
import { RoutingConfigCache } from '@server/routing/settings';
import { buyerMessage, createApiChannel, postSigned, type TestChannel } from '@server/test/channels';
import { login, type TestClient } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { buildCustomer, buildTeam } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { linkDuplicates } from './link-duplicates';

const ORDER = '231027-123456789012345';

/** Someone's complaint about the hair dryer of ORDER, in the words of a chat and of an e-mail. */
const CHAT_COMPLAINT = `订单 ${ORDER} 的吹风机用了一次就冒烟了，有焦味，要求退货退款`;
const MAIL_COMPLAINT = `你好，我的订单${ORDER}，吹风机只用一次就冒烟还有焦味，申请退货退款`;

async function twoChannelDesk() {
  const app = await buildTestApp();
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const chat = await createApiChannel(admin, { platform: 'web_chat' });
  const mail = await createApiChannel(admin, { platform: 'email' });
  return { app, team, chat, mail, agent: await login(app, team.agent) };
}

/** Where the ticket's next reply goes: the channel account of its delivery. */
async function replyChannelOf(agent: TestClient, ticketId: string) {
  const reply = await agent.post(`/api/v1/tickets/${ticketId}/messages`, {
    direction: 'outbound',
    body: '已为您登记退货，快递员明天上门取件',
  });
  expect(reply.statusCode).toBe(201);
  const delivery = await testDb()
    .selectFrom('outbound_deliveries')
    .select('channel_account_id')
    .where('message_id', '=', reply.json().id)
    .executeTakeFirstOrThrow();
  return delivery.channel_account_id;
}

describe('the same request through two channels', () => {
  it('ends up in one ticket when the same customer chats and e-mails about it within 10 minutes; replies go by e-mail then', async () => {
    const { app, team, chat, mail, agent } = await twoChannelDesk();
    // One customer record, known in the chat and by e-mail.
    await buildCustomer(team.workspace, {
      name: '王女士',
      identities: [
        { channel: 'web_chat', externalId: 'visitor-81' },
        { channel: 'email', externalId: 'wang@example.test' },
      ],
    });
    const first = await postSigned(
      app,
      chat,
      buyerMessage({
        conversationId: 'chat-81',
        sender: { id: 'visitor-81', nickname: '王女士' },
        text: CHAT_COMPLAINT,
      }),
    );
    const second = await postSigned(
      app,
      mail,
      buyerMessage({
        conversationId: 'wang@example.test',
        sender: { id: 'wang@example.test', nickname: '' },
        text: MAIL_COMPLAINT,
      }),
    );
    expect(second.json().status).toBe('accepted');

    const fromMail = (await agent.get(`/api/v1/tickets/${second.json().ticketId}`)).json();
    expect(fromMail).toMatchObject({ status: 'closed', mergedInto: { id: first.json().ticketId } });
    const survivor = (await agent.get(`/api/v1/tickets/${first.json().ticketId}`)).json();
    expect(survivor.messages.map((m: { channel: string }) => m.channel)).toEqual(['web_chat', 'email']);
    expect(survivor.timeline.at(-1)).toMatchObject({
      kind: 'merged_from',
      actor: null,
      data: { number: fromMail.number, channel: 'email', reason: { kind: 'duplicate' } },
    });
    const inbox = (await agent.get('/api/v1/tickets?view=all')).json().items.map((t: { id: string }) => t.id);
    expect(inbox).toEqual([survivor.id]);
    // The customer writes by e-mail now (the chat window may be closed): that is where the answer reaches them.
    expect(await replyChannelOf(agent, survivor.id)).toBe(mail.id);

    // The customer writes again by e-mail: the conversation continues in the ticket it went into.
    const third = await postSigned(
      app,
      mail,
      buyerMessage({
        conversationId: 'wang@example.test',
        sender: { id: 'wang@example.test', nickname: '' },
        text: '请问退款什么时候到账？',
      }),
    );
    expect(third.json().ticketId).toBe(survivor.id);
  });

  it('is only suggested, with its score, when two customer records name the same order: buyer and recipient are two people', async () => {
    const { app, chat, mail, agent } = await twoChannelDesk();
    const buyer = await postSigned(
      app,
      chat,
      buyerMessage({ conversationId: 'chat-82', sender: { id: 'visitor-82' }, text: CHAT_COMPLAINT }),
    );
    const recipient = await postSigned(
      app,
      mail,
      buyerMessage({
        conversationId: 'li@example.test',
        sender: { id: 'li@example.test' },
        text: MAIL_COMPLAINT,
      }),
    );
    const ticket = (await agent.get(`/api/v1/tickets/${recipient.json().ticketId}`)).json();
    expect(ticket.mergedInto).toBeNull();
    const [suggestion, ...others] = (await agent.get(`/api/v1/tickets/${ticket.id}/merge-suggestions`)).json()
      .items;
    expect(others).toEqual([]);
    expect(suggestion).toMatchObject({
      candidate: { id: buyer.json().ticketId },
      sameCustomer: false,
      sharedOrderNumbers: [ORDER],
    });
    // As strong as a match that merges: the score stays what it is.
    expect(suggestion.score).toBeGreaterThanOrEqual(0.75);
  });

  it("joins a chat and an e-mail of the same customer committed in one group, and only suggests another customer's", async () => {
    const { app, team, chat, mail, agent } = await twoChannelDesk();
    await buildCustomer(team.workspace, {
      name: '赵女士',
      identities: [
        { channel: 'web_chat', externalId: 'visitor-83' },
        { channel: 'email', externalId: 'zhao@example.test' },
      ],
    });
    const message = (channel: TestChannel, platform: string, conversationId: string, text: string) => ({
      workspaceId: team.workspace.id,
      channelAccountId: channel.id,
      platform,
      externalId: `${conversationId}-1`,
      conversationId,
      sender: { id: conversationId },
      text,
      attachments: [],
      sentAt: null,
    });
    const [fromChat, fromMail, fromRecipient] = await oneGroupIntake(app).accept([
      message(chat, 'web_chat', 'visitor-83', CHAT_COMPLAINT),
      message(mail, 'email', 'zhao@example.test', MAIL_COMPLAINT),
      message(mail, 'email', 'recipient@example.test', MAIL_COMPLAINT),
    ]);
    const ticketOf = async (id: string | undefined) => (await agent.get(`/api/v1/tickets/${id}`)).json();

    expect((await ticketOf(fromMail?.ticketId)).mergedInto).toEqual(
      expect.objectContaining({ id: fromChat?.ticketId }),
    );
    const survivor = await ticketOf(fromChat?.ticketId);
    // Written in one transaction, the two messages share their time.
    expect(survivor.messages.map((m: { channel: string }) => m.channel).sort()).toEqual([
      'email',
      'web_chat',
    ]);
    expect(await replyChannelOf(agent, survivor.id)).toBe(mail.id);

    expect((await ticketOf(fromRecipient?.ticketId)).mergedInto).toBeNull();
    const suggested = (
      await agent.get(`/api/v1/tickets/${fromRecipient?.ticketId}/merge-suggestions`)
    ).json();
    expect(suggested.items).toEqual([
      expect.objectContaining({
        candidate: expect.objectContaining({ id: survivor.id }),
        sameCustomer: false,
      }),
    ]);
  });
});

/**
 * Intake with a single lane, so that messages accepted together are committed in one group (the app's two lanes
 * may split them over two transactions).
 */
function oneGroupIntake(app: App) {
  const { serviceLevels } = app.kefu;
  const db = testDb();
  return new IntakePipeline({
    db,
    vault: testVault(),
    attachments: { root: fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-attachments-')), maxBytes: 1024 * 1024 },
    sla: serviceLevels.deps.tracker,
    router: new TicketRouter({
      config: new RoutingConfigCache(db),
      calendars: serviceLevels.deps.calendars,
      sla: serviceLevels.deps.tracker,
      linkDuplicates,
    }),
    lanes: 1,
  });
}

describe('a weaker match', () => {
  const complain = (agent: TestClient, customerId: string, subject: string, description: string) =>
    agent.post('/api/v1/tickets', { subject, description, channel: 'phone', customerId });

  it('is suggested with its score on the newer ticket until dismissed or merged', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const customer = await buildCustomer(team.workspace, { name: '李先生' });
    const agent = await login(app, team.agent);
    const original = (
      await complain(agent, customer.id, '吹风机冒烟', '收到的吹风机有异味，用了一次就冒烟了，要求退货')
    ).json();
    const repeat = (
      await complain(agent, customer.id, '又来电', '吹风机用一次就冒烟，还有股焦味，要退款')
    ).json();
    expect(repeat.mergedInto).toBeNull();

    const listed = await agent.get(`/api/v1/tickets/${repeat.id}/merge-suggestions`);
    expect(listed.statusCode).toBe(200);
    const [suggestion, ...others] = listed.json().items;
    expect(others).toEqual([]);
    expect(suggestion).toMatchObject({
      candidate: { id: original.id, number: original.number, customer: { id: customer.id } },
      sameCustomer: true,
      sharedOrderNumbers: [],
    });
    expect(suggestion.score).toBeGreaterThanOrEqual(0.4);
    expect(suggestion.score).toBeLessThan(0.75);
    const timeline = (await agent.get(`/api/v1/tickets/${repeat.id}`)).json().timeline;
    expect(timeline.map((e: { kind: string }) => e.kind)).toContain('merge_suggested');

    const dismissed = await agent.post(
      `/api/v1/tickets/${repeat.id}/merge-suggestions/${original.id}/dismiss`,
    );
    expect(dismissed.statusCode).toBe(204);
    expect((await agent.get(`/api/v1/tickets/${repeat.id}/merge-suggestions`)).json().items).toEqual([]);
    expect(
      (await agent.post(`/api/v1/tickets/${repeat.id}/merge-suggestions/${original.id}/dismiss`)).statusCode,
    ).toBe(404);

    // Merging the two by hand answers the suggestion.
    const third = (
      await complain(agent, customer.id, '第三次来电', '那个冒烟的吹风机，焦味很重，退款呢')
    ).json();
    const offered = (await agent.get(`/api/v1/tickets/${third.id}/merge-suggestions`)).json().items;
    expect(offered.map((item: { candidate: { id: string } }) => item.candidate.id)).toContain(original.id);
    const merged = await agent.post(`/api/v1/tickets/${original.id}/merge`, { sourceTicketIds: [third.id] });
    expect(merged.statusCode).toBe(200);
    const answered = await testDb()
      .selectFrom('merge_suggestions')
      .select(['status', 'decided_by'])
      .where('workspace_id', '=', team.workspace.id)
      .where('ticket_id', '=', third.id)
      .where('candidate_id', '=', original.id)
      .execute();
    expect(answered).toEqual([{ status: 'merged', decided_by: team.agent.id }]);
    expect((await agent.get(`/api/v1/tickets/${third.id}/merge-suggestions`)).json().items).toEqual([]);
  });

  it('is nothing at all for another customer with other words, and for two people with the same words', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const [zhang, zhao, qian] = await Promise.all([
      buildCustomer(team.workspace, { name: '张' }),
      buildCustomer(team.workspace, { name: '赵' }),
      buildCustomer(team.workspace, { name: '钱' }),
    ]);
    const agent = await login(app, team.agent);
    await complain(agent, zhang.id, '吹风机冒烟', '吹风机用了一次就冒烟了，要求退货');
    const otherWords = (await complain(agent, zhao.id, '发票', '发票抬头写错了，请重开')).json();
    const sameWords = (
      await complain(agent, qian.id, '吹风机冒烟', '吹风机用了一次就冒烟了，要求退货')
    ).json();
    for (const ticket of [otherWords, sameWords]) {
      expect(ticket.mergedInto).toBeNull();
      expect((await agent.get(`/api/v1/tickets/${ticket.id}/merge-suggestions`)).json().items).toEqual([]);
    }
  });
});
