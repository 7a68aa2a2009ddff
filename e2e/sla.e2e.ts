import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, type Journey, logIn, newPersonPage, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  // The test hooks let the journey move the server's clock past a deadline instead of waiting two hours.
  journey = await startJourney({ demo: true, env: { KEFU_TEST_HOOKS: '1' } });
});
afterAll(async () => {
  await journey?.close();
});

/** Moves the server's SLA clock forward; the server then runs its due timers at once. */
async function advanceServerClock(seconds: number): Promise<void> {
  const response = await fetch(`${journey.baseUrl}/api/v1/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.status).toBe(200);
}

describe('service levels on the demo desk', () => {
  it('applies preset 001, times an urgent ticket, and tells the supervisor when it breaches', async () => {
    const { page, baseUrl } = journey;
    const password = demoPassword(journey);
    await logIn(journey, { email: 'admin@demo.kefu.local', password });

    // 服务方案: seed 001's stage deadlines replace the demo's service levels.
    await page.click('a[href="/admin/sla/presets"]');
    const preset = page.locator('[data-testid="preset-response-process"]');
    await preset.waitFor();
    expect(await preset.locator('[data-testid="preset-targets"]').textContent()).toContain('登记');
    await preset.locator('[data-testid="preset-apply"]').click();
    await page.locator('.ant-modal-confirm').waitFor();
    expect(await page.locator('.ant-modal-confirm').textContent()).toContain('SLA 策略');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.locator('[data-testid="preset-response-process"][data-current="true"]').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'sla-presets-zh.png'), fullPage: true });

    // An urgent request taken by phone: 紧急 under 001 is due for resolution within 2 hours.
    await page.click('a[href="/tickets"]');
    await page.click('[data-testid="ticket-new"]');
    const dialog = page.locator('.ant-modal:visible');
    await page.fill('#ticket-subject', '企业后台批量导出报错，影响月底结算');
    await dialog.getByText('紧急', { exact: true }).click();
    await page.click('[data-testid="ticket-create-submit"]');
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketNumber = ((await page.locator('[data-testid="ticket-number"]').textContent()) ?? '').trim();
    expect(ticketNumber).toMatch(/\d{11}/);

    const card = page.locator('[data-testid="ticket-sla"]');
    const resolution = card.locator('[data-testid="sla-resolution"]');
    await resolution.waitFor();
    expect(await resolution.getAttribute('data-state')).toBe('running');
    expect(await resolution.textContent()).toMatch(/截止 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await card.textContent()).toContain('剩余');
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-sla-running-zh.png') });

    // The supervisor is at her desk, in a browser of her own, when the deadline passes.
    const supervisorPage = await newPersonPage(journey.browser);
    await logIn(journey, { email: 'supervisor@demo.kefu.local', password }, supervisorPage);
    const bell = supervisorPage.locator('[data-testid="notification-bell"]');
    await bell.waitFor();
    for (const desk of [page, supervisorPage]) {
      await desk.waitForFunction(
        () => (window as { __kefuRealtime?: { state: string } }).__kefuRealtime?.state === 'open',
      );
    }

    // 2 h 5 min later nobody has solved it: the resolution deadline is missed, seen live on the open ticket
    // (sooner than the pages' 30 s refresh).
    await advanceServerClock(7500);
    await expect.poll(() => resolution.getAttribute('data-state'), { timeout: 15_000 }).toBe('breached');
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-sla-breached-zh.png') });

    // The escalation pops up for the supervisor and waits under the bell, naming the ticket.
    const toast = supervisorPage.locator('[data-testid="notification-toast"]', { hasText: ticketNumber });
    await toast.waitFor({ timeout: 15_000 });
    const unread = () => bell.getAttribute('data-unread').then(Number);
    await expect.poll(unread).toBeGreaterThan(0);
    const unreadBefore = await unread();
    await bell.click();
    const item = supervisorPage
      .locator('[data-testid="notification-item"]', { hasText: ticketNumber })
      .first();
    await item.waitFor();
    expect(await item.textContent()).toContain('超时');
    await supervisorPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'sla-notification-zh.png') });

    // Opening it leads to the ticket (or, for a digest of several, to the overdue tickets) and marks it read.
    await item.click();
    await supervisorPage.waitForURL(`${baseUrl}/tickets**`);
    await supervisorPage.getByText(ticketNumber).first().waitFor();
    await expect.poll(unread).toBeLessThan(unreadBefore);
  });
});
