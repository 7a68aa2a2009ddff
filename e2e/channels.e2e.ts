import path from 'node:path';
import { startCallbackServer } from '@server/test/callback-server';
import { postSignedHttp } from '@server/test/kefu-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, logIn, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

describe('an admin connects a marketplace through the signed API channel', () => {
  it('creates the channel, sees a buyer message arrive live, replies, and retries a refused reply', async () => {
    const { page, baseUrl } = journey;
    let secret = '';
    let refuse = false;
    const callback = await startCallbackServer(
      () => secret,
      () =>
        refuse
          ? { kind: 'status', status: 400, body: { code: 'window_expired', detail: '已超过平台回复时限' } }
          : { kind: 'ok' },
    );
    try {
      await logIn(journey, journey.admin);
      await page.goto(`${baseUrl}/admin/channels`);
      await page.getByRole('button', { name: /新建接入/ }).click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.locator('.ant-select').first().click();
      await page.locator('.ant-select-dropdown:visible').getByText('淘宝', { exact: true }).first().click();
      await dialog.locator('#name').fill('千牛客服桥接');
      await dialog.locator('#callbackUrl').fill(callback.url);
      await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
      const secretField = page.locator('[data-testid="channel-signing-secret"]');
      await secretField.waitFor();
      secret = ((await secretField.textContent()) ?? '').trim();
      expect(secret).toMatch(/^kefu_whsec_/);
      const inboundUrl = (
        (await page.locator('[data-testid="channel-inbound-url"]').textContent()) ?? ''
      ).trim();
      const channelId = /channels\/([0-9a-f-]{36})\/messages/.exec(inboundUrl)?.[1] as string;
      expect(channelId).toBeTruthy();
      await page.locator('.ant-modal', { hasText: '新建渠道接入' }).waitFor({ state: 'hidden' });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'channel-secret-zh.png') });
      await page.keyboard.press('Escape');

      // The inbox is open when the buyer writes: the ticket appears without a reload.
      await page.goto(`${baseUrl}/tickets?view=all`);
      await page.waitForFunction(
        () => (window as { __kefuRealtime?: { state: string } }).__kefuRealtime?.state === 'open',
      );
      const posted = await postSignedHttp(
        baseUrl,
        { id: channelId, secret },
        {
          externalId: 'qn-20261201-0001',
          conversationId: 'qn-conv-buyer-a',
          sender: { id: 'tb_buyer_a', nickname: '淘气的小猫' },
          text: '你好，订单 3561829912345678901 显示已签收，但我没有收到',
        },
      );
      expect(posted.status).toBe(200);
      const row = page.locator('[data-testid="ticket-row"]', { hasText: '显示已签收' });
      await row.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'inbox-live-zh.png') });

      await row.locator('a[href^="/tickets/"]').first().click();
      await page.locator('[data-testid="ticket-number"]').waitFor();
      expect(await page.locator('body').textContent()).toContain('3561829912345678901');
      await page.locator('[data-testid="ticket-number"]').waitFor();
      await page.click('[data-testid="reply-mode-outbound"]');
      await page.fill('[data-testid="reply-input"]', '您好，我理解您的着急，我为您查询一下物流。');
      await page.click('[data-testid="reply-send"]');
      const states = page.locator('[data-testid="delivery-state"]');
      await expect.poll(() => states.last().textContent(), { timeout: 10_000 }).toContain('已发送');
      expect(callback.shown.map((r) => r.body.text)).toEqual(['您好，我理解您的着急，我为您查询一下物流。']);

      // The platform refuses the next reply: the agent sees why, and sends it again once it is possible.
      refuse = true;
      await page.fill('[data-testid="reply-input"]', '物流显示在驿站，请您凭取件码领取。');
      await page.click('[data-testid="reply-send"]');
      const failure = page.locator('[data-testid="delivery-failure"]');
      await failure.waitFor({ timeout: 10_000 });
      expect(await failure.textContent()).toContain('已超出平台回复时限');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reply-failed-zh.png'), fullPage: true });
      refuse = false;
      await page.click('[data-testid="retry-delivery"]');
      await expect.poll(() => states.last().textContent(), { timeout: 10_000 }).toContain('已发送');
      expect(callback.shown.map((r) => r.body.text)).toEqual([
        '您好，我理解您的着急，我为您查询一下物流。',
        '物流显示在驿站，请您凭取件码领取。',
      ]);
    } finally {
      await callback.close();
    }
  });
});
