import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, type Journey, logIn, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney({ demo: true });
});
afterAll(async () => {
  await journey?.close();
});

describe('a frontline agent on the demo desk', () => {
  it('opens the inbox, filters, searches, replies, changes priority and sees it all in the timeline', async () => {
    const { page } = journey;
    await logIn(journey, { email: 'agent@demo.kefu.local', password: demoPassword(journey) });

    await page.click('a[href="/tickets"]');
    await page.locator('[data-testid="ticket-row"]').first().waitFor();
    await page.click('[data-testid="view-all_open"]');
    await expect.poll(() => page.locator('[data-testid="ticket-row"]').count()).toBeGreaterThanOrEqual(6);

    // Filter to urgent: the complaint threatening exposure and the enterprise outage.
    await page.click('[data-testid="filter-priority"]');
    await page.locator('.ant-select-dropdown:visible').getByText('紧急', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="ticket-row"]').count()).toBe(2);
    const urgentSubjects = await page.locator('[data-testid="ticket-row"]').allTextContents();
    expect(urgentSubjects.join('\n')).toContain('企业账号无法登录后台');

    await page.goto(`${journey.baseUrl}/tickets?view=all&q=${encodeURIComponent('退货')}`);
    const returnRow = page.locator('[data-testid="ticket-row"]', { hasText: '申请退货' });
    await returnRow.waitFor();
    await expect.poll(() => page.locator('[data-testid="ticket-row"]').count()).toBe(1);
    await returnRow.locator('a[href^="/tickets/"]').first().click();

    await page.locator('[data-testid="ticket-number"]').waitFor();
    expect(await page.locator('[data-testid="ticket-number"]').textContent()).toMatch(/\d{11}/);
    const messagesBefore = await page.locator('[data-testid="thread-message"]').count();
    const timelineBefore = await page.locator('[data-testid="timeline-entry"]').count();

    await page.click('[data-testid="reply-mode-outbound"]');
    const reply = '您好，退货已签收，退款将在 1-3 个工作日原路退回。';
    await page.fill('[data-testid="reply-input"]', reply);
    await page.click('[data-testid="reply-send"]');
    await expect.poll(() => page.locator('[data-testid="thread-message"]').count()).toBe(messagesBefore + 1);
    expect(await page.locator('[data-testid="thread-message"]').last().textContent()).toContain(
      '退款将在 1-3 个工作日原路退回',
    );

    // The reply is in the timeline too; then the priority change follows it.
    await expect.poll(() => page.locator('[data-testid="timeline-entry"]').count()).toBe(timelineBefore + 1);
    await page.click('[data-testid="ticket-priority"]');
    await page.locator('.ant-select-dropdown:visible').getByText('重要', { exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="timeline-entry"]').count()).toBe(timelineBefore + 2);
    const lastEntry = await page.locator('[data-testid="timeline-entry"]').last().textContent();
    expect(lastEntry).toContain('重要');
    expect(lastEntry).toContain('李娜');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-zh.png'), fullPage: true });
  });
});
