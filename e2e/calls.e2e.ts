import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Journey, logIn, SCREENSHOT_DIR, startJourney } from './harness';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
});
afterAll(async () => {
  await journey?.close();
});

/** The customer a ticket page shows, by the link in its customer panel. */
async function customerLinkOf(journey: Journey): Promise<string | null> {
  const link = journey.page.locator('a[href^="/customers/"]').first();
  await link.waitFor();
  return link.getAttribute('href');
}

describe('an agent without a phone system', () => {
  it('logs a call from a landline, registers a store request for the same number written otherwise, and finds both on one customer', async () => {
    const { page, baseUrl } = journey;
    await logIn(journey, journey.admin);

    // The call, typed as the caller read it out.
    await page.click('a[href="/calls"]');
    await page.locator('[data-testid="call-metrics-today"]').waitFor();
    await page.fill('#call-phone', '010-87654321');
    await page.locator('[data-testid="caller-history"]', { hasText: '新号码' }).waitFor();
    await page.fill('#call-answered-after', '6');
    await page.fill('#call-duration', '125');
    await page.fill('#call-notes', '询问门店营业时间，周末是否可以上门安装');
    await page.click('[data-testid="call-submit"]');
    const logged = page.locator('[data-testid="call-logged"]');
    await logged.waitFor();
    const callTicketNumber = /\d{11}/.exec((await logged.textContent()) ?? '')?.[0];
    expect(callTicketNumber).toBeTruthy();
    // Today's figures count it: one inbound call, answered within 15 s.
    const today = page.locator('[data-testid="call-metrics-today"]');
    await expect.poll(async () => (await today.textContent()) ?? '').toContain('100%');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'call-log-zh.png'), fullPage: true });
    await page.click('[data-testid="call-logged-ticket"]');
    await page.locator('[data-testid="ticket-number"]', { hasText: callTicketNumber }).waitFor();
    const callEntry = page.locator('[data-testid="timeline-entry"][data-kind="call_logged"]');
    await callEntry.waitFor();
    expect(await callEntry.textContent()).toMatch(/记录了来电 010\*+21，6 秒接听，通话 2 分 5 秒/);
    const callCustomer = await customerLinkOf(journey);

    // The same person walks into the store; the clerk writes the number with brackets and spaces.
    await page.click('a[href="/manual-entry"]');
    await page.fill('#request-source-detail', '北京朝阳大悦城店');
    await page.fill('#request-name', '赵先生');
    await page.fill('#request-phone', '(010) 8765 4321');
    // The caller's history is on screen before anything is registered: the ticket of the call.
    await page
      .locator('[data-testid="caller-open-ticket"]', { hasText: callTicketNumber as string })
      .waitFor();
    expect(await page.locator('[data-testid="caller-call"]').count()).toBe(1);
    await page.fill('#request-text', '扫地机器人不回充，门店检测为充电座故障，申请更换充电座');
    await page.fill('#request-order', 'DD20261201123456');
    await page.click('[data-testid="request-submit"]');
    const registered = page.locator('[data-testid="request-registered"]');
    await registered.waitFor();
    const storeTicketNumber = /\d{11}/.exec((await registered.textContent()) ?? '')?.[0];
    expect(storeTicketNumber).toBeTruthy();
    expect(storeTicketNumber).not.toBe(callTicketNumber);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'manual-entry-zh.png'), fullPage: true });
    await page.click('[data-testid="request-registered-ticket"]');
    await page.locator('[data-testid="ticket-number"]', { hasText: storeTicketNumber }).waitFor();
    const registration = page.locator('[data-testid="timeline-entry"][data-kind="request_registered"]');
    await registration.waitFor();
    expect(await registration.textContent()).toContain('登记了门店请求（北京朝阳大悦城店）');
    expect(await page.locator('[data-testid="thread-message"]').first().textContent()).toContain(
      '扫地机器人不回充',
    );
    expect(await customerLinkOf(journey)).toBe(callCustomer);

    // One customer, with both tickets, and the name given in the store on the profile the call started.
    await page.goto(`${baseUrl}${callCustomer}`);
    await page.getByText('赵先生', { exact: true }).first().waitFor();
    for (const number of [callTicketNumber, storeTicketNumber] as string[])
      await page.getByRole('link', { name: number, exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'call-customer-zh.png'), fullPage: true });
  });
});
