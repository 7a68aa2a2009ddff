import { login } from '@server/test/client';
import { buildTestApp } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket } from '@server/test/factories';
import { describe, expect, it } from 'vitest';

describe('customers', () => {
  it('numbers customers CUS + date + serial and keeps one channel identity per customer', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const agent = await login(app, team.agent);
    const first = await agent.post('/api/v1/customers', {
      name: '王丽',
      phone: '13812345678',
      identities: [{ channel: 'wechat', externalId: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }],
    });
    expect(first.statusCode).toBe(201);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .replaceAll('-', '');
    expect(first.json().number).toBe(`CUS${today}001`);
    expect((await agent.post('/api/v1/customers', { name: '李强' })).json().number).toBe(`CUS${today}002`);

    const clash = await agent.post('/api/v1/customers', {
      name: '冒名',
      identities: [{ channel: 'wechat', externalId: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M' }],
    });
    expect([clash.statusCode, clash.json().code]).toEqual([409, 'identity_taken']);
  });

  it('finds a customer by identity, by an order number on their tickets, and by phone last four + name', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const wang = await buildCustomer(team.workspace, {
      name: '王丽',
      phone: '138-1234-5678',
      identities: [{ channel: 'taobao', externalId: 'tb_wangli88' }],
    });
    await buildCustomer(team.workspace, { name: '李强', phone: '13900005678' });
    await buildTicket(team.agent, {
      subject: '少件',
      description: '订单 3712345678901234567',
      customerId: wang.id,
    });
    const agent = await login(app, team.agent);
    const names = async (query: string) =>
      (await agent.get(`/api/v1/customers?${query}`)).json().items.map((c: { name: string }) => c.name);

    expect(await names('channel=taobao&externalId=tb_wangli88')).toEqual(['王丽']);
    expect(await names('q=3712345678901234567')).toEqual(['王丽']);
    expect(await names(`phoneLast4=5678&name=${encodeURIComponent('王')}`)).toEqual(['王丽']);
    expect((await names('phoneLast4=5678')).sort()).toEqual(['李强', '王丽'].sort());
    expect(await names(`q=${encodeURIComponent('王丽')}`)).toEqual(['王丽']);
  });

  it('merges a duplicate: identities and tickets move, the merge is recorded and shown', async () => {
    const app = await buildTestApp();
    const team = await buildTeam();
    const keep = await buildCustomer(team.workspace, {
      name: '王丽',
      identities: [{ channel: 'wechat', externalId: 'o_wang' }],
    });
    const duplicate = await buildCustomer(team.workspace, {
      name: '',
      phone: '13812345678',
      identities: [{ channel: 'email', externalId: 'wang@example.test' }],
    });
    const ticket = await buildTicket(team.agent, { customerId: duplicate.id });
    const agent = await login(app, team.agent);

    const merged = await agent.post(`/api/v1/customers/${keep.id}/merge`, { sourceCustomerId: duplicate.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ name: '王丽', phone: '138****5678' });
    expect(
      merged
        .json()
        .identities.map((i: { channel: string }) => i.channel)
        .sort(),
    ).toEqual(['email', 'wechat']);
    const page = (await agent.get(`/api/v1/customers/${keep.id}`)).json();
    expect(page.tickets.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect((await agent.get(`/api/v1/customers/${duplicate.id}`)).json().mergedInto).toEqual({
      id: keep.id,
      number: keep.number,
    });
    const audit = (await (await login(app, team.admin)).get('/api/v1/audit-events')).json().items;
    expect(audit.find((event: { action: string }) => event.action === 'customer.merged')).toMatchObject({
      actor: { id: team.agent.id },
      targetId: keep.id,
      detail: { mergedNumber: duplicate.number },
    });
    expect(
      (await agent.get('/api/v1/customers?q=13812345678')).json().items.map((c: { id: string }) => c.id),
    ).toEqual([keep.id]);
  });
});
