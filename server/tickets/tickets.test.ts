import { login, uploadFile } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket, buildUser, buildWorkspace } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('ticket numbers', () => {
  it('gives 50 tickets created at once 50 distinct, consecutive numbers of today in the workspace time zone', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const client = await login(app, team.agent);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.post('/api/v1/tickets', { subject: `并发工单 ${i}`, channel: 'web_chat' }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => r.json().number as string).sort();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .replaceAll('-', '');
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `${today}${String(i + 1).padStart(3, '0')}`),
    );

    const other = await buildTeam();
    const first = await (await login(app, other.agent)).post('/api/v1/tickets', {
      subject: '另一个品牌',
      channel: 'email',
    });
    expect(first.json().number).toBe(`${today}001`);
  });

  it('switches the date at midnight Asia/Shanghai, not at midnight UTC', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const client = await login(app, team.agent);
    const at = async (receivedAt: string) =>
      (await client.post('/api/v1/tickets', { subject: '夜间来电', channel: 'phone', receivedAt })).json()
        .number;
    expect(await at('2026-03-14T15:59:59Z')).toBe('20260314001'); // 23:59:59 in Shanghai
    expect(await at('2026-03-14T16:00:00Z')).toBe('20260315001'); // 00:00:00 the next day
    expect(await at('2026-03-14T16:00:01Z')).toBe('20260315002');
  });
});

describe('the ticket lifecycle', () => {
  it('refuses illegal status changes with a clear error and records every change in the timeline', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    let ticket = (await agent.post('/api/v1/tickets', { subject: '扫地机不充电', channel: 'jd' })).json();

    const skipToClosed = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'closed',
    });
    expect(skipToClosed.statusCode).toBe(422);
    expect(skipToClosed.json()).toMatchObject({
      code: 'illegal_transition',
      errors: [{ path: 'body/status' }],
    });

    ticket = (
      await agent.patch(`/api/v1/tickets/${ticket.id}`, {
        version: ticket.version,
        status: 'open',
        priority: 'urgent',
        assigneeId: team.agent.id,
      })
    ).json();
    ticket = (
      await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, status: 'resolved' })
    ).json();
    ticket = (
      await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, status: 'closed' })
    ).json();
    expect(ticket.status).toBe('closed');
    expect(ticket.closedAt).not.toBeNull();

    const agentReopens = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      status: 'open',
    });
    expect([agentReopens.statusCode, agentReopens.json().code]).toEqual([403, 'closed_needs_supervisor']);
    const supervisor = await login(app, team.supervisor);
    expect(
      (
        await supervisor.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, status: 'open' })
      ).json().status,
    ).toBe('open');

    const timeline = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json().timeline;
    expect(
      timeline.map(
        (e: { kind: string; data: { field?: string; to?: string } }) =>
          `${e.kind}:${e.data.field ?? e.data.to ?? ''}`,
      ),
    ).toEqual([
      'created:',
      'field_changed:priority',
      `assigned:${team.agent.id}`,
      'status_changed:open',
      'status_changed:resolved',
      'status_changed:closed',
      'status_changed:open',
    ]);
    for (const event of timeline) {
      expect(event.actor).toMatchObject({ id: expect.any(String), name: expect.any(String) });
      expect(Date.parse(event.createdAt)).not.toBeNaN();
    }
    expect(timeline.at(-1).actor.id).toBe(team.supervisor.id);
  });

  it('reopens a resolved ticket when the customer writes again', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    let ticket = (await agent.post('/api/v1/tickets', { subject: 'APP闪退', channel: 'app' })).json();
    await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '您好，请更新到最新版本试试',
    });
    ticket = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(ticket.status).toBe('open');
    expect(ticket.firstResponseAt).not.toBeNull();
    ticket = (
      await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, status: 'resolved' })
    ).json();

    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'inbound',
      body: '更新后还是闪退',
    });
    expect(reply.statusCode).toBe(201);
    const after = (await agent.get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(after.status).toBe('open');
    expect(after.timeline.at(-1)).toMatchObject({
      kind: 'status_changed',
      data: { from: 'resolved', to: 'open', reason: 'customer_replied' },
    });
    expect(after.messages.map((m: { direction: string }) => m.direction)).toEqual(['outbound', 'inbound']);
    const logged = after.timeline.find(
      (e: { kind: string; data: { direction?: string } }) =>
        e.kind === 'message_added' && e.data.direction === 'inbound',
    );
    expect(logged.actor.id).toBe(team.agent.id);
  });

  it('refuses an edit based on a stale version with 409 instead of overwriting', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const ticket = await buildTicket(team.agent);
    const first = await (await login(app, team.agent)).patch(`/api/v1/tickets/${ticket.id}`, {
      version: 1,
      priority: 'urgent',
    });
    expect(first.json().version).toBe(2);
    const stale = await (await login(app, team.supervisor)).patch(`/api/v1/tickets/${ticket.id}`, {
      version: 1,
      priority: 'normal',
    });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'version_conflict']);
    expect((await (await login(app, team.agent)).get(`/api/v1/tickets/${ticket.id}`)).json().priority).toBe(
      'urgent',
    );
  });

  it('only accepts types and owners of its own workspace', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const stranger = await buildUser(await buildWorkspace());
    const agent = await login(app, team.agent);
    const badType = await agent.post('/api/v1/tickets', { subject: 'x', channel: 'email', type: 'lottery' });
    expect([badType.statusCode, badType.json().errors[0].path]).toEqual([422, 'body/type']);
    const badOwner = await agent.post('/api/v1/tickets', {
      subject: 'x',
      channel: 'email',
      assigneeId: stranger.id,
    });
    expect([badOwner.statusCode, badOwner.json().errors[0].path]).toEqual([422, 'body/assigneeId']);
    const good = await agent.post('/api/v1/tickets', {
      subject: '物流停滞',
      channel: 'email',
      type: 'problem',
      subtype: 'logistics',
    });
    expect(good.json()).toMatchObject({ type: 'problem', subtype: 'logistics' });
  });

  it('extracts order numbers and the product model from what the customer wrote', async () => {
    const team = await buildTeam();
    const ticket = await buildTicket(team.agent, {
      subject: '型号：KF-3000 开机报警',
      description: '订单号 3712345678901234567，电话 13812345678',
    });
    expect(ticket.order_numbers).toEqual(['3712345678901234567']);
    expect(ticket.product_model).toBe('KF-3000');
  });
});

