import { createStandaloneTracker } from '@server/sla/assemble';
import { login } from '@server/test/client';
import { buildTestApp, testDb, testVault } from '@server/test/context';
import { buildCustomer, buildTeam, buildTicket, principalFor } from '@server/test/factories';
import { describe, expect, it } from 'vitest';
import { addTicketMessage } from './add-message';

async function searchDesk() {
  const app = await buildTestApp();
  const team = await buildTeam();
  const wang = await buildCustomer(team.workspace, { name: '王丽', phone: '138-1234-5678' });
  const li = await buildCustomer(team.workspace, { name: '李强', phone: '13900009999' });
  const returns = await buildTicket(team.agent, {
    subject: '申请退货',
    description: '衣服尺码不合适，想退货退款',
    customerId: wang.id,
  });
  const crash = await buildTicket(team.agent, { subject: 'APP问题', description: '', customerId: li.id });
  await addTicketMessage(testDb(), {
    actor: principalFor(team.agent),
    ticketId: crash.id,
    direction: 'inbound',
    body: '一打开就闪退，已经重装过了',
    vault: testVault(),
    sla: createStandaloneTracker(),
  });
  const order = await buildTicket(team.agent, {
    subject: '物流三天没动',
    description: '淘宝订单号 3712345678901234567',
  });
  const english = await buildTicket(team.agent, {
    subject: 'Refund for order DD20240501123456',
    description: 'The parcel arrived damaged',
  });
  const otherWorkspace = await buildTeam();
  await buildTicket(otherWorkspace.agent, { subject: '申请退货', description: '别家的退货' });
  return { client: await login(app, team.agent), returns, crash, order, english };
}

const numbersFound = async (client: Awaited<ReturnType<typeof searchDesk>>['client'], q: string) => {
  const response = await client.get(`/api/v1/tickets?view=all&q=${encodeURIComponent(q)}`);
  expect(response.statusCode).toBe(200);
  return response.json().items.map((t: { number: string }) => t.number);
};

describe('searching tickets', () => {
  it('finds 退货 in subject and description, with the words highlighted', async () => {
    const desk = await searchDesk();
    const response = (
      await desk.client.get(`/api/v1/tickets?view=all&q=${encodeURIComponent('退货')}`)
    ).json();
    expect(response.items.map((t: { id: string }) => t.id)).toEqual([desk.returns.id]);
    const snippet = response.items[0].snippet;
    expect(snippet.field).toBe('subject');
    expect(snippet.highlights.map(([from, to]: [number, number]) => snippet.text.slice(from, to))).toEqual([
      '退货',
    ]);
  });

  it('finds 闪退 in a customer message and shows that message as the snippet', async () => {
    const desk = await searchDesk();
    const response = (
      await desk.client.get(`/api/v1/tickets?view=all&q=${encodeURIComponent('闪退')}`)
    ).json();
    expect(response.items.map((t: { id: string }) => t.id)).toEqual([desk.crash.id]);
    expect(response.items[0].snippet).toMatchObject({ field: 'message', text: '一打开就闪退，已经重装过了' });
  });

  it('finds an order number, a ticket number, and the last four digits of the phone', async () => {
    const desk = await searchDesk();
    expect(await numbersFound(desk.client, '3712345678901234567')).toEqual([desk.order.number]);
    expect(await numbersFound(desk.client, 'dd20240501123456')).toEqual([desk.english.number]);
    expect(await numbersFound(desk.client, desk.crash.number)).toEqual([desk.crash.number]);
    expect(await numbersFound(desk.client, '5678')).toEqual([desk.returns.number]);
    expect(await numbersFound(desk.client, '13900009999')).toEqual([desk.crash.number]);
  });

  it('finds English words case-insensitively and customer names', async () => {
    const desk = await searchDesk();
    expect(await numbersFound(desk.client, 'DAMAGED')).toEqual([desk.english.number]);
    expect(await numbersFound(desk.client, '王丽')).toEqual([desk.returns.number]);
    expect(await numbersFound(desk.client, '不存在的词语')).toEqual([]);
  });
});
