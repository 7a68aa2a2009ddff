import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, type Journey, logIn, newPersonPage, SCREENSHOT_DIR, startJourney } from './harness';

/** A 1×1 PNG: the customer's "photo of the broken part". */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let journey: Journey;
let hostSite: http.Server;
let hostUrl: string;
let lookupPath: string;

beforeAll(async () => {
  journey = await startJourney({ demo: true, env: { KEFU_TEST_HOOKS: '1' } });
  await logIn(journey, { email: 'admin@demo.kefu.local', password: demoPassword(journey) });
  const settings = await (
    await journey.page.request.get(`${journey.baseUrl}/api/v1/web-chat/settings`)
  ).json();
  lookupPath = settings.lookupPath;
  // The customer's shop: another origin, embedding the widget with the snippet the admin page shows.
  hostSite = http.createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>智能手表 X2 — 星河商城</title></head>
<body><h1>智能手表 X2</h1><p>¥1,299</p>${settings.embedSnippet}</body></html>`);
  });
  await new Promise<void>((resolve) => hostSite.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(hostSite.address() as AddressInfo).port}/products/x2`;
});
afterAll(async () => {
  hostSite?.close();
  await journey?.close();
});

const widget = (page: Page) => ({
  messages: page.locator('[data-kefu="messages"] [data-kefu="message"]'),
  texts: () => page.locator('[data-kefu="messages"] [data-kefu="message"]').allInnerTexts(),
});

async function customerSends(page: Page, text: string) {
  await page.fill('[data-kefu="composer"]', text);
  await page.click('[data-kefu="send"]');
}

