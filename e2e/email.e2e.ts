import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, logIn, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
let smtpPort: number;
/** The sender's tracking server: every request a mail's HTML makes from the agent's browser lands here. */
let tracker: http.Server;
let trackerUrl: string;
const trackerHits: string[] = [];

/** The listener starts after the HTTP server is ready; its port is in the start-up lines. */
async function smtpPortOf(journey: Journey): Promise<number> {
  const started = Date.now();
  for (;;) {
    const port = /received on SMTP port (\d+)\./.exec(journey.kefu.output())?.[1];
    if (port) return Number(port);
    if (Date.now() - started > 15_000) throw new Error(`no SMTP port in:\n${journey.kefu.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  journey = await startJourney();
  smtpPort = await smtpPortOf(journey);
  tracker = http.createServer((request, response) => {
    trackerHits.push(request.url ?? '');
    response.setHeader('content-type', 'image/png');
    response.end(
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  tracker?.close();
  await journey?.close();
});

const MAILBOX = 'support@xinghe.example';

/** Every way a mail's HTML could try to run, fetch, navigate or submit, around the text the agent should read. */
const hostileHtml = (tracking: string) => `<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=${tracking}/refresh">
<style>body{background:url(${tracking}/track)}</style>
<script>alert('script');parent.document.title='pwned';window.top.__pwned=1</script>
</head><body>
<p>您好，订单 DD20261202001 的空调不制冷，照片见下。</p>
<img src="x" onerror="alert('img');window.top.__pwned=2">
<svg onload="alert('svg');window.top.__pwned=3"><circle r="5"></circle></svg>
<a href="javascript:alert('link');window.top.__pwned=4">查看物流</a>
<iframe srcdoc="<script>alert('srcdoc');window.top.__pwned=5</script>"></iframe>
<form action="${tracking}/form" method="post"><input name="q" autofocus onfocus="alert('focus');window.top.__pwned=6"><button>提交</button></form>
<img src="${tracking}/pixel.png" alt="空调照片">
<p>王芳 138 1234 5678</p>
</body></html>`;

describe('e-mail: the admin sets up a mailbox, a hostile HTML mail arrives, the agent reads it safely', () => {
  it('creates the mailbox in the admin page, receives over SMTP, shows the HTML sandboxed, images on request', async () => {
    const { page, baseUrl } = journey;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await logIn(journey, journey.admin);

    // The admin adds the mailbox in the form, with the seed-003 subject and a preview of it.
    await page.goto(`${baseUrl}/admin/mailboxes`);
    await page.click('[data-testid="mailbox-create"]');
    const form = page.locator('[data-testid="mailbox-form"]');
    await form.locator('[data-testid="mailbox-address"]').fill(MAILBOX);
    await form.locator('[data-testid="mailbox-display-name"]').fill('星河商城客服');
    await form
      .locator('[data-testid="subject-template-default"]')
      .fill('【售后反馈】关于{subject}的处理进度');
    await expect
      .poll(() => form.locator('[data-testid="subject-preview"]').first().textContent())
      .toBe('示例：【售后反馈】关于空调不制冷的处理进度 [#20261202001]');
    await form.locator('[data-testid="mailbox-signature"]').fill('星河商城客服中心 400-800-1234');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'email-mailbox-form.png') });
    await page.click('[data-testid="mailbox-save"]');
    const row = page.locator('[data-testid="mailboxes-table"] tr', { hasText: MAILBOX });
    await row.waitFor();
    expect(await row.textContent()).toContain('Kefu SMTP 服务');
    const [mailbox] = await (await page.request.get(`${baseUrl}/api/v1/email/mailboxes`)).json();
    expect(mailbox).toMatchObject({
      address: MAILBOX,
      displayName: '星河商城客服',
      smtpInbound: true,
      enabled: true,
      subjectTemplates: { default: '【售后反馈】关于{subject}的处理进度' },
    });

    // Switched off and on again, the mailbox keeps every setting.
    await row.locator('[data-testid="mailbox-enabled"]').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await row.locator('[data-testid="mailbox-enabled"][aria-checked="false"]').waitFor();
    await row.locator('[data-testid="mailbox-enabled"]').click();
    await row.locator('[data-testid="mailbox-enabled"][aria-checked="true"]').waitFor();
    const [switched] = await (await page.request.get(`${baseUrl}/api/v1/email/mailboxes`)).json();
    expect(switched).toEqual({ ...mailbox, enabled: true });

    // The same address again: the server's refusal shows under the address field.
    await page.click('[data-testid="mailbox-create"]');
    await form.locator('[data-testid="mailbox-address"]').fill(MAILBOX);
    await page.click('[data-testid="mailbox-save"]');
    await form.locator('.ant-form-item-explain-error', { hasText: '已经是一个邮箱' }).waitFor();
    await page.keyboard.press('Escape');

    // A customer's mail client hands the hostile mail to Kefu's SMTP listener.
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const sent = await client.sendMail({
      from: { name: '王芳', address: 'wang.fang@customer.example' },
      to: MAILBOX,
      subject: '空调不制冷',
      html: hostileHtml(trackerUrl),
      headers: {
        'Authentication-Results':
          'mx.customer.example; spf=pass smtp.mailfrom=customer.example; dkim=fail header.d=customer.example; dmarc=none',
      },
    });
    client.close();
    expect(sent.accepted).toEqual([MAILBOX]);

    const tickets = (await (await page.request.get(`${baseUrl}/api/v1/tickets?view=all`)).json()).items;
    const ticket = tickets.find((item: { subject: string }) => item.subject === '空调不制冷');
    expect(ticket).toMatchObject({ channel: 'email' });

    // The agent opens the ticket: the text, the original and the HTML toggle (no forged verdicts).
    await page.goto(`${baseUrl}/tickets/${ticket.id}`);
    const message = page.locator('[data-testid="thread-message"][data-direction="inbound"]');
    await message.locator('text=订单 DD20261202001 的空调不制冷').first().waitFor();
    await message.locator('[data-testid="email-html-toggle"]').waitFor();
    // The sender wrote its own "spf=pass" and the mail came straight to Kefu's listener: no verdict is shown.
    expect(await message.locator('[data-testid="email-auth"]').count()).toBe(0);
    expect(await message.locator('[data-testid="email-original"]').getAttribute('href')).toMatch(
      /^\/api\/v1\/attachments\//,
    );

    await message.locator('[data-testid="email-html-toggle"]').click();
    const frameElement = message.locator('[data-testid="email-html-frame"]');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('sandbox')).toBe('');
    const htmlFrame = await (await frameElement.elementHandle())?.contentFrame();
    if (!htmlFrame) throw new Error('the HTML frame has no document');
    await htmlFrame.waitForLoadState('load');
    await htmlFrame.locator('text=订单 DD20261202001 的空调不制冷').waitFor();
    expect(htmlFrame.url()).toMatch(/\/api\/v1\/messages\/[0-9a-f-]+\/email\.html$/);

    // Nothing ran, nothing was fetched from the sender, the page around it is untouched.
    await page.waitForTimeout(1_000);
    expect(dialogs).toEqual([]);
    expect(trackerHits).toEqual([]);
    expect(await page.title()).not.toBe('pwned');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await htmlFrame.locator('script').count()).toBe(0);
    expect(
      await htmlFrame
        .locator('[onerror], [onload], [onfocus], iframe, form, meta[http-equiv], style')
        .count(),
    ).toBe(0);
    expect(await htmlFrame.locator('a[href^="javascript:"]').count()).toBe(0);
    // The page as served, read with the agent's login: the sanitiser's wall, besides the frame's.
    const served = await page.request.get(htmlFrame.url());
    expect(served.headers()['content-security-policy']).toMatch(
      /^sandbox; default-src 'none'; img-src data:;/,
    );
    expect(served.headers()['x-frame-options']).toBe('SAMEORIGIN');
    const body = await served.text();
    for (const vector of [
      '<script',
      'onerror',
      'onload',
      'onfocus',
      'javascript:',
      'srcdoc',
      '<form',
      '<style',
      'http-equiv',
      `${trackerUrl}/track`,
    ]) {
      expect(body.toLowerCase()).not.toContain(vector.toLowerCase());
    }
    await message.screenshot({ path: path.join(SCREENSHOT_DIR, 'email-html-view.png') });

    // A click on what was a javascript: link does nothing either.
    await htmlFrame.locator('text=查看物流').click();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    // Only on the agent's word do the remote images load: the tracking pixel arrives, nothing else does.
    await message.locator('[data-testid="email-show-images"]', { hasText: '显示图片 (1)' }).click();
    await expect.poll(() => trackerHits, { timeout: 10_000 }).toContain('/pixel.png');
    const withImages = await (await frameElement.elementHandle())?.contentFrame();
    expect(withImages?.url()).toMatch(/email\.html\?images=show$/);
    await page.waitForTimeout(500);
    expect(trackerHits).toEqual(['/pixel.png']);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await message.screenshot({ path: path.join(SCREENSHOT_DIR, 'email-html-images-shown.png') });
  });
});
