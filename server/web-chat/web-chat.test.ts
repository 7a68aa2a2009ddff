import { randomUUID } from 'node:crypto';
import { login } from '@server/test/client';
import { buildTestApp, testDb } from '@server/test/context';
import { buildTeam } from '@server/test/factories';
import { connectWidget, startVisitor } from '@server/test/widget-client';
import { describe, expect, it } from 'vitest';
import { identitySignature } from './visitor-token';
import { maskTypingPreview } from './widget-socket';

async function listeningDesk() {
  const app = await buildTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const team = await buildTeam();
  const admin = await login(app, team.admin);
  const settings = (await admin.get('/api/v1/web-chat/settings')).json();
  return { app, baseUrl: `http://127.0.0.1:${port}`, team, admin, settings };
}

const texts = (messages: { text: string }[]) => messages.map((message) => message.text);

describe('web chat', () => {
  it('carries a whole chat: welcome, pick-up with 工号, replies both ways, end, rating on the ticket', async () => {
    const { app, baseUrl, team, admin, settings } = await listeningDesk();
    const config = await fetch(`${baseUrl}/api/v1/widget/config?key=${settings.widgetKey}&locale=zh-CN`);
    expect(config.headers.get('access-control-allow-origin')).toBe('*');
    expect((await config.json()).welcome).toContain('欢迎');

    const visitor = await startVisitor(baseUrl, { key: settings.widgetKey });
    const widget = await connectWidget(baseUrl, visitor.visitorToken);
    expect(widget.frames[0]).toMatchObject({ type: 'ready', history: [], chat: null });

    const clientId = randomUUID();
    widget.send({ type: 'message', clientId, text: '你好，我的订单一直没发货' });
    await widget.until(() => widget.frames.some((f) => f.type === 'ack'));
    await widget.until(() => widget.messages().length >= 2);
    const [own, welcome] = widget.messages();
    expect(own).toMatchObject({ direction: 'inbound', text: '你好，我的订单一直没发货' });
    expect(welcome).toMatchObject({ direction: 'outbound', automated: true });
    expect(welcome?.text).toContain('欢迎');

    // The agent sees the waiting chat and picks it up: the customer is greeted with the agent's 工号.
    await testDb()
      .updateTable('users')
      .set({ employee_no: 'KF1024' })
      .where('id', '=', team.agent.id)
      .execute();
    const agent = await login(app, team.agent);
    const chats = (await agent.get('/api/v1/live-chats')).json().items;
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ state: 'waiting', unread: 1 });
    const ticketId = chats[0].ticketId as string;
    const picked = await agent.post(`/api/v1/live-chats/${ticketId}/pick-up`, {});
    expect(picked.statusCode).toBe(200);
    expect(picked.json()).toMatchObject({ state: 'active', pickedUpBy: { id: team.agent.id } });
    await widget.until(() => widget.messages().some((m) => m.author?.employeeNo === 'KF1024'));
    const greeting = widget.messages().find((m) => m.author);
    expect(greeting?.text).toContain('工号KF1024');
    await widget.until(() =>
      widget.frames.some((f) => f.type === 'chat' && f.chat.agent?.employeeNo === 'KF1024'),
    );

    // A colleague cannot take the same chat.
    const supervisor = await login(app, team.supervisor);
    expect((await supervisor.post(`/api/v1/live-chats/${ticketId}/pick-up`, {})).statusCode).toBe(409);

    await agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body: '马上为您查询' });
    await widget.until(() => texts(widget.messages()).includes('马上为您查询'));

    // Read receipts both ways.
    await agent.post(`/api/v1/live-chats/${ticketId}/read`, {});
    await widget.until(() => widget.frames.some((f) => f.type === 'chat' && f.chat.agentReadAt !== null));

    // Resending the same message (a reconnect that missed the ack) stores it once.
    widget.send({ type: 'message', clientId, text: '你好，我的订单一直没发货' });
    await widget.until(() => widget.frames.filter((f) => f.type === 'ack').length === 2);
    const stored = await testDb()
      .selectFrom('ticket_messages')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('direction', '=', 'inbound')
      .execute();
    expect(stored).toHaveLength(1);

    const ended = await agent.post(`/api/v1/live-chats/${ticketId}/end`, {});
    expect(ended.json()).toMatchObject({ state: 'ended' });
    await widget.until(() => widget.frames.some((f) => f.type === 'chat' && f.chat.state === 'ended'));
    widget.send({ type: 'rate', score: 3, comment: '很快' });
    await widget.until(() => widget.frames.some((f) => f.type === 'chat' && f.chat.rating?.score === 3));

    const ticket = (await admin.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.status).toBe('resolved');
    expect(ticket.satisfaction).toMatchObject({ score: 3, scale: 'three', channel: 'web_chat' });
    expect((await agent.get('/api/v1/live-chats')).json().items).toHaveLength(0);

    // The next message starts a new chat with a new ticket.
    widget.send({ type: 'message', clientId: randomUUID(), text: '还有一个问题' });
    await widget.until(() => widget.frames.filter((f) => f.type === 'ack').length === 3);
    const acks = widget.frames.filter((f) => f.type === 'ack');
    expect(acks[2]?.ticketNumber).not.toBe(acks[0]?.ticketNumber);
    await widget.close();
  });

  it('after a dropped connection, the history since the last message seen arrives once and in order', async () => {
    const { app, baseUrl, team, settings } = await listeningDesk();
    const visitor = await startVisitor(baseUrl, { key: settings.widgetKey });
    const widget = await connectWidget(baseUrl, visitor.visitorToken);
    widget.send({ type: 'message', clientId: randomUUID(), text: '第一条' });
    await widget.until(() => widget.messages().length >= 2);
    const lastSeen = widget.messages().at(-1)?.id as string;
    widget.socket.terminate();

    // Meanwhile the agent writes twice, and the customer's queued message is resent on reconnect.
    const agent = await login(app, team.agent);
    const ticketId = (await agent.get('/api/v1/live-chats')).json().items[0].ticketId;
    await agent.post(`/api/v1/live-chats/${ticketId}/pick-up`, {});
    await agent.post(`/api/v1/tickets/${ticketId}/messages`, { direction: 'outbound', body: '在吗？' });
    const again = await connectWidget(baseUrl, visitor.visitorToken, lastSeen);
    const queued = randomUUID();
    again.send({ type: 'message', clientId: queued, text: '在的' });
    await again.until(() => texts(again.messages()).includes('在的'));
    const shown = again.messages();
    expect(new Set(shown.map((m) => m.id)).size).toBe(shown.length);
    expect(texts(shown).slice(-2)).toEqual(['在吗？', '在的']);
    // What was already shown may come again (a margin for commit order); the widget keeps each id once.
    expect(texts(shown).indexOf('第一条')).toBeLessThan(texts(shown).indexOf('在吗？'));
    const times = shown.map((m) => m.createdAt);
    expect([...times].sort()).toEqual(times);

    // A reload (no `after`) shows the whole conversation.
    const reloaded = await connectWidget(baseUrl, visitor.visitorToken);
    expect(texts(reloaded.messages())).toEqual(expect.arrayContaining(['第一条', '在吗？', '在的']));
    await Promise.all([again.close(), reloaded.close()]);
  });

  it('refuses forged tokens and identities, and keeps text as text', async () => {
    const { baseUrl, admin, settings } = await listeningDesk();
    const visitor = await startVisitor(baseUrl, { key: settings.widgetKey });
    const forged = `${visitor.visitorToken.slice(0, -4)}AAAA`;
    const refused = await connectWidget(baseUrl, forged);
    expect(refused.frames[0]).toMatchObject({ type: 'error', status: 401 });

    const badIdentity = await fetch(`${baseUrl}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        key: settings.widgetKey,
        identity: { userId: 'u-1', signature: 'ab'.repeat(32) },
      }),
    });
    expect(badIdentity.status).toBe(401);
    expect(badIdentity.headers.get('content-type')).toContain('application/problem+json');

    // With the identity secret, a signed-in user is recognised.
    const { secret } = (await admin.post('/api/v1/web-chat/identity-secret', {})).json();
    const identity = { userId: 'u-1', email: 'li.na@example.com', name: '李娜' };
    const signed = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      identity: { ...identity, signature: identitySignature(secret, identity) },
    });
    expect(signed.identified).toBe(true);

    const widget = await connectWidget(baseUrl, signed.visitorToken);
    const attack = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    widget.send({ type: 'message', clientId: randomUUID(), text: attack });
    await widget.until(() => widget.messages().some((m) => m.direction === 'inbound'));
    expect(widget.messages().find((m) => m.direction === 'inbound')?.text).toBe(attack);

    widget.send({ type: 'message', clientId: randomUUID(), text: '   ' });
    await widget.until(() => widget.frames.some((f) => f.type === 'error'));
    expect(widget.frames.find((f) => f.type === 'error')).toMatchObject({
      status: 422,
      errors: [{ field: 'text' }],
    });
    await widget.close();
  });

  it('recognises a signed-in user of the host site as the customer who already wrote through another channel', async () => {
    const { baseUrl, admin } = await listeningDesk();
    const existing = (
      await admin.post('/api/v1/customers', {
        name: '王磊',
        email: 'wang.lei@example.com',
        phone: '13912345678',
      })
    ).json();
    const { secret } = (await admin.post('/api/v1/web-chat/identity-secret', {})).json();
    const settings = (await admin.get('/api/v1/web-chat/settings')).json();
    const identity = { userId: 'shop-8812', email: 'Wang.Lei@example.com' };
    const visitor = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      identity: { ...identity, signature: identitySignature(secret, identity) },
    });
    const widget = await connectWidget(baseUrl, visitor.visitorToken);
    widget.send({ type: 'message', clientId: randomUUID(), text: '我上周的退款到了吗' });
    await widget.until(() => widget.frames.some((f) => f.type === 'ack'));
    const ack = widget.frames.find((f) => f.type === 'ack');
    const found = (
      await admin.get(`/api/v1/tickets?q=${ack?.type === 'ack' ? ack.ticketNumber : ''}`)
    ).json();
    expect(found.items[0]?.customer?.id).toBe(existing.id);

    // Another device of the same user continues the same conversation.
    const laptop = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      identity: { ...identity, signature: identitySignature(secret, identity) },
    });
    const other = await connectWidget(baseUrl, laptop.visitorToken);
    expect(other.messages().map((m) => m.text)).toContain('我上周的退款到了吗');
    await Promise.all([widget.close(), other.close()]);
  });

  it('keeps visitors apart: files, a shared browser with another signed-in user, a logged-out user', async () => {
    const { baseUrl, admin, settings } = await listeningDesk();
    const alice = await startVisitor(baseUrl, { key: settings.widgetKey });
    const form = new FormData();
    form.append('clientId', randomUUID());
    form.append('file', new Blob([PNG], { type: 'image/png' }), '划痕.png');
    const upload = await fetch(
      `${baseUrl}/api/v1/widget/uploads?token=${encodeURIComponent(alice.visitorToken)}`,
      {
        method: 'POST',
        body: form,
      },
    );
    expect(upload.status).toBe(201);
    const aliceWidget = await connectWidget(baseUrl, alice.visitorToken);
    const file = aliceWidget.messages().flatMap((m) => m.attachments)[0];
    expect(file?.contentType).toBe('image/png');
    const fileUrl = (token: string) => `${baseUrl}${file?.path}?token=${encodeURIComponent(token)}`;
    expect((await fetch(fileUrl(alice.visitorToken))).status).toBe(200);
    const bob = await startVisitor(baseUrl, { key: settings.widgetKey });
    expect((await fetch(fileUrl(bob.visitorToken))).status).toBe(404);

    // Images load without an Origin header, also when the widget is limited to certain sites.
    await admin.put('/api/v1/web-chat/settings', { allowedOrigins: ['https://shop.example.com'] });
    expect((await fetch(fileUrl(alice.visitorToken))).status).toBe(200);
    await admin.put('/api/v1/web-chat/settings', { allowedOrigins: [] });

    // On one browser: a signed-in user, then another one, then nobody signed in — three different visitors.
    const { secret } = (await admin.post('/api/v1/web-chat/identity-secret', {})).json();
    const signed = (email: string) => ({ email, signature: identitySignature(secret, { email }) });
    const first = await startVisitor(baseUrl, { key: settings.widgetKey, identity: signed('a@example.com') });
    const second = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      visitorToken: first.visitorToken,
      identity: signed('b@example.com'),
    });
    expect(second.visitorId).not.toBe(first.visitorId);
    const again = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      visitorToken: first.visitorToken,
      identity: signed('a@example.com'),
    });
    expect(again.visitorId).toBe(first.visitorId);
    const loggedOut = await startVisitor(baseUrl, {
      key: settings.widgetKey,
      visitorToken: first.visitorToken,
    });
    expect(loggedOut).toMatchObject({ identified: false });
    expect(loggedOut.visitorId).not.toBe(first.visitorId);
    await aliceWidget.close();
  });

  it('keeps a chat going through merges: the repeat joins the chat, and a chat merged by hand continues there', async () => {
    const { app, baseUrl, team, settings } = await listeningDesk();
    const agent = await login(app, team.agent);
    const visitor = await startVisitor(baseUrl, { key: settings.widgetKey });
    const widget = await connectWidget(baseUrl, visitor.visitorToken);
    widget.send({
      type: 'message',
      clientId: randomUUID(),
      text: '订单 DD20261201001 的手表屏幕有划痕，想换货',
    });
    await widget.until(() => widget.frames.some((f) => f.type === 'ack'));
    const chat = (await agent.get('/api/v1/live-chats')).json().items[0];

    // The same customer says the same by phone: the phone ticket joins the chat, which goes on.
    const phone = await agent.post('/api/v1/tickets', {
      subject: '订单 DD20261201001 的手表屏幕有划痕，想换货',
      channel: 'phone',
      customerId: chat.customer.id,
    });
    expect((await agent.get(`/api/v1/tickets/${phone.json().id}`)).json().mergedInto).toMatchObject({
      id: chat.ticketId,
    });
    expect(
      (await agent.get('/api/v1/live-chats')).json().items.map((c: { ticketId: string }) => c.ticketId),
    ).toEqual([chat.ticketId]);

    // Merged by hand into a ticket typed in by an agent: the chat moves with it, the visitor keeps their history.
    const typed = await agent.post('/api/v1/tickets', { subject: '换货申请（客服代录）', channel: 'phone' });
    const merged = await agent.post(`/api/v1/tickets/${typed.json().id}/merge`, {
      sourceTicketIds: [chat.ticketId],
    });
    expect(merged.statusCode).toBe(200);
    const live = (await agent.get('/api/v1/live-chats')).json().items;
    expect(live.map((c: { ticketId: string }) => c.ticketId)).toEqual([typed.json().id]);
    await agent.post(`/api/v1/tickets/${typed.json().id}/messages`, {
      direction: 'outbound',
      body: '已为您登记换货',
    });
    await widget.until(() => widget.messages().some((m) => m.text === '已为您登记换货'));
    const reloaded = await connectWidget(baseUrl, visitor.visitorToken);
    expect(reloaded.messages().map((m) => m.text)).toEqual(
      expect.arrayContaining(['订单 DD20261201001 的手表屏幕有划痕，想换货', '已为您登记换货']),
    );
    await Promise.all([widget.close(), reloaded.close()]);
  });

  it('masks half-typed phone numbers and e-mail addresses in the typing preview', () => {
    expect(maskTypingPreview('我的手机是138123456')).toBe('我的手机是*********');
    expect(maskTypingPreview('邮箱 li.na@exam')).toBe('邮箱 ***@***');
    expect(maskTypingPreview('订单没到')).toBe('订单没到');
  });
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