describe('merging the same request from two channels', () => {
  it('leaves one ticket with both threads in time order, both timelines noting the merge, and one customer', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const chatCustomer = await buildCustomer(team.workspace, {
      name: '王女士',
      identities: [{ channel: 'web_chat', externalId: 'visitor-81' }],
    });
    const mailCustomer = await buildCustomer(team.workspace, {
      name: '',
      identities: [{ channel: 'email', externalId: 'wang@example.test' }],
    });
    const agent = await login(app, team.agent);
    const chat = (
      await agent.post('/api/v1/tickets', {
        subject: '退货进度',
        channel: 'web_chat',
        customerId: chatCustomer.id,
      })
    ).json();
    await agent.post(`/api/v1/tickets/${chat.id}/messages`, {
      direction: 'inbound',
      body: '聊天里问：退货到哪一步了？',
    });
    const mail = (
      await agent.post('/api/v1/tickets', {
        subject: '关于退货',
        channel: 'email',
        customerId: mailCustomer.id,
      })
    ).json();
    const photo = (await uploadFile(agent, mail.id, '快递单.png')).json();
    await agent.post(`/api/v1/tickets/${mail.id}/messages`, {
      direction: 'inbound',
      body: '邮件再问一次退货进度，回电 13900001111',
      attachmentIds: [photo.id],
    });
    await agent.post(`/api/v1/tickets/${chat.id}/messages`, {
      direction: 'outbound',
      body: '已为您查询，仓库已收货',
    });

    const merged = await agent.post(`/api/v1/tickets/${chat.id}/merge`, { sourceTicketIds: [mail.id] });
    expect(merged.statusCode).toBe(200);
    const survivor = merged.json();
    expect(survivor.messages.map((m: { body: string; channel: string }) => `${m.channel}:${m.body}`)).toEqual(
      [
        'web_chat:聊天里问：退货到哪一步了？',
        'email:邮件再问一次退货进度，回电 139****1111',
        'web_chat:已为您查询，仓库已收货',
      ],
    );
    // The file and the sealed phone number travel with their message.
    const moved = survivor.messages[1];
    expect(moved.attachments.map((a: { filename: string }) => a.filename)).toEqual(['快递单.png']);
    const supervisor = await login(app, team.supervisor);
    const revealed = await supervisor.post(`/api/v1/personal-data/${moved.personalData[0].id}/reveal`, {
      reason: '回电',
    });
    expect(revealed.json().text).toBe('13900001111');
    const audit = await supervisor.get('/api/v1/audit-events?action=pii.revealed');
    expect(audit.json().items[0].detail.ticketNumber).toBe(chat.number);
    expect(survivor.timeline.at(-1)).toMatchObject({
      kind: 'merged_from',
      data: { number: mail.number, channel: 'email' },
    });

    const gone = (await agent.get(`/api/v1/tickets/${mail.id}`)).json();
    expect(gone).toMatchObject({ status: 'closed', mergedInto: { id: chat.id, number: chat.number } });
    expect(gone.timeline.at(-1)).toMatchObject({ kind: 'merged_into', data: { number: chat.number } });
    expect(
      (await agent.post(`/api/v1/tickets/${mail.id}/messages`, { direction: 'outbound', body: 'x' })).json()
        .code,
    ).toBe('ticket_merged');

    const customer = (await agent.get(`/api/v1/customers/${chatCustomer.id}`)).json();
    expect(customer.identities.map((i: { channel: string }) => i.channel).sort()).toEqual([
      'email',
      'web_chat',
    ]);
    expect(customer.tickets.map((t: { id: string }) => t.id).sort()).toEqual([chat.id, mail.id].sort());
    expect((await agent.get(`/api/v1/customers/${mailCustomer.id}`)).json().mergedInto.id).toBe(
      chatCustomer.id,
    );
    const inbox = (await agent.get('/api/v1/tickets?view=all')).json().items.map((t: { id: string }) => t.id);
    expect(inbox).toEqual([chat.id]);
  });
});

describe('inbox views', () => {
  it('serves mine, unassigned and all-open, and pages with a cursor without repeats', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    for (let i = 0; i < 7; i++) await buildTicket(team.supervisor, { subject: `未分配 ${i}` });
    for (let i = 0; i < 3; i++)
      await buildTicket(team.supervisor, {
        subject: `我的 ${i}`,
        assigneeId: team.agent.id,
        priority: i === 0 ? 'urgent' : 'normal',
      });
    const agent = await login(app, team.agent);
    const ids = async (query: string) =>
      (await agent.get(`/api/v1/tickets?${query}`)).json().items.map((t: { subject: string }) => t.subject);

    expect((await ids('view=mine')).sort()).toEqual(['我的 0', '我的 1', '我的 2']);
    expect((await ids('view=unassigned')).length).toBe(7);
    expect((await ids('view=mine&sort=priority'))[0]).toBe('我的 0');

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await agent.get(`/api/v1/tickets?view=all_open&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(10);
    expect(new Set(seen).size).toBe(10);
  });
});