describe('web chat: the widget on a customer site and the agent’s live chat', () => {
  it('welcome, pick-up with 工号, messages and images both ways, reload, outage, XSS as text, end and rating', async () => {
    const customer = await newPersonPage(journey.browser);
    const agent = await newPersonPage(journey.browser);

    // The customer opens the chat: the welcome shows within 10 s.
    const opened = performance.now();
    await customer.goto(hostUrl);
    await customer.click('[data-kefu="launcher"]');
    await customer.locator('[data-kefu="welcome"]', { hasText: '欢迎' }).waitFor({ timeout: 10_000 });
    expect(performance.now() - opened).toBeLessThan(10_000);
    await customerSends(customer, '你好，我买的手表屏幕有划痕');
    await customer
      .locator('[data-kefu="message"][data-direction="inbound"]', { hasText: '屏幕有划痕' })
      .waitFor();

    // The agent's live chat: the chat arrives, the agent picks it up, the customer sees the name and 工号.
    await logIn(journey, { email: 'agent@demo.kefu.local', password: demoPassword(journey) }, agent);
    await agent.goto(`${journey.baseUrl}/live-chat`);
    const item = agent.locator('[data-testid="live-chat-item"]').first();
    await item.waitFor();
    await item.locator('[data-testid="pick-up"]').click();
    await customer.locator('[data-kefu="agent"]', { hasText: 'KF2001' }).waitFor();
    await customer.locator('[data-kefu="message"]', { hasText: '工号KF2001' }).waitFor();
    await customer.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-chat-widget-picked-up.png') });

    // Messages and images both ways.
    await agent.fill('[data-testid="chat-composer"]', '您好，请拍一张划痕的照片给我');
    await agent.click('[data-testid="chat-send"]');
    await customer.locator('[data-kefu="message"]', { hasText: '请拍一张划痕的照片' }).waitFor();
    await customer.setInputFiles('[data-kefu="file"]', {
      name: '划痕.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await agent.locator('[data-testid="chat-thread"] img').first().waitFor();
    await agent.setInputFiles('[data-testid="chat-file-input"]', {
      name: '换新流程.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await agent.locator('[data-testid="chat-send"]:not([disabled])').waitFor();
    await agent.click('[data-testid="chat-send"]');
    await customer.locator('[data-kefu="message"][data-direction="outbound"] img').waitFor();
    await agent.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-chat-agent-live-chat.png') });

    // A reload keeps the conversation.
    const before = (await widget(customer).texts()).filter((text) => !text.includes('欢迎'));
    await customer.reload();
    // The tab had the chat open: it opens again by itself after the reload.
    await customer.locator('[data-kefu="panel"]').waitFor();
    await customer.locator('[data-kefu="message"]', { hasText: '请拍一张划痕的照片' }).waitFor();
    expect((await widget(customer).texts()).filter((text) => !text.includes('欢迎'))).toEqual(before);

    // The network drops for the widget; both sides write meanwhile; afterwards everything arrives once, in order.
    const outage = await agent.request.post(`${journey.baseUrl}/api/v1/test/widget-outage`, {
      data: { ms: 3000 },
      headers: { 'x-csrf-token': await csrfOf(agent) },
    });
    expect((await outage.json()).dropped).toBeGreaterThan(0);
    await customer.locator('[data-kefu="status"]:not([hidden])').waitFor();
    await customerSends(customer, '断线时发的第一条');
    await customerSends(customer, '断线时发的第二条');
    await agent.fill('[data-testid="chat-composer"]', '客服断线期间回复一');
    await agent.click('[data-testid="chat-send"]');
    await agent.locator('[data-testid="chat-thread"]', { hasText: '客服断线期间回复一' }).waitFor();
    await agent.fill('[data-testid="chat-composer"]', '客服断线期间回复二');
    await agent.click('[data-testid="chat-send"]');
    await customer
      .locator('[data-kefu="message"]', { hasText: '客服断线期间回复二' })
      .waitFor({ timeout: 20_000 });
    await agent
      .locator('[data-testid="chat-thread"]', { hasText: '断线时发的第二条' })
      .waitFor({ timeout: 20_000 });
    const seen = await widget(customer).texts();
    const order = ['断线时发的第一条', '断线时发的第二条'].map((text) =>
      seen.findIndex((s) => s.includes(text)),
    );
    expect(order[0]).toBeLessThan(order[1] as number);
    const replies = ['客服断线期间回复一', '客服断线期间回复二'].map((text) =>
      seen.findIndex((s) => s.includes(text)),
    );
    expect(replies[0]).toBeLessThan(replies[1] as number);
    for (const text of ['断线时发的第一条', '断线时发的第二条', '客服断线期间回复一', '客服断线期间回复二']) {
      expect(seen.filter((s) => s.includes(text))).toHaveLength(1);
      expect(
        await agent.locator('[data-testid="chat-thread"]').getByText(text, { exact: false }).count(),
      ).toBe(1);
    }

    // Markup is shown as text on both sides, never run.
    const customerAttack = '<img src=x onerror="window.__xss=1">客户';
    const agentAttack = '<script>window.__xss=2</script><b onmouseover="window.__xss=3">客服</b>';
    await customerSends(customer, customerAttack);
    await agent.locator('[data-testid="chat-thread"]').getByText(customerAttack).waitFor();
    await agent.fill('[data-testid="chat-composer"]', agentAttack);
    await agent.click('[data-testid="chat-send"]');
    await customer.locator('[data-kefu="message"]').getByText(agentAttack).waitFor();
    expect(await customer.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await agent.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(
      await customer.locator('[data-kefu="messages"] img[src="x"], [data-kefu="messages"] b').count(),
    ).toBe(0);

    // The agent ends the chat; the customer rates it.
    const live = await (await agent.request.get(`${journey.baseUrl}/api/v1/live-chats`)).json();
    const ticketId = live.items[0].ticketId as string;
    await agent.click('[data-testid="end-chat"]');
    await agent.click('[data-testid="end-chat-confirm"]');
    await customer.locator('[data-kefu="rating"]').waitFor();
    await customer.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-chat-widget-rating.png') });
    await customer.click('[data-kefu="rating"] [data-score="3"]');
    await customer.fill('[data-kefu="rating"] textarea', '处理得很快');
    await customer.click('[data-kefu="rating-submit"]');
    await customer.locator('[data-kefu="thanks"]').waitFor();

    // The ticket holds the whole conversation and the rating.
    await agent.goto(`${journey.baseUrl}/tickets/${ticketId}`);
    for (const text of [
      '屏幕有划痕',
      '工号KF2001',
      '请拍一张划痕的照片',
      '断线时发的第二条',
      '客服断线期间回复二',
    ]) {
      await agent.getByText(text, { exact: false }).first().waitFor();
    }
    await agent.locator('[data-testid="satisfaction-rating"]').waitFor();
    expect(await agent.locator('[data-testid="satisfaction-rating"]').textContent()).toContain('满意');
    await agent.screenshot({
      path: path.join(SCREENSHOT_DIR, 'web-chat-ticket-with-rating.png'),
      fullPage: true,
    });
  });
});

describe('the widget on a phone, in English', () => {
  it('fills the screen and speaks the browser language', async () => {
    const context = await journey.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    await phone.goto(`${journey.baseUrl}/widget-demo`);
    await phone.tap('[data-kefu="launcher"]');
    const panel = phone.locator('[data-kefu="panel"]');
    await panel.waitFor();
    const box = await panel.boundingBox();
    expect(box?.width).toBe(390);
    await phone.locator('[data-kefu="welcome"]', { hasText: 'Hello and welcome' }).waitFor();
    await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'web-chat-widget-phone-en.png') });
    await context.close();
  });
});

describe('ticket lookup for customers', () => {
  it('shows the ticket for the right number and phone digits, the same refusal otherwise, and takes a reply', async () => {
    const agent = await newPersonPage(journey.browser);
    await logIn(journey, { email: 'agent@demo.kefu.local', password: demoPassword(journey) }, agent);
    const headers = { 'x-csrf-token': await csrfOf(agent) };
    const api = (url: string, data: unknown) =>
      agent.request.post(`${journey.baseUrl}${url}`, { data, headers });
    const customer = await (await api('/api/v1/customers', { name: '赵敏', phone: '13812345678' })).json();
    const ticket = await (
      await api('/api/v1/tickets', { subject: '电视机无法开机', channel: 'phone', customerId: customer.id })
    ).json();
    await api(`/api/v1/tickets/${ticket.id}/messages`, { direction: 'note', body: '内部备注：疑似主板问题' });
    await api(`/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '已安排工程师明天上门检修',
    });

    const visitor = await newPersonPage(journey.browser);
    await visitor.goto(`${journey.baseUrl}${lookupPath}`);
    const attempt = async (number: string, factor: string) => {
      await visitor.fill('#lookup-number', number);
      await visitor.fill('#lookup-factor', factor);
      await visitor.click('[data-testid="lookup-submit"]');
    };
    await attempt(ticket.number, '0000');
    const refusal = await visitor.locator('[data-testid="lookup-error"]').textContent();
    await attempt('20991231999', '5678');
    await visitor.locator('[data-testid="lookup-error"]').waitFor();
    expect(await visitor.locator('[data-testid="lookup-error"]').textContent()).toBe(refusal);

    await attempt(ticket.number, '5678');
    await visitor.locator('[data-testid="lookup-ticket"]').waitFor();
    await visitor.getByText('已安排工程师明天上门检修').waitFor();
    expect(await visitor.getByText('疑似主板问题').count()).toBe(0);
    await visitor.fill('#lookup-reply', '好的，明天下午在家');
    await visitor.click('[data-testid="lookup-send"]');
    await visitor.locator('[data-testid="lookup-message"]', { hasText: '明天下午在家' }).waitFor();
    await visitor.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-lookup.png'), fullPage: true });

    const thread = await (await agent.request.get(`${journey.baseUrl}/api/v1/tickets/${ticket.id}`)).json();
    expect(thread.messages.at(-1)).toMatchObject({ direction: 'inbound', body: '好的，明天下午在家' });
  });
});

async function csrfOf(page: Page): Promise<string> {
  const me = await (await page.request.get(`${new URL(page.url()).origin}/api/v1/me`)).json();
  return me.csrfToken as string;
}
