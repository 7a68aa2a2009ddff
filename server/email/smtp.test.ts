import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from '@server/pipl/test-support';
import { login, type TestClient, uploadFile } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { type SunkMail, startSmtpSink } from '@server/test/smtp-sink';
import { until } from '@server/test/until';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { SmtpListener } from './smtp-listener';

const FAST_OUTBOX = {
  backoff: { baseMs: 20, maxMs: 100, maxAttempts: 3 },
  pollMs: 50,
  claimMs: 5_000,
  sendTimeoutMs: 5_000,
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A workspace with a mailbox received by Kefu's SMTP listener and sending through a local sink. */
async function mailDesk(options: { refuse?: (recipient: string) => boolean } = {}) {
  const app = await buildTestApp({ outbox: FAST_OUTBOX });
  app.kefu.outbox.start();
  cleanups.push(() => app.kefu.outbox.stop());
  const sink = await startSmtpSink(options);
  cleanups.push(sink.close);
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const address = `support-${randomUUID().slice(0, 8)}@kefu.test`;
  const created = await admin.post('/api/v1/email/mailboxes', {
    address,
    displayName: '星河商城客服',
    smtp: { host: '127.0.0.1', port: sink.port, security: 'none' },
    subjectTemplates: { default: '【售后反馈】关于{subject}的处理进度' },
    signature: '星河商城客服中心 400-800-1234',
  });
  expect(created.statusCode, created.body).toBe(201);
  const listener = new SmtpListener({
    db: testDb(),
    intake: app.kefu.intake,
    host: '127.0.0.1',
    port: 0,
    onCommitted: (workspaceId) => {
      app.kefu.realtime.poke(workspaceId);
      app.kefu.outbox.wake();
    },
  });
  const { port } = await listener.listen();
  cleanups.push(() => listener.close());
  // A customer's mail client handing mail to our MX.
  const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  cleanups.push(async () => client.close());
  return { app, team, admin, agent: await login(app, team.agent), address, sink, client, port };
}

async function ticketsOf(agent: TestClient) {
  return (await agent.get('/api/v1/tickets?limit=50')).json().items as {
    id: string;
    number: string;
    subject: string;
    channel: string;
  }[];
}

const detailOf = async (agent: TestClient, id: string) => (await agent.get(`/api/v1/tickets/${id}`)).json();

const CUSTOMER = { name: '王芳', address: 'wang.fang@customer.example' };

describe('e-mail through the SMTP listener and back out', () => {
  it('turns a mail into a ticket, threads the replies both ways and sends ours with the right headers', async () => {
    const desk = await mailDesk();
    const first = await desk.client.sendMail({
      from: CUSTOMER,
      to: desk.address,
      subject: '订单 DD20231027001 的空调不制冷',
      text: '你好，\n\n上周买的空调不制冷，麻烦尽快处理。我的电话 13812345678。\n\n王芳\n',
      attachments: [
        { filename: 'photo.png', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
      ],
    });
    expect(first.accepted).toEqual([desk.address]);

    // The 250 came after the commit: the ticket is there at once, named by the subject.
    const [ticket] = await ticketsOf(desk.agent);
    expect(ticket).toMatchObject({ subject: '订单 DD20231027001 的空调不制冷', channel: 'email' });
    let detail = await detailOf(desk.agent, ticket?.id as string);
    const [inbound] = detail.messages;
    expect(inbound.body).toContain('上周买的空调不制冷');
    expect(inbound.body).toContain('138****5678');
    expect(inbound.attachments.map((file: { filename: string }) => file.filename).sort()).toEqual([
      'original.eml',
      'photo.png',
    ]);

    // The agent answers; the customer's mail server receives it From the mailbox, threaded, subject templated.
    const invoice = (await uploadFile(desk.agent, ticket?.id as string, '维修单.png', PNG)).json();
    const reply = await desk.agent.post(`/api/v1/tickets/${ticket?.id}/messages`, {
      direction: 'outbound',
      body: '王女士您好，已安排师傅明天上门检修。',
      attachmentIds: [invoice.id],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const sent = (
      await until(
        async () => desk.sink.mails,
        (mails) => mails.length === 1,
      )
    )[0] as SunkMail;
    expect(sent.envelope.to).toEqual([CUSTOMER.address]);
    expect(sent.parsed.from?.value[0]).toMatchObject({ address: desk.address, name: '星河商城客服' });
    expect(sent.parsed.subject).toBe(
      `【售后反馈】关于订单 DD20231027001 的空调不制冷的处理进度 [#${ticket?.number}]`,
    );
    expect(sent.parsed.inReplyTo).toBe(first.messageId);
    expect(sent.parsed.references).toContain(first.messageId);
    expect(sent.parsed.messageId).toBe(`<kefu.${reply.json().id}@kefu.test>`);
    expect(sent.parsed.text).toContain('已安排师傅明天上门检修');
    expect(sent.parsed.text).toContain('星河商城客服中心 400-800-1234');
    expect(sent.parsed.html).toContain('<p>王女士您好，已安排师傅明天上门检修。</p>');
    expect(sent.parsed.attachments.map((file) => [file.filename, file.content.equals(PNG)])).toEqual([
      ['维修单.png', true],
    ]);
    await until(
      async () => (await detailOf(desk.agent, ticket?.id as string)).messages[1]?.delivery?.state,
      (state) => state === 'sent',
    );

    // The customer answers from their client: References name our reply only, the subject is theirs.
    await desk.client.sendMail({
      from: CUSTOMER,
      to: desk.address,
      subject: `Re: ${sent.parsed.subject}`,
      inReplyTo: sent.parsed.messageId,
      references: [first.messageId, sent.parsed.messageId as string],
      text: '好的，明天下午在家。\n\n在 2026年12月2日 10:00，星河商城客服 写道：\n> 王女士您好，已安排师傅明天上门检修。\n',
    });
    // The customer starts a new mail but keeps the ticket number in the subject: it joins the ticket.
    await desk.client.sendMail({
      from: CUSTOMER,
      to: desk.address,
      subject: `补充 [#${ticket?.number}]`,
      text: '另外，遥控器也没反应。',
    });
    expect(await ticketsOf(desk.agent)).toHaveLength(1);
    detail = await detailOf(desk.agent, ticket?.id as string);
    expect(detail.messages.map((m: { body: string }) => m.body)).toEqual([
      expect.stringContaining('上周买的空调不制冷'),
      '王女士您好，已安排师傅明天上门检修。',
      // The quoted history is cut from what the agent reads (it stays in the original .eml).
      '好的，明天下午在家。',
      '另外，遥控器也没反应。',
    ]);

    // Ticket numbers are guessable: the number alone from someone else opens a ticket of their own.
    await desk.client.sendMail({
      from: { name: '李强', address: 'li.qiang@elsewhere.example' },
      to: desk.address,
      subject: `关于 [#${ticket?.number}]`,
      text: '我想看看这个工单。',
    });
    // A new mail from the same customer, not a reply, is a request of its own.
    await desk.client.sendMail({ from: CUSTOMER, to: desk.address, subject: '发票', text: '请开发票。' });
    expect(await ticketsOf(desk.agent)).toHaveLength(3);
    expect((await detailOf(desk.agent, ticket?.id as string)).messages).toHaveLength(4);
  });

  it('stores a redelivered mail once and refuses addresses that are not mailboxes', async () => {
    const desk = await mailDesk();
    const raw = [
      `From: ${CUSTOMER.address}`,
      `To: ${desk.address}`,
      'Subject: =?GBK?B?tqm1pc7KzOI=?=',
      `Message-ID: <resend-${randomUUID()}@customer.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      '订单还没发货。',
      '',
    ].join('\r\n');
    const envelope = { from: CUSTOMER.address, to: [desk.address] };
    await desk.client.sendMail({ envelope, raw });
    await desk.client.sendMail({ envelope, raw });
    const tickets = await ticketsOf(desk.agent);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.subject).toBe('订单问题');
    expect((await detailOf(desk.agent, tickets[0]?.id as string)).messages).toHaveLength(1);

    await expect(
      desk.client.sendMail({ from: CUSTOMER.address, to: 'nobody@kefu.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('never answers machines: an out-of-office opens nothing, a bounce marks our reply failed', async () => {
    const desk = await mailDesk();
    await desk.client.sendMail({
      from: CUSTOMER.address,
      to: desk.address,
      subject: '自动回复：我正在休假',
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: '我 12 月 10 日回来。',
    });
    expect(await ticketsOf(desk.agent)).toHaveLength(0);

    // A web form's robot writes on a customer's behalf: the request is kept, but nothing answers it by itself.
    await desk.client.sendMail({
      from: 'webform@shop.example',
      to: desk.address,
      subject: '网站留言：安装预约',
      headers: { 'Auto-Submitted': 'auto-generated' },
      text: '姓名：赵六\n留言：想预约下周安装。',
    });
    const [fromForm] = await ticketsOf(desk.agent);
    expect(fromForm?.subject).toBe('网站留言：安装预约');
    const formConversation = await testDb()
      .selectFrom('tickets as t')
      .innerJoin('channel_conversations as c', 'c.id', 't.conversation_id')
      .select('c.automatic_replies')
      .where('t.id', '=', fromForm?.id as string)
      .executeTakeFirstOrThrow();
    expect(formConversation.automatic_replies).toBe(false);

    await desk.client.sendMail({ from: CUSTOMER, to: desk.address, subject: '退货', text: '我要退货。' });
    const ticket = (await ticketsOf(desk.agent)).find((candidate) => candidate.subject === '退货');
    const reply = await desk.agent.post(`/api/v1/tickets/${ticket?.id}/messages`, {
      direction: 'outbound',
      body: '好的，请把商品寄回。',
    });
    const ours = (
      await until(
        async () => desk.sink.mails,
        (mails) => mails.length === 1,
      )
    )[0] as SunkMail;
    await until(
      async () => (await detailOf(desk.agent, ticket?.id as string)).messages[1]?.delivery?.state,
      (state) => state === 'sent',
    );
    // The customer's out-of-office answers our reply: noted on the timeline, not their reply (status unchanged).
    const statusBefore = (await detailOf(desk.agent, ticket?.id as string)).status;
    await desk.client.sendMail({
      from: CUSTOMER.address,
      to: desk.address,
      subject: `Automatic reply: ${ours.parsed.subject}`,
      inReplyTo: ours.parsed.messageId,
      headers: { 'X-Autoreply': 'yes' },
      text: 'I am out of the office until 10 December.',
    });
    const afterAway = await detailOf(desk.agent, ticket?.id as string);
    expect(
      afterAway.timeline.filter((event: { kind: string }) => event.kind === 'email_auto_reply'),
    ).toHaveLength(1);
    expect(afterAway.status).toBe(statusBefore);
    expect(afterAway.messages).toHaveLength(2);

    const bounce = fs
      .readFileSync(path.join(import.meta.dirname, 'fixtures/dsn-bounce.eml'), 'utf8')
      .replace('<kefu.20231027020.1@kefu.example>', ours.parsed.messageId as string)
      .replace(/\r?\n/g, '\r\n');
    // A "delayed" notice first: the reply may still arrive, so it stays sent.
    await desk.client.sendMail({
      envelope: { from: '', to: [desk.address] },
      raw: bounce.replace('Action: failed', 'Action: delayed').replace('Status: 5.1.1', 'Status: 4.4.1'),
    });
    expect((await detailOf(desk.agent, ticket?.id as string)).messages[1].delivery.state).toBe('sent');
    await desk.client.sendMail({ envelope: { from: '', to: [desk.address] }, raw: bounce });
    const failed = await until(
      async () => (await detailOf(desk.agent, ticket?.id as string)).messages[1],
      (message) => message?.delivery?.state === 'failed',
    );
    expect(failed.id).toBe(reply.json().id);
    expect(failed.delivery.error.code).toBe('invalid_recipient');
    // Neither the bounce nor the out-of-office became a message, and nothing answered them.
    expect((await detailOf(desk.agent, ticket?.id as string)).messages).toHaveLength(2);
    expect(desk.sink.mails).toHaveLength(1);
  });
});
